/* verbs_int.h - what the verb files share: the verbs themselves (for the table of
 * verbs.c) and a few helpers every dialog needs. Not for use outside src/verbs. */
#ifndef FORKTOP_VERBS_INT_H
#define FORKTOP_VERBS_INT_H

#include "verbs.h"

extern const struct verb verb_move, verb_find, verb_sort, verb_join, verb_signal,
	verb_endtree, verb_tag, verb_new, verb_details, verb_timeline, verb_daemonize,
	verb_rename, verb_panes, verb_setup, verb_quit, verb_help, verb_nice, verb_affinity,
	verb_user, verb_follow, verb_environ, verb_files, verb_strace, verb_threads;

/* The selected process, or false (and says so) when nothing is selected. On a user
 * thread's row (H) it is the thread's process, and the status line says so: "thread T of
 * P: DOING process P" (doing: "signalling", "joining" ...): signals and the lifecycle
 * verbs act on the whole process, as htop's do. */
bool verbs_selected(struct app *a, const char *doing, int *pid, unsigned long long *start);
/* The selected row's own identity: on a thread's row that thread (its tid and start
 * time) and *tgid its process, else *tgid 0. For what Linux keeps per thread (nice,
 * affinity) and for following a row. */
bool verbs_selected_row(struct app *a, int *pid, unsigned long long *start, int *tgid);
/* verbs_selected after reading the processes again: false (and says so) when the
 * selected process has ended since the last refresh. The rows are rebuilt. */
bool verbs_selected_now(struct app *a, const char *doing, int *pid, unsigned long long *start);
/* Says msg in the status line and logs it as refused; returns ACT_REDRAW. */
int verbs_refuse(struct app *a, const char *msg);
/* Opens a dialog of kind about pid (0 for none), its data cleared. */
struct dialog *verbs_open_dialog(struct app *a, enum dialog_kind kind, int pid,
				 unsigned long long start);
/* Whether key came in the same read as the one that opened the dialog (a paste, or typed
 * blind): a confirmation that would end processes must arrive on its own. */
bool verbs_pasted(const struct app *a);
/* Closes the dialog with nothing sent and says why (key: as the user pressed it). */
int verbs_refuse_pasted(struct app *a, const char *key, const char *what);
/* A one-line prompt (join's timeout, rename's name): edits field[0]; Enter submits. */
int verbs_prompt_key(struct app *a, int key, int (*submit)(struct app *a));
/* Arrows, PgUp/PgDn (page lines shown), Home and End on a scroll counted in lines up
 * from the newest (the output pane, the strace view); true when key was one of them. */
bool verbs_scroll_back(size_t *scroll, int page, int key);
/* Keys of a box that only shows something: any key but a resize closes it. */
int verbs_close_key(struct app *a, int key);
/* Remembers that the user signalled pid: its orphans are reported when re-parented. */
void verbs_note_signalled(struct app *a, int pid);
/* Tells the scan what to read for the columns shown and the sort column (sort.c); true
 * when that changed (a rescan brings the new figures). */
bool verbs_update_reads(struct app *a);
/* User threads as rows (H), or not: the scan reads them from the next refresh, made now. */
void verbs_show_threads(struct app *a, bool show);
/* Join's Python view, for quit's "wait": J's join of every task. */
int verb_join_all(struct app *a);
/* Opens the details view of the selected process at a section (Enter, e, l). */
int verb_details_open(struct app *a, enum details_part at);
/* End subtree's part in quit: every task and its descendants as one operation. */
int verb_end_tasks_and_quit(struct app *a);

#endif
