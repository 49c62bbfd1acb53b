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

/* The help's lines: the intro, then one line an action (some have none). */
static int help_total(void)
{
	size_t n;
	actions_table(&n);
	return (int)(ARRAY_LEN(intro) + n + 2);
}

void ui_help_layout(struct app *a, int height)
{
	int total = help_total(), lines = height - 1;
	if (a->view.help_top > total - lines)
		a->view.help_top = total - lines > 0 ? total - lines : 0;
}

void ui_draw_help(const struct app *a, int height, int width)
{
	size_t n;
	const struct action *t = actions_table(&n);
	int total = help_total();
	int lines = height - 1;
	int y = 0;
	for (int i = a->view.help_top; i < total && y < lines; i++, y++) {
		if (i < (int)ARRAY_LEN(intro)) {
			ui_put(y, 0, intro[i], width, i == 0 ? ui_attr(TE_HEADER) : ui_attr(TE_NORMAL));
			continue;
		}
		size_t k = (size_t)i - ARRAY_LEN(intro);
		if (k >= n || !t[k].help) {
			y--;	/* entries without help text take no line */
			continue;
		}
		char key[32];
		snprintf(key, sizeof key, "  %-12s", t[k].keyname);
		ui_put(y, 0, key, width, ui_attr(TE_HELP_KEY));
		if (width > 14)
			ui_put(y, 14, t[k].help, width - 14, ui_attr(TE_NORMAL));
	}
	ui_put(height - 1, 0, "Press any key to return (arrows scroll).", width,
	       ui_attr(TE_STATUS));
}
