/* actions_task.c - the Process verbs: new task, join, signal, details. Bound to keys in
 * the table of actions.c. */
#include "actions.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "form.h"
#include "signals.h"
#include "text.h"
#include "util.h"

/* The selected process, or false when nothing is selected. */
bool actions_selected(struct app *a, int *pid, unsigned long long *start)
{
	if (!tree_selected_id(a->tree, pid, start)) {
		snprintf(a->status, sizeof a->status, "no process selected");
		return false;
	}
	return true;
}

bool actions_selected_now(struct app *a, int *pid, unsigned long long *start)
{
	char err[200];
	size_t n;
	if (!actions_selected(a, pid, start))
		return false;
	if (scan_refresh(a->scan, err, sizeof err) < 0)
		return true;	/* the last snapshot is all there is */
	const struct proc *procs = scan_procs(a->scan, &n);
	tree_build(a->tree, procs, n);
	for (size_t i = 0; i < n; i++)
		if (proc_same(procs[i].pid, procs[i].start, *pid, *start))
			return true;
	snprintf(a->status, sizeof a->status, "process %d has ended", *pid);
	return false;
}

int act_new(struct app *a)
{
	struct dialog *d = &a->dialog;
	memset(d, 0, sizeof *d);
	d->kind = DIALOG_NEW;
	snprintf(d->field[NF_TARGET], sizeof d->field[0], "sleeper");
	snprintf(d->field[NF_COUNT], sizeof d->field[0], "1");
	snprintf(d->field[NF_DAEMON], sizeof d->field[0], "no");
	snprintf(d->field[NF_DETACHED], sizeof d->field[0], "no");
	return ACT_REDRAW;
}

int act_signal_menu(struct app *a)
{
	int pid = 0;
	unsigned long long start = 0;
	if (a->ntags == 0 && !actions_selected(a, &pid, &start))
		return ACT_REDRAW;
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_SIGNAL;
	a->dialog.pid = pid;
	a->dialog.start = start;
	a->dialog.opened_burst = a->key_burst;
	return ACT_REDRAW;
}

int act_timeline(struct app *a)
{
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_TIMELINE;
	return ACT_REDRAW;
}

int act_details(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!actions_selected_now(a, &pid, &start))
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
	if (k->state == TASK_JOINED) {
		snprintf(a->status, sizeof a->status, "%s is already joined", k->name);
		return true;
	}
	if (k->state != TASK_EXITED)	/* running, stopped, daemonized: wait for it */
		return false;
	if (task_join(a->tasks, k, waited, err, sizeof err) < 0)
		snprintf(a->status, sizeof a->status, "%s", err);
	return true;
}

int act_join(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!actions_selected(a, &pid, &start))
		return ACT_REDRAW;
	struct task *k = tasks_find(a->tasks, pid, start);
	if (k && join_task_now(a, k, 0))
		return ACT_REBUILD;
	if (!k && signal_read_stat(pid, &(struct pstat){ 0 }) < 0) {
		snprintf(a->status, sizeof a->status, "process %d has already ended", pid);
		return ACT_REDRAW;
	}
	/* Ask for join(timeout): empty waits until it ends. */
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_JOIN;
	a->dialog.pid = pid;
	a->dialog.start = start;
	return ACT_REDRAW;
}

/* Parses the timeout typed in the join prompt: "" is none (-1), else 0 <= t <= 1 day
 * (join(0) returns at once, as in Python). */
int actions_parse_timeout(const char *in, double *out, char *err, size_t errlen)
{
	while (*in == ' ')
		in++;
	if (!*in) {
		*out = -1;
		return 0;
	}
	char *end;
	double t = strtod(in, &end);
	while (*end == ' ')
		end++;
	if (*end || end == in || !(t >= 0) || t > 86400) {
		snprintf(err, errlen, "timeout: a number of seconds from 0 to 86400, or "
			 "empty to wait until it ends");
		return -1;
	}
	*out = t;
	return 0;
}

/* join(0): joins a task that has ended, else returns at once and the process runs on. */
static int join_at_once(struct app *a, struct task *k, int pid, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	bool ended = k ? join_task_now(a, k, 0) : poll(&p, 1, 0) == 1;
	if (fd >= 0)
		close(fd);
	if (k && ended)
		return ACT_REBUILD;
	if (ended) {
		snprintf(a->status, sizeof a->status, "join(0) of %d: it has ended", pid);
		events_add(a->events, EV_JOIN, "p.join(0) → None", "join %d: it has ended", pid);
		return ACT_REBUILD;
	}
	events_add(a->events, EV_JOIN, "p.join(0) → None; p.is_alive() → True, p.exitcode → None",
		   "join %d: join(0) returned at once, still running", pid);
	snprintf(a->status, sizeof a->status, "join(0) of %d returned: still running", pid);
	return ACT_REBUILD;
}

