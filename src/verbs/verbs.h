/* verbs.h - every user command, one file each, and the one table that binds them to
 * keys. The loop hands each key to verbs_key and calls verbs_tick after every turn; it
 * knows no verb by name. Adding a command: one file with its `const struct verb`, and
 * one line in the table of verbs.c. */
#ifndef FORKTOP_VERBS_H
#define FORKTOP_VERBS_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* What the loop must do after a key. */
enum {
	ACT_NONE = 0,
	ACT_REDRAW = 1 << 0,	/* the screen changed */
	ACT_REBUILD = 1 << 1,	/* rebuild the rows from the current snapshot */
	ACT_QUIT = 1 << 2,
	ACT_RESCAN = 1 << 3,	/* read the processes again now (a task started) */
};

/* One entry of the key table: up to three keys (fk_key values or code points; 0 ends
 * the list), as the help shows them, and what they do. help NULL: not listed. */
struct verb_key {
	int keys[3];
	const char *keyname;
	const char *help;
	int (*run)(struct app *a);
};

/* A user command. Every hook but name may be NULL. */
struct verb {
	const char *name;
	const struct verb_key *keys;	/* its entries in the key table */
	size_t nkeys;
	enum dialog_kind dialog;	/* the dialog it opens, DIALOG_NONE for none */
	int (*dialog_key)(struct app *a, int key);	/* keys while that dialog is open */
	/* Keys before every dialog: the verb holds the whole screen (quit's "end them"
	 * while it runs). -1 leaves the key to the others. */
	int (*grab_key)(struct app *a, int key);
	/* Keys before the key table while the verb is under way (the search bar is open, a
	 * join waits, a pane has the focus, the help is shown). -1 leaves it to the table. */
	int (*modal_key)(struct app *a, int key);
	/* After every loop turn; true when the screen must be drawn again. */
	bool (*tick)(struct app *a, double now);
	/* When it wants its next tick (monotonic seconds), 0 for none. */
	double (*deadline)(const struct app *a);
	/* A descriptor whose readiness should wake the loop for a tick, or -1. */
	int (*fd)(const struct app *a);
	/* After every full scan. */
	void (*scanned)(struct app *a);
	/* forktop is quitting, whatever the way: finish what is under way. */
	void (*finish)(struct app *a);
};

/* The verbs, in the order the help lists them. */
const struct verb *const *verbs_table(size_t *n);

/* Handles one key; returns ACT_* flags. */
int verbs_key(struct app *a, int key);
/* Ticks every verb; true when the screen must be drawn again. */
bool verbs_tick(struct app *a, double now);
/* The earliest deadline of any verb, 0 for none. */
double verbs_deadline(const struct app *a);
/* Fills fds (room for max) with the verbs' descriptors; returns how many. */
size_t verbs_pollfds(const struct app *a, int *fds, size_t max);
void verbs_scanned(struct app *a);
void verbs_finish(struct app *a);
/* The help screen's key lines (a static array built once). */
const struct key_help *verbs_key_help(size_t *n);

/* Called from outside the loop's dispatch. */
int verb_new_open(struct app *a);	/* main: --demo command opens the New dialog */
/* Whether the process is one the end subtree in progress is ending. */
bool verb_ending_has(const struct app *a, int pid, unsigned long long start);

#endif
