/* app.h - the state of one interactive session, shared by the loop, the actions and
 * the screen. Plain data: no curses here. */
#ifndef FORKTOP_APP_H
#define FORKTOP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "demos.h"
#include "details.h"
#include "events.h"
#include "options.h"
#include "scan.h"
#include "settings.h"
#include "sysstat.h"
#include "theme.h"
#include "task.h"
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
	FK_BTAB,		/* Shift-Tab */
};

/* A join in progress: the screen keeps running while it waits. */
struct join {
	bool active;
	int pid;
	unsigned long long start;
	int pidfd;		/* for processes that are not tasks; -1 for tasks */
	double began;		/* monotonic seconds */
	double timeout;		/* seconds, 0 = none (join() without timeout) */
	bool all;		/* J: every task */
};

enum dialog_kind {
	DIALOG_NONE, DIALOG_SIGNAL, DIALOG_NEW, DIALOG_DETAILS,
	DIALOG_JOIN,		/* timeout prompt of j */
	DIALOG_RENAME,		/* new name prompt of r */
	DIALOG_QUIT,		/* tasks still running: wait, end, leave */
	DIALOG_END_TREE,	/* X: confirm ending a subtree */
	DIALOG_SETUP,		/* S: theme picker and settings */
	DIALOG_TIMELINE,	/* L: every task's life on one time axis */
	DIALOG_AFFINITY,	/* a: the cores a process may run on */
	DIALOG_USER,		/* u: whose processes to show */
	DIALOG_STRACE,		/* s: strace attached to a process, its output */
	DIALOG_SORT,		/* F6: the sort menu */
	DIALOG_KINDS		/* how many there are */
};

#define NEW_FIELDS 8
enum new_field {
	NF_TARGET, NF_COMMAND, NF_ARGS, NF_KWARGS, NF_NAME, NF_COUNT, NF_DAEMON, NF_DETACHED
};

/* F3 search and F4 filter: the bar at the bottom while one is typed. */
enum bar_kind { BAR_NONE, BAR_SEARCH, BAR_FILTER };
struct bar {
	enum bar_kind kind;
	char text[256];		/* what is typed, UTF-8 */
	char last_search[256];	/* F3 in an empty bar searches for it again */
	bool missed;		/* nothing matches the text */
};

#define DIALOG_LINES 12
struct dialog {
	enum dialog_kind kind;
	int choice;		/* signal menu: highlighted entry; new: focused field */
	char field[NEW_FIELDS][256];	/* new-task dialog fields, UTF-8; prompts use [0] */
	char error[256];	/* validation message shown in the dialog */
	int pid;		/* the process the dialog is about */
	unsigned long long start;
	int tgid;		/* a: pid is a thread of this process (H); 0: a process */
	unsigned opened_burst;	/* app.key_burst when it opened */
	bool asking;		/* signal menu: "SIGTERM to 12 tagged processes? y" is shown */
	bool confirmed;		/* and y was pressed */
	char lines[DIALOG_LINES][160];	/* setup: the lines it shows, as the verb made them */
	int nlines;
	int top;		/* lists: the first entry shown */
	unsigned long long cpumask[16];	/* a: the cores ticked (1,024 at most) */
	int ncpus;
	unsigned users[256];	/* u: the uids present, by name; users[0] unused ("all") */
	int nusers;		/* entries, "all users" included */
	int column;		/* setup: the column selected (index in settings.columns) */
	int add;		/* setup: the hidden column offered to add (index among them) */
};

/* One line of the help screen: keys as shown, and what they do (the verbs' table). */
struct key_help {
	const char *keys;
	const char *what;
};

/* What the screen owns: how it is laid out and scrolled. ui_draw sets it from the model
 * before it draws (drawing itself changes nothing); the verbs read it (PgUp moves by a
 * page) and scroll the panes. */