/* Enter in the join prompt: starts the wait; the loop polls the pidfd. */
int actions_join_submit(struct app *a)
{
	struct dialog *d = &a->dialog;
	double timeout;
	char msg[256];
	if (actions_parse_timeout(d->field[0], &timeout, d->error, sizeof d->error) < 0)
		return ACT_REDRAW;
	int fd = -1;
	struct task *k = tasks_find(a->tasks, d->pid, d->start);
	if (!k && (fd = signal_pidfd(d->pid, d->start, msg, sizeof msg)) < 0) {
		snprintf(d->error, sizeof d->error, "%.250s", msg);
		return ACT_REDRAW;
	}
	d->kind = DIALOG_NONE;
	if (timeout == 0)
		return join_at_once(a, k, d->pid, fd);
	a->join = (struct join){ .active = true, .pid = d->pid, .start = d->start, .pidfd = fd,
		.began = clock_now(), .timeout = timeout < 0 ? 0 : timeout };
	if (k && join_task_now(a, k, 0))
		a->join.active = false;
	return ACT_REBUILD;
}

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
int act_quit(struct app *a)
{
	if (tasks_blocking_quit(a) == 0) {
		daemonic_farewell(a);
		return ACT_QUIT;
	}
	memset(&a->dialog, 0, sizeof a->dialog);
	a->dialog.kind = DIALOG_QUIT;
	a->dialog.opened_burst = a->key_burst;
	return ACT_REDRAW;
}

/* The quit dialog's answers: w wait (join all, then quit), e end them, l leave them. */
int actions_quit_choice(struct app *a, int key)
{
	char msg[512];
	a->dialog.kind = DIALOG_NONE;
	switch (key) {
	case 'w':
		act_join_all(a);
		a->quitting = a->join.active;
		return a->quitting ? ACT_REDRAW : ACT_QUIT;
	case 'e':
		return actions_end_tasks_and_quit(a);
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
	a->join = (struct join){ .active = true, .all = true, .pidfd = -1, .began = clock_now() };
	return ACT_REDRAW;
}

int act_output_focus(struct app *a)
{
	a->view.focus = a->view.focus == FOCUS_TREE ? FOCUS_OUTPUT : a->view.focus == FOCUS_OUTPUT ?
		   FOCUS_EVENTS : FOCUS_TREE;
	a->view.output_scroll = a->view.events_scroll = 0;
	snprintf(a->status, sizeof a->status, "%s", a->view.focus == FOCUS_OUTPUT ?
		 "output pane: arrows, PgUp/PgDn, Home/End scroll; o: the event log, Esc returns" :
		 a->view.focus == FOCUS_EVENTS ? "event log: arrows, PgUp/PgDn, Home/End scroll; o or "
		 "Esc returns" : "");
	return ACT_REDRAW;
}

/* Sends one signal to the dialog's process and logs what happened. */
bool actions_send_signal(struct app *a, int pid, unsigned long long start, int sig)
{
	char msg[512];
	int r = signal_send(pid, start, sig, msg, sizeof msg);
	if (r < 0) {
		events_add(a->events, EV_REFUSED, NULL, "%s", msg);
		snprintf(a->status, sizeof a->status, "%.255s", msg);
		return false;
	}
	a->signalled[a->nsignalled++ % ARRAY_LEN(a->signalled)] = pid;
	a->rescan_at = clock_now() + 0.1;	/* STOP, CONT, TERM: the state column follows soon */
	struct task *k = tasks_find(a->tasks, pid, start);
	const char *py = sig == SIGTERM ? "p.terminate()" : sig == SIGKILL ? "p.kill()" : NULL;
	events_add(a->events, EV_SIGNAL, k ? py : NULL, "%s sent to %d%s%s%s", signal_name(sig),
		   pid, k ? " (" : "", k ? k->name : "", k ? ")" : "");
	size_t kids = 0;
	if (sig == SIGTERM || sig == SIGKILL || sig == SIGINT || sig == SIGHUP || sig == SIGQUIT) {
		size_t n;
		const struct proc *procs = scan_procs(a->scan, &n);
		for (size_t i = 0; i < n; i++)
			kids += procs[i].ppid == pid;
		if (kids)
			events_add(a->events, EV_INFO, NULL, "%d has %zu child%s: orphaned, they keep "
				   "running; X ends a whole subtree", pid, kids, kids == 1 ? "" : "ren");
	}
	if (msg[0]) {
		events_add(a->events, EV_INFO, NULL, "%s", msg);
		snprintf(a->status, sizeof a->status, "%.255s", msg);
	} else if (kids) {	/* the offer, where the user looks */
		snprintf(a->status, sizeof a->status, "%s sent to %d; its %zu child%s keep%s "
			 "running (orphaned): X ends a whole subtree", signal_name(sig), pid, kids,
			 kids == 1 ? "" : "ren", kids == 1 ? "s" : "");
	} else {
		snprintf(a->status, sizeof a->status, "%s sent to %d", signal_name(sig), pid);
	}
	return true;
}

int actions_new_submit(struct app *a)
{
	struct dialog *d = &a->dialog;
	struct task_spec spec;
	int count, started = 0;
	struct new_form f = {
		.target = d->field[NF_TARGET], .command = d->field[NF_COMMAND],
		.args = d->field[NF_ARGS], .kwargs = d->field[NF_KWARGS], .name = d->field[NF_NAME],
		.count = d->field[NF_COUNT], .daemon = strcmp(d->field[NF_DAEMON], "yes") == 0,
		.detached = strcmp(d->field[NF_DETACHED], "yes") == 0,
	};
	if (form_parse(&f, &spec, &count, d->error, sizeof d->error) < 0)
		return ACT_REDRAW;
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
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
	if (started == count)
		d->kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "started %d task%s", started, started == 1 ? "" : "s");
	return ACT_RESCAN;
}

