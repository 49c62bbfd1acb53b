/* task.c - forktop's own processes: the table, exits seen through the pidfd (WNOWAIT: the
 * zombie stays until joined), join (reap), captured output, and the end of everything at
 * quit. Starting a task is in task_spawn.c, the control channel (rename, daemonize) in
 * task_ctl.c, leaving tasks running at quit in task_leave.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "task_int.h"

#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "subtree.h"
#include "text.h"
#include "util.h"

#define LINE_MAX_BYTES 4096	/* a longer output line is split */
#define READ_CHUNK 16384
#define READS_PER_TURN 16	/* a chatty task cannot starve the screen */

bool task_alive(const struct task *k)
{
	return k->state == TASK_RUNNING || k->state == TASK_STOPPED;
}

/* A process forktop follows through its pidfd: its own running tasks and the daemonized. */
static bool watched(const struct task *k)
{
	return task_alive(k) || k->state == TASK_DAEMONIZED;
}

bool task_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP));
}

void task_log(tasks_t *t, enum event_kind kind, const char *python, const char *fmt, ...)
{
	t->changes++;		/* every lifecycle step is logged: the tree is stale now */
	if (t->quiet || !t->ev)
		return;
	va_list ap;
	va_start(ap, fmt);
	events_vadd(t->ev, kind, python, fmt, ap);
	va_end(ap);
}

void task_close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

char *task_escape(const char *s)
{
	return text_escape_dup(s);
}

/* ---- the table ---- */

tasks_t *tasks_new(events_t *ev)
{
	tasks_t *t = xcalloc(1, sizeof *t);
	t->ev = ev;
	return t;
}

void tasks_set_logdir(tasks_t *t, const char *dir)
{
	free(t->logdir);
	t->logdir = dir && dir[0] ? xstrdup(dir) : NULL;
}

size_t tasks_count(const tasks_t *t)
{
	return t->n;
}

struct task *tasks_get(tasks_t *t, size_t i)
{
	return i < t->n ? t->v[i] : NULL;
}

struct task *tasks_find(tasks_t *t, int pid, unsigned long long start)
{
	for (size_t i = t->n; i-- > 0;)
		if (t->v[i]->pid == pid && t->v[i]->start == start)
			return t->v[i];
	return NULL;
}

unsigned tasks_changes(const tasks_t *t)
{
	return t->changes;
}

size_t tasks_alive(const tasks_t *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		n += task_alive(t->v[i]);
	return n;
}

void tasks_update_states(tasks_t *t)
{
	struct pstat st;
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (!task_alive(k) || signal_read_stat(k->pid, &st) < 0 || st.start != k->start)
			continue;
		if (st.state == 'T' || st.state == 't')
			k->state = TASK_STOPPED;
		else if (st.state != 'Z' && st.state != 'X')
			k->state = TASK_RUNNING;
	}
}

/* ---- output ---- */

/* Lines kept per task (forktoprc's scrollback); set before the first task starts. */
static size_t ring_size = TASK_OUTPUT_LINES;

void tasks_set_scrollback(size_t lines)
{
	if (lines >= 100 && lines <= 100000)
		ring_size = lines;
}

#define CONSOLE_BYTES (2 * TASK_OUTPUT_BYTES)	/* the console holds every task's lines */

/* Removes the oldest line of a ring of ring_size lines. */
static void ring_drop(char **v, size_t *n, size_t *first, size_t *bytes)
{
	*bytes -= strlen(v[*first]);
	free(v[*first]);
	v[*first] = NULL;
	*first = (*first + 1) % ring_size;
	(*n)--;
}

/* Appends a line (taken) to a ring of ring_size lines holding at most max bytes, dropping
 * the oldest lines to make room: output with no newline (cut every LINE_MAX_BYTES) or
 * full of escapes would otherwise keep megabytes per task. */
static void ring_push(char ***v, size_t *n, size_t *first, size_t *bytes, size_t max,
		      char *line)
{
	size_t len = strlen(line);
	if (!*v)
		*v = xcalloc(ring_size, sizeof **v);
	while (*n > 0 && (*n == ring_size || *bytes + len > max))
		ring_drop(*v, n, first, bytes);
	(*v)[(*first + (*n)++) % ring_size] = line;
	*bytes += len;
}

