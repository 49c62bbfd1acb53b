/* actions_task.c - the Process verbs: new task, join, signal, details. Bound to keys in
 * the table of actions.c. */
#include "actions.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "text.h"
#include "util.h"

double app_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The selected process, or false when nothing is selected. */
static bool selected(struct app *a, int *pid, unsigned long long *start)
{
	if (!tree_selected_id(a->tree, pid, start)) {
		snprintf(a->status, sizeof a->status, "no process selected");
		return false;
	}
	return true;
}

int act_new(struct app *a)
{
	struct dialog *d = &a->dialog;
	memset(d, 0, sizeof *d);
	d->kind = DIALOG_NEW;
	snprintf(d->field[NF_TARGET], sizeof d->field[0], "sleeper");
	snprintf(d->field[NF_COUNT], sizeof d->field[0], "1");
	snprintf(d->field[NF_DAEMON], sizeof d->field[0], "no");
	return ACT_REDRAW;
}

int act_signal_menu(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!selected(a, &pid, &start))
		return ACT_REDRAW;
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_SIGNAL;
	a->dialog.pid = pid;
	a->dialog.start = start;
	return ACT_REDRAW;
}

int act_details(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!selected(a, &pid, &start))
		return ACT_REDRAW;
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_DETAILS;
	a->dialog.pid = pid;
	a->dialog.start = start;
	return ACT_REDRAW;
}

/* Joins a task that has exited (reaps it) and reports; false if it is still running. */
static bool join_task_now(struct app *a, struct task *k, double waited)
{
	char err[256];
	if (k->state == TASK_JOINED || k->state == TASK_DAEMONIZED) {
		snprintf(a->status, sizeof a->status, "%s is already %s", k->name,
			 k->state == TASK_JOINED ? "joined" : "daemonized: not our child any more");
		return true;
	}
	if (k->state != TASK_EXITED)
		return false;
	if (task_join(a->tasks, k, waited, err, sizeof err) < 0)
		snprintf(a->status, sizeof a->status, "%s", err);
	return true;
}

int act_join(struct app *a)
{
	int pid;
	unsigned long long start;
	char msg[256];
	if (!selected(a, &pid, &start))
		return ACT_REDRAW;
	struct task *k = tasks_find(a->tasks, pid, start);
	if (k && join_task_now(a, k, 0))
		return ACT_REBUILD;
	int fd = -1;
	if (!k && (fd = signal_pidfd(pid, start, msg, sizeof msg)) < 0) {
		snprintf(a->status, sizeof a->status, "%.255s", msg);
		return ACT_REDRAW;
	}
	a->join = (struct join){ .active = true, .pid = pid, .start = start, .pidfd = fd,
		.began = app_now() };
	return ACT_REDRAW;
}

int act_join_all(struct app *a)
{
	if (tasks_alive(a->tasks) == 0) {
		int n = 0;
		for (size_t i = 0; i < tasks_count(a->tasks); i++)
			n += join_task_now(a, tasks_get(a->tasks, i), 0) &&
			     tasks_get(a->tasks, i)->state == TASK_JOINED;
		snprintf(a->status, sizeof a->status, "no task running; %d joined", n);
		return ACT_REBUILD;
	}
	a->join = (struct join){ .active = true, .all = true, .pidfd = -1, .began = app_now() };
	return ACT_REDRAW;
}

int act_output_focus(struct app *a)
{
	a->focus_output = !a->focus_output;
	a->output_scroll = 0;
	snprintf(a->status, sizeof a->status, "%s", a->focus_output ?
		 "output pane: arrows and PgUp/PgDn scroll, o or Esc returns" : "");
	return ACT_REDRAW;
}

/* Sends one signal to the dialog's process and logs what happened. */
void actions_send_signal(struct app *a, int pid, unsigned long long start, int sig)
{
	char msg[512];
	int r = signal_send(pid, start, sig, msg, sizeof msg);
	if (r < 0) {
		events_add(a->events, EV_REFUSED, NULL, "%s", msg);
		snprintf(a->status, sizeof a->status, "%.255s", msg);
		return;
	}
	struct task *k = tasks_find(a->tasks, pid, start);
	const char *py = sig == SIGTERM ? "p.terminate()" : sig == SIGKILL ? "p.kill()" : NULL;
	events_add(a->events, EV_SIGNAL, k ? py : NULL, "%s sent to %d%s%s%s", signal_name(sig),
		   pid, k ? " (" : "", k ? k->name : "", k ? ")" : "");
	if (msg[0]) {
		events_add(a->events, EV_INFO, NULL, "%s", msg);
		snprintf(a->status, sizeof a->status, "%.255s", msg);
	} else {
		snprintf(a->status, sizeof a->status, "%s sent to %d", signal_name(sig), pid);
	}
}

/* Splits on spaces; returns a NULL-terminated array (free with free_strv). */
static char **split_words(const char *s)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		v = xgrow(v, &cap, n + 2, sizeof *v);
		v[n++] = xstrndup(s, len);
		s += len;
	}
	if (!v)
		v = xcalloc(1, sizeof *v);
	v[n] = NULL;
	return v;
}

static void free_strv(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Checks the New-task form; fills spec and count, or an error message. */
static bool new_validate(struct dialog *d, struct task_spec *spec, int *count)
{
	const char *target = d->field[NF_TARGET];
	char *end;
	long c = strtol(d->field[NF_COUNT], &end, 10);
	if (end == d->field[NF_COUNT] || *end || c < 1 || c > 1000) {
		snprintf(d->error, sizeof d->error, "count must be a number from 1 to 1000");
		return false;
	}
	*count = (int)c;
	if (strcmp(target, "command") == 0) {
		if (!d->field[NF_COMMAND][0]) {
			snprintf(d->error, sizeof d->error, "type a command line to run");
			return false;
		}
		spec->command = d->field[NF_COMMAND];
	} else if (!demos_find(target)) {
		snprintf(d->error, sizeof d->error, "unknown demo '%.100s': Left/Right pick one", target);
		return false;
	} else {
		spec->demo = target;
	}
	if (task_parse_kwargs(d->field[NF_KWARGS], &spec->kwargs, d->error, sizeof d->error) < 0)
		return false;
	spec->args = split_words(d->field[NF_ARGS]);
	spec->daemon = strcmp(d->field[NF_DAEMON], "yes") == 0;
	return true;
}

int actions_new_submit(struct app *a)
{
	struct dialog *d = &a->dialog;
	struct task_spec spec = { 0 };
	int count = 0, started = 0;
	if (!new_validate(d, &spec, &count)) {
		free_strv(spec.kwargs);
		return ACT_REDRAW;
	}
	char name[300], err[256];
	for (int i = 0; i < count; i++) {
		spec.name = NULL;
		if (d->field[NF_NAME][0]) {
			snprintf(name, sizeof name, count > 1 ? "%s-%d" : "%s", d->field[NF_NAME], i + 1);
			spec.name = name;
		}
		if (task_start(a->tasks, &spec, err, sizeof err) < 0) {
			snprintf(d->error, sizeof d->error, "%s", err);
			break;
		}
		started++;
	}
	free_strv(spec.args);
	free_strv(spec.kwargs);
	if (started == count)
		d->kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "started %d task%s", started, started == 1 ? "" : "s");
	return ACT_RESCAN;
}
