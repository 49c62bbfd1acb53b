/* help.c - the help screen: the intro, then every key of the verbs' table (the lines
 * the model holds, app.key_help). */
#include "ui.h"

#include <curses.h>
#include <stdio.h>

#include "config.h"
#include "signals.h"

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

/* The help's lines: the intro, one line a key, then the signal menu's entries (the same
 * list the menu shows). */
static int help_total(const struct app *a)
{
	size_t nsig;
	signal_menu(&nsig);
	return (int)(ARRAY_LEN(intro) + a->nkey_help + 2 + nsig);
}

void ui_help_layout(struct app *a, int height)
{
	int total = help_total(a), lines = height - 1;
	if (a->view.help_top > total - lines)
		a->view.help_top = total - lines > 0 ? total - lines : 0;
}

/* Line i past the intro: its key column (in key) and text; false for a blank line. */
static bool key_line(const struct app *a, size_t i, char *key, size_t size, const char **what)
{
	size_t nsig;
	const struct signal_choice *sigs = signal_menu(&nsig);
	if (i < a->nkey_help) {
		snprintf(key, size, "  %-12s", a->key_help[i].keys);
		*what = a->key_help[i].what;
		return true;
	}
	i -= a->nkey_help;
	if (i == 0)
		return false;
	if (i == 1) {
		snprintf(key, size, "%-14s", "F9 k sends:");
		*what = "(Enter in the menu; tagged processes each get it)";
		return true;
	}
	i -= 2;
	snprintf(key, size, "  %-12s", i < nsig ? signal_name(sigs[i].sig) : "");
	*what = i < nsig ? sigs[i].what : "";
	return true;
}

void ui_draw_help(const struct app *a, int height, int width)
{
	int total = help_total(a);
	int lines = height - 1;
	for (int i = a->view.help_top, y = 0; i < total && y < lines; i++, y++) {
		char key[64];
		const char *what;
		if (i < (int)ARRAY_LEN(intro)) {
			ui_put(y, 0, intro[i], width, i == 0 ? ui_attr(TE_HEADER) : ui_attr(TE_NORMAL));
			continue;
		}
		if (!key_line(a, (size_t)i - ARRAY_LEN(intro), key, sizeof key, &what))
			continue;
		ui_put(y, 0, key, width, ui_attr(TE_HELP_KEY));
		if (width > 14)
			ui_put(y, 14, what, width - 14, ui_attr(TE_NORMAL));
	}
	ui_put(height - 1, 0, "Press any key to return (arrows scroll).", width,
	       ui_attr(TE_STATUS));
}