static void ring_free(char **v, size_t n, size_t first)
{
	for (size_t i = 0; i < n; i++)
		free(v[(first + i) % ring_size]);
	free(v);
}

void tasks_console_add(tasks_t *t, const char *line)
{
	ring_push(&t->console, &t->nconsole, &t->console_first, &t->console_bytes, CONSOLE_BYTES,
		  text_escape_dup(line));
}

size_t tasks_console_count(const tasks_t *t)
{
	return t->nconsole;
}

const char *tasks_console_line(const tasks_t *t, size_t i)
{
	return i < t->nconsole ? t->console[(t->console_first + i) % ring_size] : NULL;
}

/* The oldest line of the pane's ring leaves it for the task's log file, opened at the
 * first one (in the directory of tasks left running): memory stays bounded and no output
 * is lost. Not at quit (quiet): the file would be written for nothing. */
static void spill_oldest(tasks_t *t, struct task *k)
{
	if (k->spillfd < 0 && !k->spill_failed && t && !t->quiet) {
		char dir[4096], err[512], *path = NULL;
		const char *d = task_logdir(t, dir, sizeof dir);
		k->spillfd = task_make_logdir(d, err, sizeof err) < 0 ? -1 :
			task_open_log(k, d, "the lines its pane no longer keeps", &path, err,
				      sizeof err);
		if (k->spillfd < 0) {
			k->spill_failed = true;
			task_log(t, EV_ERROR, NULL, "%s: %s; output the pane no longer keeps is "
				 "dropped", k->name, err);
		} else {
			char *e = task_escape(path);
			task_log(t, EV_INFO, NULL, "%s: output the pane no longer keeps goes to %s",
				 k->name, e);
			free(k->logpath);
			k->logpath = e;
		}
		free(path);
	}
	if (k->spillfd >= 0 && dprintf(k->spillfd, "%s\n", k->lines[k->first]) < 0) {
		task_log(t, EV_ERROR, NULL, "%s: cannot write its log file: %s; output the pane "
			 "no longer keeps is dropped", k->name, strerror(errno));
		task_close_fd(&k->spillfd);
		k->spill_failed = true;
	}
	ring_drop(k->lines, &k->nlines, &k->first, &k->nbytes);
}

static void add_line(struct task *k, const char *raw, size_t len)
{
	struct sbuf b;
	sbuf_init(&b);
	text_escape(&b, raw, len, 0);
	while (k->nlines > 0 && (k->nlines == ring_size || k->nbytes + b.len > TASK_OUTPUT_BYTES))
		spill_oldest(k->owner, k);
	ring_push(&k->lines, &k->nlines, &k->first, &k->nbytes, TASK_OUTPUT_BYTES,
		  xstrdup(sbuf_str(&b)));
	if (k->owner)
		ring_push(&k->owner->console, &k->owner->nconsole, &k->owner->console_first,
			  &k->owner->console_bytes, CONSOLE_BYTES, xstrdup(sbuf_str(&b)));
	sbuf_free(&b);
}

/* A full partial line: emits it up to the last whole UTF-8 character. */
static void flush_long(struct task *k)
{
	size_t cut = k->partial_len;
	for (size_t back = 1; back <= 3 && back <= cut; back++) {
		unsigned char c = (unsigned char)k->partial[cut - back];
		if ((c & 0xc0) == 0x80)
			continue;
		size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (need > back)
			cut -= back;
		break;
	}
	add_line(k, k->partial, cut);
	memmove(k->partial, k->partial + cut, k->partial_len - cut);
	k->partial_len -= cut;
}

static void flush_line(struct task *k)
{
	size_t len = k->partial_len;
	if (len && k->partial[len - 1] == '\r')
		len--;
	add_line(k, k->partial ? k->partial : "", len);
	k->partial_len = 0;
}

