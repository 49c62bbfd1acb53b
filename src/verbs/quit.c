/* quit.c - q, F10: quit like a Python parent at exit. Daemonic tasks end with forktop;
 * running ones are asked about: wait for them (join), end them, or leave them running
 * with their output in log files. */
#include "verbs_int.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

/* The number of tasks a quit must ask about: running or stopped, not daemonic. */
static size_t tasks_blocking_quit(struct app *a)
{
	size_t n = 0;
	for (size_t i = 0; i < tasks_count(a->tasks); i++) {
		struct task *k = tasks_get(a->tasks, i);
		n += !k->daemon && (k->state == TASK_RUNNING || k->state == TASK_STOPPED);
	}
	return n;
}

/* The farewell says which daemonic tasks end with forktop (tasks_free ends them), as
 * Python's atexit terminates daemonic children: otherwise the daemon demo's point would
 * pass unseen. */
static void daemonic_farewell(struct app *a)
{
	size_t n = 0, len = strlen(a->farewell);
	for (size_t i = 0; i < tasks_count(a->tasks); i++) {
		struct task *k = tasks_get(a->tasks, i);
		if (!k->daemon || (k->state != TASK_RUNNING && k->state != TASK_STOPPED))
			continue;
		if (n++ == 0)
			len += (size_t)snprintf(a->farewell + len, sizeof a->farewell - len, "%s"
						"forktop: ending the daemonic tasks (daemon=True), as "
						"Python does at exit:", len ? "\n" : "");
		if (len < sizeof a->farewell)	/* names are escaped already (task.h) */
			len += (size_t)snprintf(a->farewell + len, sizeof a->farewell - len,
						" %s pid %d", k->name, k->pid);
	}
}

/* q, F10: like a Python parent at exit. Daemonic tasks are ended by tasks_free; running
 * ones are asked about. */
static int quit(struct app *a)
{
	if (tasks_blocking_quit(a) == 0) {
		daemonic_farewell(a);
		return ACT_QUIT;
	}
	verbs_open_dialog(a, DIALOG_QUIT, 0, 0);
	return ACT_REDRAW;
}

/* The quit dialog's answers: w wait (join all, then quit), e end them, l leave them. */
static int choice(struct app *a, int key)
{
	char msg[512];
	a->dialog.kind = DIALOG_NONE;
	switch (key) {
	case 'w':
		verb_join_all(a);
		a->quitting = a->join.active;
		return a->quitting ? ACT_REDRAW : ACT_QUIT;
	case 'e':
		return verb_end_tasks_and_quit(a);
	case 'l':
		if (tasks_leave_running(a->tasks, NULL, msg, sizeof msg) < 0) {
			snprintf(a->status, sizeof a->status, "%.255s", msg);
			return ACT_REDRAW;
		}
		snprintf(a->farewell, sizeof a->farewell, "forktop: %.490s", msg);
		return ACT_QUIT;
	default:
		return ACT_REDRAW;
	}
}

/* "e" pasted with the q that asked ends nothing. */
static int dialog_key(struct app *a, int key)
{
	if (key == FK_RESIZE)
		return ACT_REDRAW;
	if ((key == 'e' || key == 'E') && verbs_pasted(a))
		return verbs_refuse_pasted(a, "e", "the quit question");
	return choice(a, key);
}

static const struct verb_key keys[] = {
	{ { FK_F10, 'q', 0 }, "F10 q", "quit (asks about tasks still running)", quit },
};

const struct verb verb_quit = {
	.name = "quit", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_QUIT,
	.dialog_key = dialog_key,
};
