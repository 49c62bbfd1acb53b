/* app.h - the state of one interactive session, shared by the loop, the actions and
 * the screen. Plain data: no curses here. */
#ifndef FORKTOP_APP_H
#define FORKTOP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"
#include "scan.h"
#include "tree.h"

/* Keys as the actions see them: a Unicode code point, or one of these (above Unicode). */
enum fk_key {
	FK_NONE = 0,
	FK_BASE = 0x110000,
	FK_UP, FK_DOWN, FK_LEFT, FK_RIGHT, FK_PGUP, FK_PGDN, FK_HOME, FK_END,
	FK_ENTER, FK_ESC, FK_BACKSPACE, FK_RESIZE,
	FK_F1, FK_F2, FK_F3, FK_F4, FK_F5, FK_F6, FK_F7, FK_F8, FK_F9, FK_F10,
	FK_CLICK,		/* mouse click on screen row app.click_row */
	FK_WHEEL_UP, FK_WHEEL_DOWN,
};

struct app {
	struct options opts;
	scan_t *scan;
	tree_t *tree;
	bool utf8;		/* draw with UTF-8 box drawing */
	bool help;		/* the help screen is shown */
	int help_top;		/* first help line shown */
	int page;		/* tree rows on screen, for PgUp/PgDn (set by the screen) */
	int click_row;		/* tree row index under the last mouse click, or -1 */
	char status[256];	/* a one-line message for the user, "" for none */
	bool root_gone;		/* the --pid process has ended */
};

#endif