static void feed(struct task *k, const char *data, size_t n)
{
	if (!k->partial)
		k->partial = xmalloc(LINE_MAX_BYTES);
	while (n > 0) {
		const char *nl = memchr(data, '\n', n);
		size_t take = nl ? (size_t)(nl - data) : n;
		while (take > 0) {
			size_t room = LINE_MAX_BYTES - k->partial_len;
			size_t c = take < room ? take : room;
			memcpy(k->partial + k->partial_len, data, c);
			k->partial_len += c;
			data += c;
			n -= c;
			take -= c;
			if (k->partial_len == LINE_MAX_BYTES)
				flush_long(k);
		}
		if (nl) {
			flush_line(k);
			data++;
			n--;
		}
	}
}

static void close_output(struct task *k)
{
	if (k->partial_len)
		flush_line(k);
	task_close_fd(&k->outfd);
}

static void read_output(struct task *k)
{
	char buf[READ_CHUNK];
	for (int i = 0; i < READS_PER_TURN; i++) {
		ssize_t r = read(k->outfd, buf, sizeof buf);
		if (r > 0) {
			feed(k, buf, (size_t)r);
		} else if (r < 0 && (errno == EINTR || errno == EAGAIN)) {
			return;
		} else {
			/* EOF: every writer (the task and its children) is gone. */
			close_output(k);
			return;
		}
	}
}

size_t task_nlines(const struct task *k)
{
	return k->nlines;
}

const char *task_line(const struct task *k, size_t i)
{
	if (i >= k->nlines)
		return NULL;
	return k->lines[(k->first + i) % ring_size];
}

/* ---- exits and joins ---- */

/* A daemonized task or detached command has ended: it was not our child, so its parent
 * (init or a subreaper) has the exit status, not forktop. */
static void mark_ended_elsewhere(tasks_t *t, struct task *k)
{
	k->state = TASK_EXITED;
	k->exit_unknown = true;
	k->exitcode = 0;
	k->ended = clock_now();
	task_log(t, EV_EXIT, "p.is_alive() → False", "%s pid %d: ended; exit code unknown (not "
		 "forktop's child)", k->name, k->pid);
}

/* The pidfd is readable: read the exit status, leaving the zombie for the join. */
static void mark_exited(tasks_t *t, struct task *k)
{
	siginfo_t si;
	char code[64];

	if (k->daemonizing && k->ctlfd >= 0)
		task_read_ctl(t, k);	/* its report comes before the old pid's exit */
	/* Also guards against a stale poll entry whose fd number was reused. */
	if (!task_readable(k->pidfd))
		return;		/* not ended yet */
	memset(&si, 0, sizeof si);
	if (waitid(P_PIDFD, (id_t)k->pidfd, &si, WEXITED | WNOWAIT | WNOHANG) < 0) {
		if (errno == EINTR)
			return;
		if (errno == ECHILD && k->detached) {
			mark_ended_elsewhere(t, k);
			return;
		}
		/* Someone else reaped it: nothing left to wait for. */
		task_log(t, EV_ERROR, NULL, "%s pid %d: exit status lost: %s", k->name, k->pid,
			 strerror(errno));
		k->state = TASK_JOINED;
		task_close_fd(&k->pidfd);
		return;
	}
	if (si.si_pid == 0)
		return;		/* not ended yet */
	/* Ours to reap even if detached: forktop may be a subreaper the daemon landed under. */
	k->state = TASK_EXITED;
	k->daemonizing = false;
	k->exitcode = task_exitcode_from(si.si_code, si.si_status);
	k->core_dumped = si.si_code == CLD_DUMPED;
	k->ended = clock_now();
	task_exitcode_str(code, sizeof code, k);
	char py[96];
	snprintf(py, sizeof py, "p.is_alive() → False, p.exitcode → %d", k->exitcode);
	task_log(t, EV_EXIT, py, "%s pid %d: exitcode %s", k->name, k->pid, code);
}

enum which_fd { FD_OUT, FD_CTL, FD_OLD, FD_PID };

static struct task *by_fd(tasks_t *t, int fd, enum which_fd which)
{
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		int mine = which == FD_OUT ? k->outfd : which == FD_CTL ? k->ctlfd :
			which == FD_OLD ? k->old_pidfd : k->pidfd;
		if (mine == fd)
			return k;
	}
	return NULL;
}