bool app_tagged(const struct app *a, int pid, unsigned long long start)
{
	for (size_t i = 0; i < a->ntags; i++)
		if (a->tags[i].pid == pid && a->tags[i].start == start)
			return true;
	return false;
}

static void tag_set(struct app *a, int pid, unsigned long long start, bool on)
{
	for (size_t i = 0; i < a->ntags; i++) {
		if (a->tags[i].pid == pid && a->tags[i].start == start) {
			if (!on)
				a->tags[i] = a->tags[--a->ntags];
			return;
		}
	}
	if (!on)
		return;
	a->tags = xrealloc(a->tags, (a->ntags + 1) * sizeof *a->tags);
	a->tags[a->ntags++] = (struct ident){ pid, start };
}

/* Space: tags or untags the selected process and moves down, as in htop. */
int act_tag(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!actions_selected(a, &pid, &start))
		return ACT_REDRAW;
	tag_set(a, pid, start, !app_tagged(a, pid, start));
	tree_move(a->tree, 1);
	snprintf(a->status, sizeof a->status, "%zu tagged: F9/k signals them, U untags all",
		 a->ntags);
	return ACT_REDRAW;
}

/* c: tags the selected process and every descendant shown below it. */
int act_tag_children(struct app *a)
{
	size_t n, sel = tree_selected(a->tree);
	const struct proc *procs = scan_procs(a->scan, &n);
	const struct tree_row *r = tree_row(a->tree, sel);
	if (!r)
		return ACT_REDRAW;
	int depth = r->depth;
	size_t count = 0;
	for (size_t i = sel; (r = tree_row(a->tree, i)); i++) {
		if (i > sel && r->depth <= depth)
			break;
		tag_set(a, procs[r->proc].pid, procs[r->proc].start, true);
		count++;
	}
	snprintf(a->status, sizeof a->status, "tagged %zu process%s (%zu in all)", count,
		 count == 1 ? "" : "es", a->ntags);
	return ACT_REDRAW;
}

int act_untag_all(struct app *a)
{
	snprintf(a->status, sizeof a->status, "%zu untagged", a->ntags);
	a->ntags = 0;
	return ACT_REDRAW;
}

/* Forgets tags of processes that have ended (called after each scan). */
void actions_prune_tags(struct app *a)
{
	size_t n, kept = 0;
	const struct proc *procs = scan_procs(a->scan, &n);
	for (size_t i = 0; i < a->ntags; i++) {
		bool alive = false;
		for (size_t j = 0; j < n && !alive; j++)
			alive = procs[j].pid == a->tags[i].pid && procs[j].start == a->tags[i].start;
		if (alive)
			a->tags[kept++] = a->tags[i];
	}
	a->ntags = kept;
}
