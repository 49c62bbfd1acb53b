/* actions.h - one function per user action, bound to keys in one table. */
#ifndef FORKTOP_ACTIONS_H
#define FORKTOP_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* What the loop must do after an action. */
enum {
	ACT_NONE = 0,
	ACT_REDRAW = 1 << 0,	/* the screen changed */
	ACT_REBUILD = 1 << 1,	/* rebuild the rows from the current snapshot */
	ACT_QUIT = 1 << 2,
	ACT_RESCAN = 1 << 3,	/* read the processes again now (a task started) */
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

/* Task verbs (actions_task.c) and dialogs (actions_dialog.c), bound in the table. */
int act_search(struct app *a);
int act_filter(struct app *a);
/* Keys while the search or filter bar is open; -1 for keys it leaves to the table. */
int actions_bar_key(struct app *a, int key);
/* The dialogs' line editing, UTF-8: add a typed character (control characters are
 * refused), remove the last character. */
void field_add(char *f, size_t size, int cp);
void field_backspace(char *f);
int act_new(struct app *a);
int act_signal_menu(struct app *a);
int act_details(struct app *a);
int act_timeline(struct app *a);
int act_join(struct app *a);
int act_join_all(struct app *a);
int act_output_focus(struct app *a);
int act_quit(struct app *a);
int act_setup(struct app *a);
int actions_setup_key(struct app *a, int key);
int actions_setup_lines(void);
void actions_setup_line(const struct app *a, int i, char *buf, size_t size);
bool actions_selected(struct app *a, int *pid, unsigned long long *start);
/* The same, after reading the processes again: false (and says so) when the selected
 * process has ended since the last refresh. The rows are rebuilt. */
bool actions_selected_now(struct app *a, int *pid, unsigned long long *start);
int act_daemonize(struct app *a);
int act_rename(struct app *a);
int actions_rename_submit(struct app *a);
int act_end_tree(struct app *a);
/* Quit's "end them": every running task with its descendants as one operation; the
 * screen shows its progress and forktop quits when it is done. */
int actions_end_tasks_and_quit(struct app *a);
int actions_end_tree_key(struct app *a, int key);
bool actions_tick_ending(struct app *a, double now);
double actions_ending_deadline(const struct app *a);
/* Whether the process is one the end subtree in progress is ending. */
bool actions_ending_has(const struct app *a, int pid, unsigned long long start);
/* forktop is quitting during an X: what has not ended gets its SIGKILL now (no grace
 * left to wait for); the report goes to the farewell. */
void actions_finish_ending(struct app *a);
int actions_quit_choice(struct app *a, int key);
int actions_join_submit(struct app *a);
int actions_parse_timeout(const char *in, double *out, char *err, size_t errlen);
int act_tag(struct app *a);
int act_tag_children(struct app *a);
int act_untag_all(struct app *a);
void actions_prune_tags(struct app *a);
int actions_new_submit(struct app *a);
int actions_dialog_key(struct app *a, int key);
bool actions_send_signal(struct app *a, int pid, unsigned long long start, int sig);


#endif