static size_t add_pollfd(struct pollfd *fds, size_t m, size_t max, int fd)
{
	if (fd >= 0 && m < max)
		fds[m++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	return m;
}

size_t tasks_pollfds(const tasks_t *t, struct pollfd *fds, size_t max)
{
	size_t m = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct task *k = t->v[i];
		/* An exited pidfd stays readable: polling it again would spin. */
		if (watched(k))
			m = add_pollfd(fds, m, max, k->pidfd);
		m = add_pollfd(fds, m, max, k->outfd);
		m = add_pollfd(fds, m, max, k->ctlfd);
		m = add_pollfd(fds, m, max, k->old_pidfd);
	}
	return m;
}

void tasks_handle(tasks_t *t, const struct pollfd *fds, size_t n)
{
	struct task *k;
	/* Output first, so a task's last lines come before its exit; then the control
	 * replies, so a daemonized task's report comes before its old pid's exit. Each
	 * handler checks its fd is really ready: a number may have been reused meanwhile. */
	for (size_t i = 0; i < n; i++)
		if (fds[i].revents && fds[i].fd >= 0 && (k = by_fd(t, fds[i].fd, FD_OUT)))
			read_output(k);
	for (size_t i = 0; i < n; i++)
		if (fds[i].revents && fds[i].fd >= 0 && (k = by_fd(t, fds[i].fd, FD_CTL)))
			task_read_ctl(t, k);
	for (size_t i = 0; i < n; i++)
		if (fds[i].revents && fds[i].fd >= 0 && (k = by_fd(t, fds[i].fd, FD_OLD)))
			task_reap_old(t, k);
	for (size_t i = 0; i < n; i++)
		if (fds[i].revents && fds[i].fd >= 0 && (k = by_fd(t, fds[i].fd, FD_PID)) &&
		    watched(k))
			mark_exited(t, k);
}

/* A joined task keeps the last TASK_JOINED_LINES lines for its pane; the older ones go
 * to its log file (as lines the ring drops while it runs) and their memory goes back to
 * the system. Not at quit (quiet): nothing will show them. */
static void trim_joined(tasks_t *t, struct task *k)
{
	if (t->quiet || k->nlines <= TASK_JOINED_LINES)
		return;
	while (k->nlines > TASK_JOINED_LINES)
		spill_oldest(t, k);
	task_close_fd(&k->spillfd);
	malloc_trim(0);
}

static void log_join(tasks_t *t, struct task *k, double waited)
{
	char code[64], py[128];
	k->joined = clock_now();
	task_exitcode_str(code, sizeof code, k);
	if (k->exit_unknown)
		snprintf(py, sizeof py, "p.join() → None; p.exitcode unknown");
	else	/* join() returns None: the code is an attribute */
		snprintf(py, sizeof py, "p.join() → None; p.exitcode → %d", k->exitcode);
	task_log(t, EV_JOIN, py, "%s pid %d: exitcode %s after %.2f s", k->name, k->pid, code,
		 waited);
}

int task_join(tasks_t *t, struct task *k, double waited, char *err, size_t errlen)
{
	siginfo_t si;

	if (k->state == TASK_JOINED) {
		snprintf(err, errlen, "%s is already joined", k->name);
		return -1;
	}
	if (watched(k))
		mark_exited(t, k);	/* it may have ended since the last poll */
	if (watched(k)) {
		snprintf(err, errlen, "%s pid %d is still running%s", k->name, k->pid,
			 k->state == TASK_DAEMONIZED ? " (daemonized: its end will be seen, its "
			 "exit code will not)" : "");
		return -1;
	}
	if (k->state == TASK_EXITED) {
		memset(&si, 0, sizeof si);
		while (!k->exit_unknown && waitid(P_PIDFD, (id_t)k->pidfd, &si, WEXITED) < 0 &&
		       errno == EINTR)
			;
		task_close_fd(&k->pidfd);
		k->state = TASK_JOINED;
	}
	log_join(t, k, waited);
	trim_joined(t, k);
	return 0;
}

int task_join_exited(tasks_t *t, double since)
{
	char err[256];
	int n = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (watched(k) && k->pidfd >= 0)
			mark_exited(t, k);
		if (k->state == TASK_EXITED)
			n += task_join(t, k, since > 0 ? clock_now() - since : 0, err,
				       sizeof err) == 0;
	}
	return n;
}

