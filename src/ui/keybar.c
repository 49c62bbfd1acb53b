/* keybar.c - the function-key bar at the bottom, htop style. */
#include "ui.h"

#include <curses.h>
#include <string.h>

#include "../text.h"

static const struct { const char *key, *label; } keys[] = {
	{ "F1", "Help" }, { "F2", "New" }, { "F5", "Tree" }, { "F9", "Signal" },
	{ "j", "Join" }, { "X", "EndTree" }, { "d", "Daemonize" }, { "r", "Rename" },
	{ "Spc", "Tag" }, { "-", "Fold" }, { "+", "Unfold" }, { "F10", "Quit" },
};

void ui_draw_keybar(struct app *a, int y, int width)
{
	int x = 0;
	move(y, 0);
	clrtoeol();
	for (size_t i = 0; i < ARRAY_LEN(keys) && x < width; i++) {
		const char *label = keys[i].label;
		if (i == 2 && tree_mode(a->tree) == TREE_MODE_LIST)
			label = "List";
		int kw = text_width(keys[i].key, strlen(keys[i].key));
		int lw = text_width(label, strlen(label));
		ui_put(y, x, keys[i].key, kw < width - x ? kw : width - x, ui_theme.keybar_key);
		x += kw;
		if (x >= width)
			break;
		ui_put(y, x, label, lw + 1 < width - x ? lw + 1 : width - x, ui_theme.keybar_label);
		x += lw + 1;
	}
}