struct view {
	int page;		/* tree rows on screen */
	size_t tree_top;	/* the first of them (a tree row index) */
	int click_row;		/* tree row index under the last mouse click, or -1 */
	int help_top;		/* first help line shown */
	enum { FOCUS_TREE, FOCUS_OUTPUT, FOCUS_EVENTS } focus;	/* o: what the arrows
				 * scroll: the tree, the output pane, the event log */
	size_t output_scroll;	/* lines up from the newest */
	size_t events_scroll;	/* the same for the event log */
	int output_page;	/* lines the output pane shows */
	int pane_task_id;	/* the task whose output the pane shows, 0: the main process */
	bool panes_hidden;	/* O: the output pane and the event log are not shown */
	int last_task_id;	/* the last task it showed (followed when no task is selected) */
	int details_top;	/* the details view: its first body line shown */
	int details_page;	/* body lines it shows */
	int details_jump;	/* a section the verb asked to show at the top, -1: none */
	int details_section;	/* the section at the top of the view */
	size_t trace_scroll;	/* the strace view: lines up from the newest */
	int trace_page;		/* lines it shows */
};

/* The CPU% and RSS of one process at the last refreshes, oldest first (the one the details
 * view shows, else the selected one; another process starts them again): the details
 * view's graph. */
#define HISTORY_SAMPLES 240
struct proc_history {
	int pid;
	unsigned long long start;
	size_t n;
	float cpu[HISTORY_SAMPLES];
	float rss_kb[HISTORY_SAMPLES];
};

struct app {
	struct options opts;
	struct settings settings;	/* forktoprc as read (the setup screen saves it) */
	char settings_file[4096];	/* its path, "" when there is none */
	struct theme theme;		/* the theme in use */
	char theme_name[256];
	struct theme_dirs theme_dirs;	/* where themes are looked for (the setup's picker) */
	scan_t *scan;
	sysstat_t *sys;		/* CPU, memory and their history: the meters */
	tree_t *tree;
	bool utf8;		/* draw with UTF-8 box drawing */
	bool help;		/* the help screen is shown */
	char status[256];	/* a one-line message for the user, "" for none */
	bool root_gone;		/* the --pid process has ended */
	tasks_t *tasks;
	events_t *events;
	scenario_t *scenario;
	struct join join;
	struct dialog dialog;
	struct bar bar;
	unsigned key_burst;	/* one more each time the loop reads keys: keys read at once
				 * (a paste) share it */
	size_t tasks_seen;	/* tasks when the rows were last built: a new one is selected */
	int follow_id;		/* a task asked to daemonize: selected again under its new pid */
	struct ident followed;	/* F: the process the selection follows (pid 0: none) */
	int signalled[64];	/* pids the user signalled lately (a ring): their orphans are
				 * reported when re-parented */
	size_t nsignalled;
	unsigned tasks_changes;	/* tasks_changes() when the tree was last scanned */
	double scanned;		/* monotonic time of the last full scan */
	double rescan_at;	/* a full scan wanted then (after a signal), 0 for none */
	struct ident *tags;	/* tagged processes (Space): the signal menu acts on them */
	size_t ntags;
	char farewell[512];	/* printed once the terminal is restored */
	bool quitting;		/* the quit dialog chose to wait: quit when the join ends */
	bool quit_now;		/* the loop ends at its next turn */
	bool delay_changed;	/* the refresh timer must be set again */
	struct subtree *ending;	/* X in progress, or NULL */
	bool quit_after_ending;	/* it is quit's "end them": quit once it is done */
	bool theme_changed;	/* the setup screen picked a theme: the screen takes it on */
	const struct key_help *key_help;	/* the help screen's key lines */
	size_t nkey_help;
	struct view view;	/* the screen's */
	struct details *details;	/* the details view's data while it is open, else NULL */
	struct proc_history history;
	struct tracer *tracer;	/* s: strace attached (or detaching), else NULL */
	/* Called by the screen between laying out and drawing, once the rows it will show
	 * are known (the loop makes them current); NULL: none. */
	void (*laid_out)(struct app *a);
};

/* Whether the process is tagged. */
bool app_tagged(const struct app *a, int pid, unsigned long long start);


#endif