int tasks_join_all_exited(tasks_t *t)
{
	return task_join_exited(t, 0);
}

/* ---- the end ---- */

/* Running tasks that forktop ends at the end: its own children, never left ones. */
static bool endable(const struct task *k, bool daemonic_only)
{
	return task_alive(k) && !k->left && (!daemonic_only || k->daemon);
}

/* Polls the tasks until none of those to end is alive, or the deadline. */
static void wait_exits(tasks_t *t, double deadline, bool daemonic_only)
{
	for (;;) {
		size_t waiting = 0;
		for (size_t i = 0; i < t->n; i++)
			waiting += endable(t->v[i], daemonic_only);
		double left = deadline - clock_now();
		if (waiting == 0 || left <= 0)
			return;
		struct pollfd *fds = xcalloc(4 * t->n, sizeof *fds);
		size_t m = tasks_pollfds(t, fds, 4 * t->n);
		if (poll(fds, m, (int)(left * 1000) + 1) > 0)
			tasks_handle(t, fds, m);
		free(fds);
	}
}

/* A daemonic task ends with its children: its whole process group (it leads it) gets the
 * signal through the task's pidfd, as from the watchdog if forktop is killed; they would
 * outlive it as orphans otherwise. Any other task, or if that fails: the task alone. */
static int send_end(struct task *k, int sig, char *msg, size_t msglen)
{
	if (k->daemon && k->pidfd >= 0 &&
	    signal_send_pidfd_group(k->pidfd, k->pid, sig, msg, msglen) == 0) {
		if (sig == SIGTERM)	/* a stopped member would not act on it */
			signal_send_pidfd_group(k->pidfd, k->pid, SIGCONT, msg, msglen);
		snprintf(msg, msglen, "%s went to the process group of %d: its children too",
			 signal_name(sig), k->pid);
		return 0;
	}
	return signal_send(k->pid, k->start, sig, msg, msglen);
}

static int signal_alive(tasks_t *t, int sig, bool daemonic_only)
{
	char msg[512];
	int n = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (!endable(k, daemonic_only))
			continue;
		if (send_end(k, sig, msg, sizeof msg) < 0) {
			task_log(t, EV_REFUSED, NULL, "%s", msg);
			continue;
		}
		n++;
		task_log(t, EV_SIGNAL, sig == SIGKILL ? "p.kill()" : "p.terminate()",
			 "%s sent to %d (%s)", signal_name(sig), k->pid, k->name);
		if (msg[0])
			task_log(t, EV_INFO, NULL, "%s", msg);
	}
	return n;
}

/* TERM, grace, KILL, wait: Python's atexit for daemonic children, made certain. */
int task_end_running(tasks_t *t, double grace, bool daemonic_only)
{
	double t0 = clock_now();
	int n = signal_alive(t, SIGTERM, daemonic_only);
	if (n == 0)
		return 0;
	wait_exits(t, t0 + grace, daemonic_only);
	if (signal_alive(t, SIGKILL, daemonic_only) > 0)
		wait_exits(t, clock_now() + SIGNAL_KILL_WAIT, daemonic_only);
	return n;
}

/* Polls the tasks' fds (output, exits) until deadline: their pipes keep draining while
 * forktop waits for something else. */
static void handle_until(tasks_t *t, double deadline)
{
	double left = deadline - clock_now();
	struct pollfd *fds = xcalloc(4 * t->n + 1, sizeof *fds);
	size_t m = tasks_pollfds(t, fds, 4 * t->n);
	if (poll(fds, m, left > 0 ? (int)(left * 1000) + 1 : 0) > 0)
		tasks_handle(t, fds, m);
	free(fds);
}

/* Each running task with all its descendants, as X does (stop, TERM, CONT, KILL after
 * grace): Python's terminate() would leave a task's children running as orphans, and
 * "end them" means nothing is left. Returns how many tasks it went after. */
