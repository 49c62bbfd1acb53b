/* help.c - the help screen: every key from the action table. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>

#include "actions.h"
#include "config.h"

static const char *const intro[] = {
	PACKAGE_NAME " " PACKAGE_VERSION " - a live tree of every process",
	"",
	"Columns: PID, PPID parent, S state (R running, S sleeping, D disk wait,",
	"Z zombie, T stopped, I idle), CPU% since the last refresh, RSS resident",
	"memory, THR threads, ELAPSED time since start, COMMAND its command line.",
	"Process names are shown escaped: \\e, \\n, \\x9b ... never reach the terminal.",
	"The output pane shows the selected task's output; on forktop's own row, the",
	"demo's terminal: every task's lines and the main process's (主 3.00).",
	"",
};

void ui_draw_help(struct app *a, int height, int width)
{
	size_t n;
	const struct action *t = actions_table(&n);
	int total = (int)(ARRAY_LEN(intro) + n + 2);
	int lines = height - 1;
	if (a->help_top > total - lines)
		a->help_top = total - lines > 0 ? total - lines : 0;
	int y = 0;
	for (int i = a->help_top; i < total && y < lines; i++, y++) {
		if (i < (int)ARRAY_LEN(intro)) {
			ui_put(y, 0, intro[i], width, i == 0 ? ui_theme.header : ui_theme.elem[TE_NORMAL]);
			continue;
		}
		size_t k = (size_t)i - ARRAY_LEN(intro);
		if (k >= n || !t[k].help) {
			y--;	/* entries without help text take no line */
			continue;
		}
		char key[32];
		snprintf(key, sizeof key, "  %-12s", t[k].keyname);
		ui_put(y, 0, key, width, ui_theme.help_key);
		if (width > 14)
			ui_put(y, 14, t[k].help, width - 14, ui_theme.elem[TE_NORMAL]);
	}
	ui_put(height - 1, 0, "Press any key to return (arrows scroll).", width,
	       ui_theme.status);
}
