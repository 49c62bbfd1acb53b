/* actions.h - one function per user action, bound to keys in one table. */
#ifndef FORKTOP_ACTIONS_H
#define FORKTOP_ACTIONS_H

#include <stddef.h>

#include "app.h"

/* What the loop must do after an action. */
enum {
	ACT_NONE = 0,
	ACT_REDRAW = 1 << 0,	/* the screen changed */
	ACT_REBUILD = 1 << 1,	/* rebuild the rows from the current snapshot */
	ACT_QUIT = 1 << 2,
};

struct action {
	int keys[3];		/* fk_key values or code points; 0 ends the list */
	const char *keyname;	/* as the help screen shows it */
	const char *help;
	int (*run)(struct app *a);
};

/* Runs the action bound to key; returns ACT_* flags. */
int actions_key(struct app *a, int key);
/* The table, for the help screen. */
const struct action *actions_table(size_t *n);

#endif