static int end_subtrees(tasks_t *t, double grace)
{
	subtree_t **v = xcalloc(t->n + 1, sizeof *v);
	size_t m = 0;
	char msg[512];
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (!endable(k, false))
			continue;
		subtree_t *s = subtree_end_start(k->pid, k->start, grace, msg, sizeof msg);
		if (!s) {
			task_log(t, EV_REFUSED, NULL, "%s", msg);
			continue;
		}
		task_log(t, EV_SIGNAL, "p.terminate()", "SIGTERM sent to %d (%s) and its %zu "
			 "descendant%s", k->pid, k->name, subtree_count(s) - 1,
			 subtree_count(s) == 2 ? "" : "s");
		v[m++] = s;
	}
	for (;;) {
		double next = 0;
		for (size_t i = 0; i < m; i++) {
			double d = subtree_done(v[i]) ? 0 : subtree_deadline(v[i]);
			if (d > 0 && (next == 0 || d < next))
				next = d;
		}
		if (next == 0)
			break;
		handle_until(t, next);
		for (size_t i = 0; i < m; i++)
			if (!subtree_done(v[i]))
				subtree_tick(v[i], clock_now());
	}
	for (size_t i = 0; i < m; i++) {
		subtree_report(v[i], msg, sizeof msg);
		task_log(t, EV_INFO, NULL, "%s", msg);
		subtree_free(v[i]);
	}
	free(v);
	return (int)m;
}

size_t tasks_to_end(tasks_t *t, struct subtree_root **roots)
{
	size_t n = 0;
	*roots = xcalloc(t->n + 1, sizeof **roots);
	for (size_t i = 0; i < t->n; i++)
		if (endable(t->v[i], false))
			(*roots)[n++] = (struct subtree_root){ t->v[i]->pid, t->v[i]->start };
	return n;
}

int tasks_end_all(tasks_t *t, double grace)
{
	double t0 = clock_now();
	int n = end_subtrees(t, grace);
	wait_exits(t, clock_now() + SIGNAL_KILL_WAIT, false);	/* the exits, seen through the pidfds */
	int rest = task_end_running(t, 0, false);	/* what could not be ended as a subtree */
	if (rest > 0)
		wait_exits(t, clock_now() + SIGNAL_KILL_WAIT, false);
	n += rest;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i]->outfd >= 0)
			read_output(t->v[i]);
	task_join_exited(t, t0);
	return n;
}

/* Waits up to SIGNAL_KILL_WAIT for a child of ours that is about to exit, and reaps it. */
static void reap_soon(int pidfd)
{
	siginfo_t si;
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	if (pidfd >= 0 && poll(&p, 1, (int)(SIGNAL_KILL_WAIT * 1000)) > 0)
		waitid(P_PIDFD, (id_t)pidfd, &si, WEXITED | WNOHANG);
}

/* Leaves no zombie of forktop behind: the old pid of a daemonized task (or of one asked
 * to daemonize) exits right after the new one reports, so it is waited for a moment; a
 * running task of ours that has just ended is reaped (nothing can show it any more). */
static void reap_leftovers(struct task *k)
{
	siginfo_t si;
	reap_soon(k->old_pidfd);
	if (task_alive(k) && k->daemonizing)
		reap_soon(k->pidfd);
	else if (task_alive(k) && task_readable(k->pidfd))
		waitid(P_PIDFD, (id_t)k->pidfd, &si, WEXITED | WNOHANG);
}

void task_destroy(struct task *k)
{
	task_close_fd(&k->pidfd);
	task_close_fd(&k->old_pidfd);
	task_close_fd(&k->outfd);
	task_close_fd(&k->ctlfd);
	task_close_fd(&k->spillfd);
	ring_free(k->lines, k->nlines, k->first);
	free(k->partial);
	free(k->name);
	free(k->target);
	free(k->args_repr);
	free(k->logpath);
	free(k);
}

void tasks_free(tasks_t *t)
{
	if (!t)
		return;
	t->quiet = true;
	task_end_running(t, DAEMON_GRACE, true);
	task_join_exited(t, 0);
	for (size_t i = 0; i < t->n; i++) {
		reap_leftovers(t->v[i]);
		task_destroy(t->v[i]);
	}
	free(t->v);
	free(t->logdir);
	ring_free(t->console, t->nconsole, t->console_first);
	free(t);
}
