/* keybar.c - the function-key bar at the bottom: htop's F1-F10 with htop's meanings
 * (it fits 80 columns), then forktop's own letter verbs where the width allows. */
#include "ui.h"

#include <curses.h>
#include <string.h>

#include "text.h"

static const struct { const char *key, *label; } keys[] = {
	{ "F1", "Help" }, { "F2", "Setup" }, { "F3", "Search" }, { "F4", "Filter" },
	{ "F5", "Tree" }, { "F6", "SortBy" }, { "F7", "Nice-" }, { "F8", "Nice+" },
	{ "F9", "Kill" }, { "F10", "Quit" },
	{ " n", "New" }, { "j", "Join" }, { "X", "EndTree" }, { "d", "Daemon" },
	{ "r", "Rename" }, { "L", "Life" }, { "o", "Panes" },
};

/* The search or filter bar, in place of the keys while it is open. */
static void draw_bar(const struct app *a, int y, int width)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "%s: ", a->bar.kind == BAR_SEARCH ? "Search" : "Filter");
	int x = text_width(b.p, b.len);
	ui_put(y, 0, sbuf_str(&b), width, ui_attr(TE_KEYBAR_KEY));
	sbuf_free(&b);
	sbuf_init(&b);
	/* Typed text holds no control characters (field_add refuses them). */
	sbuf_printf(&b, "%s_  ", a->bar.text);
	if (x < width)
		ui_put(y, x, sbuf_str(&b), width - x, ui_attr(TE_KEYBAR_LABEL));
	x += text_width(b.p, b.len);
	sbuf_reset(&b);
	if (a->bar.missed) {	/* in the error colour: the selection did not move */
		sbuf_adds(&b, "(no match)  ");
		if (x < width)
			ui_put(y, x, sbuf_str(&b), width - x, ui_attr(TE_DIALOG_ERROR));
		x += text_width(b.p, b.len);
		sbuf_reset(&b);
	}
	if (a->bar.kind == BAR_SEARCH && !a->bar.text[0] && a->bar.last_search[0])
		sbuf_printf(&b, "F3 again: \"%s\"  ", a->bar.last_search);
	sbuf_adds(&b, a->bar.kind == BAR_SEARCH ? "F3 next  Enter done  Esc cancel" :
		  "Enter keep  Esc clear");
	if (x < width)
		ui_put(y, x, sbuf_str(&b), width - x, ui_attr(TE_KEYBAR_LABEL));
	sbuf_free(&b);
}

void ui_draw_keybar(const struct app *a, int y, int width)
{
	int x = 0;
	move(y, 0);
	clrtoeol();
	if (a->bar.kind != BAR_NONE) {
		draw_bar(a, y, width);
		return;
	}
	char filter[96];
	for (size_t i = 0; i < ARRAY_LEN(keys) && x < width; i++) {
		const char *label = keys[i].label;
		if (strcmp(keys[i].key, "F5") == 0 && tree_mode(a->tree) == TREE_MODE_LIST)
			label = "List";
		if (strcmp(keys[i].key, "F4") == 0 && tree_filter(a->tree)) {
			const char *f = tree_filter(a->tree);
			int w;
			size_t n = text_fit(f, strlen(f), 20, &w);	/* whole characters */
			snprintf(filter, sizeof filter, "Filter[%.*s]", (int)n, f);
			label = filter;
		}
		int kw = text_width(keys[i].key, strlen(keys[i].key));
		int lw = text_width(label, strlen(label));
		ui_put(y, x, keys[i].key, kw < width - x ? kw : width - x, ui_attr(TE_KEYBAR_KEY));
		x += kw;
		if (x >= width)
			break;
		ui_put(y, x, label, lw + 1 < width - x ? lw + 1 : width - x, ui_attr(TE_KEYBAR_LABEL));
		x += lw + 1;
	}
}
