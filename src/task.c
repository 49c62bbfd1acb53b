/* task.c - forktop's own processes: spawn (fork from the main thread, pidfd at once),
 * exits seen through the pidfd (WNOWAIT: the zombie stays until joined), join (reap),
 * captured output, and the end of everything at quit. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "task.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demos.h"
#include "signals.h"
#include "text.h"
#include "util.h"

#define LINE_MAX_BYTES 4096	/* a longer output line is split */
#define READ_CHUNK 16384
#define READS_PER_TURN 16	/* a chatty task cannot starve the screen */
#define DAEMON_GRACE 2.0	/* seconds between SIGTERM and SIGKILL at the end */
#define KILL_WAIT 2.0		/* seconds to wait for a SIGKILLed task to become a zombie */

struct tasks {
	events_t *ev;
	struct task **v;
	size_t n, cap;
	int counter;		/* Python's creation counter: N of "Process-N" */
	bool quiet;		/* tasks_free logs nothing */
};

/* What the child needs, prepared before the fork: it touches no forktop state. */
struct child_plan {
	const struct task_spec *spec;
	const char *name;	/* raw, for the comm and the demo */
	const char *command;	/* NULL for a demo */
	int out_r, out_w, go_r, go_w;
	pid_t parent;
};

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool alive(const struct task *k)
{
	return k->state == TASK_RUNNING || k->state == TASK_STOPPED;
}

static void log_event(tasks_t *t, enum event_kind kind, const char *python, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));
static void log_event(tasks_t *t, enum event_kind kind, const char *python, const char *fmt,
		      ...)
{
	if (t->quiet || !t->ev)
		return;
	struct sbuf b;
	va_list ap;
	sbuf_init(&b);
	va_start(ap, fmt);
	sbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	events_add(t->ev, kind, python, "%s", sbuf_str(&b));
	sbuf_free(&b);
}

static char *escape_dup(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	text_escape(&b, s, strlen(s), 0);
	char *r = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
	return r;
}

/* ---- the child, between fork and the task's own code ---- */

/* Dispositions first, then the mask: whatever arrived since the fork (held by the
 * blocked mask) now gets its default action, never a handler of forktop's. */
static void reset_signals(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	/* glibc refuses its two internal signals (32, 33: EINVAL), but an ignored disposition
	 * for them is inherited across exec like any other: reset them with the system call
	 * itself (kernel sigaction: handler, flags, restorer, mask). */
	for (int sig = 32; sig < SIGRTMIN; sig++) {
		struct { void *handler; unsigned long flags; void *restorer; unsigned long mask; }
			ksa = { SIG_DFL, 0, NULL, 0 };
		syscall(SYS_rt_sigaction, sig, &ksa, NULL, sizeof ksa.mask);
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void close_other_fds(void)
{
	if (close_range(3, ~0U, 0) == 0)
		return;
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		close(fd);
}

/* Moves fd above stdio, so the dup2 calls below cannot overwrite it. */
static int above_stdio(int fd)
{
	return fd > 2 ? fd : fcntl(fd, F_DUPFD_CLOEXEC, 3);
}

static void child_run(const struct child_plan *c) __attribute__((noreturn));
static void child_run(const struct child_plan *c)
{
	char go;
	ssize_t r;

	setpgid(0, 0);
	reset_signals();
	close(c->out_r);
	close(c->go_w);
	if (c->spec->daemon) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != c->parent)
			_exit(1);	/* forktop died before the death signal was armed */
	}
	int out = above_stdio(c->out_w), gofd = above_stdio(c->go_r);
	/* forktop says go once it holds our pidfd; EOF means it gave up on us. */
	while ((r = read(gofd, &go, 1)) < 0 && errno == EINTR)
		;
	int null = open("/dev/null", O_RDONLY);
	if (r != 1 || out < 0 || null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 ||
	    dup2(out, 2) < 0)
		_exit(127);
	close_other_fds();
	prctl(PR_SET_NAME, c->name);
	/* Whatever forktop had buffered is not ours to print. */
	__fpurge(stdout);
	__fpurge(stderr);
	if (c->command) {
		execl("/bin/sh", "sh", "-c", c->command, (char *)NULL);
		dprintf(2, "forktop: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	if (c->spec->daemon)
		setenv("FORKTOP_DAEMONIC", "1", 1);
	else
		unsetenv("FORKTOP_DAEMONIC");
	demos_child(c->spec->demo, c->name, c->spec->args, c->spec->kwargs);
}

/* ---- the parent ---- */

static void close_pair(int *p)
{
	close(p[0]);
	close(p[1]);
}

/* Takes charge of a fresh child: pidfd, identity, output pipe, authkey; then lets it run. */
static int adopt(struct task *k, pid_t pid, int out_r, int go_w, char *err, size_t errlen)
{
	struct pstat st;
	siginfo_t si;

	setpgid(pid, pid);	/* as the child does: whichever runs first, the group exists */
	k->pidfd = pidfd_open(pid, 0);
	if (k->pidfd < 0) {
		int e = errno;
		close(go_w);
		close(out_r);
		/* It reads EOF, exits 127 without running anything; reap that pid only. */
		waitid(P_PID, (id_t)pid, &si, WEXITED);
		snprintf(err, errlen, "cannot watch the new process (pidfd_open: %s; Linux 5.3 "
			 "or later is needed)", strerror(e));
		return -1;
	}
	k->pid = pid;
	k->start = signal_read_stat(pid, &st) == 0 ? st.start : 0;
	k->started = now_mono();
	k->outfd = out_r;
	fcntl(out_r, F_SETFL, fcntl(out_r, F_GETFL) | O_NONBLOCK);
	if (getrandom(k->authkey, sizeof k->authkey, 0) != (ssize_t)sizeof k->authkey)
		for (size_t i = 0; i < sizeof k->authkey; i++)
			k->authkey[i] = (unsigned char)random();
	/* A socket, not a pipe: no SIGPIPE for forktop if the child is already gone. */
	send(go_w, "g", 1, MSG_NOSIGNAL);
	close(go_w);
	return 0;
}

static int spawn(struct task *k, const struct task_spec *spec, const char *name,
		 const char *command, char *err, size_t errlen)
{
	int out[2], go[2];

	/* PR_SET_PDEATHSIG follows the creating thread: only the main thread forks. */
	if (syscall(SYS_gettid) != getpid()) {
		snprintf(err, errlen, "tasks can only be started from the main thread");
		return -1;
	}
	if (pipe2(out, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "cannot start a process: pipe: %s", strerror(errno));
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, go) < 0) {
		snprintf(err, errlen, "cannot start a process: socketpair: %s", strerror(errno));
		close_pair(out);
		return -1;
	}
	struct child_plan c = { .spec = spec, .name = name, .command = command,
		.out_r = out[0], .out_w = out[1], .go_r = go[0], .go_w = go[1],
		.parent = getpid() };
	sigset_t all, old;
	fflush(stdout);
	fflush(stderr);
	/* A signal that reaches the child before its dispositions are reset would run one
	 * of forktop's handlers there: keep everything blocked until then. */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid_t pid = fork();
	if (pid == 0)
		child_run(&c);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0) {
		snprintf(err, errlen, "cannot start a process: fork: %s", strerror(errno));
		close_pair(out);
		close_pair(go);
		return -1;
	}
	close(out[1]);
	close(go[0]);
	return adopt(k, pid, out[0], go[1], err, errlen);
}

/* Checks the spec; sets *command to the shell command line for a command task. */
static int check_spec(const struct task_spec *spec, const char **command, char *err,
		      size_t errlen)
{
	*command = NULL;
	if (spec->demo && strcmp(spec->demo, "command") != 0) {
		if (demos_find(spec->demo))
			return 0;
		char *d = escape_dup(spec->demo);
		snprintf(err, errlen, "unknown demo '%s'", d);
		free(d);
		return -1;
	}
	const char *cmd = spec->command;
	if ((!cmd || !*cmd) && spec->args && spec->args[0])
		cmd = spec->args[0];
	if (!cmd || !cmd[strspn(cmd, " \t")]) {
		snprintf(err, errlen, "no command to run");
		return -1;
	}
	*command = cmd;
	return 0;
}

static void log_start(tasks_t *t, const struct task *k, const struct task_spec *spec)
{
	struct sbuf py;
	sbuf_init(&py);
	if (spec->demo && strcmp(spec->demo, "command") != 0) {
		sbuf_printf(&py, "p = Process(target=%s", k->target);
		if (k->args_repr[0])
			sbuf_printf(&py, ", %s", k->args_repr);
		if (spec->name && spec->name[0])
			sbuf_printf(&py, ", name='%s'", k->name);
		sbuf_printf(&py, "%s); p.start()", k->daemon ? ", daemon=True" : "");
	} else {
		sbuf_adds(&py, "p.start()");
	}
	log_event(t, EV_START, sbuf_str(&py), "%s pid %d (%s%s%s%s)", k->name, k->pid,
		  k->target, k->args_repr[0] ? ", " : "", k->args_repr,
		  k->daemon ? ", daemon=True" : "");
	sbuf_free(&py);
}

int task_start(tasks_t *t, const struct task_spec *spec, char *err, size_t errlen)
{
	const char *command;
	char defname[32];

	if (check_spec(spec, &command, err, errlen) < 0)
		return -1;
	struct task *k = xcalloc(1, sizeof *k);
	k->id = ++t->counter;	/* as in Python, a failed start still uses its number */
	k->pidfd = k->outfd = -1;
	snprintf(defname, sizeof defname, "Process-%d", k->id);
	const char *name = spec->name && spec->name[0] ? spec->name : defname;
	if (spawn(k, spec, name, command, err, errlen) < 0) {
		free(k);
		return -1;
	}
	k->name = escape_dup(name);
	k->target = escape_dup(command ? command : spec->demo);
	k->args_repr = command ? xstrdup("") : task_args_repr(spec->args, spec->kwargs);
	k->daemon = spec->daemon;
	k->state = TASK_RUNNING;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = k;
	log_start(t, k, spec);
	return (int)(t->n - 1);
}

/* ---- the table ---- */

tasks_t *tasks_new(events_t *ev)
{
	tasks_t *t = xcalloc(1, sizeof *t);
	t->ev = ev;
	return t;
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

size_t tasks_alive(const tasks_t *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		n += alive(t->v[i]);
	return n;
}

void tasks_update_states(tasks_t *t)
{
	struct pstat st;
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (!alive(k) || signal_read_stat(k->pid, &st) < 0 || st.start != k->start)
			continue;
		if (st.state == 'T' || st.state == 't')
			k->state = TASK_STOPPED;
		else if (st.state != 'Z' && st.state != 'X')
			k->state = TASK_RUNNING;
	}
}

/* ---- output ---- */

static void add_line(struct task *k, const char *raw, size_t len)
{
	struct sbuf b;
	sbuf_init(&b);
	text_escape(&b, raw, len, 0);
	char *line = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
	if (!k->lines)
		k->lines = xcalloc(TASK_OUTPUT_LINES, sizeof *k->lines);
	if (k->nlines < TASK_OUTPUT_LINES) {
		k->lines[(k->first + k->nlines++) % TASK_OUTPUT_LINES] = line;
	} else {
		free(k->lines[k->first]);
		k->lines[k->first] = line;
		k->first = (k->first + 1) % TASK_OUTPUT_LINES;
	}
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
	close(k->outfd);
	k->outfd = -1;
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
	return k->lines[(k->first + i) % TASK_OUTPUT_LINES];
}

/* ---- exits and joins ---- */

/* The pidfd is readable: read the exit status, leaving the zombie for the join. */
static void mark_exited(tasks_t *t, struct task *k)
{
	siginfo_t si;
	char code[64];

	memset(&si, 0, sizeof si);
	if (waitid(P_PIDFD, (id_t)k->pidfd, &si, WEXITED | WNOWAIT | WNOHANG) < 0) {
		if (errno == EINTR)
			return;
		/* Someone else reaped it: nothing left to wait for. */
		log_event(t, EV_ERROR, NULL, "%s pid %d: exit status lost: %s", k->name,
			  k->pid, strerror(errno));
		k->state = TASK_JOINED;
		close(k->pidfd);
		k->pidfd = -1;
		return;
	}
	if (si.si_pid == 0)
		return;		/* not ended yet */
	k->state = TASK_EXITED;
	k->exitcode = task_exitcode_from(si.si_code, si.si_status);
	k->core_dumped = si.si_code == CLD_DUMPED;
	k->ended = now_mono();
	task_exitcode_str(code, sizeof code, k);
	char py[96];
	snprintf(py, sizeof py, "p.is_alive() → False, p.exitcode → %d", k->exitcode);
	log_event(t, EV_EXIT, py, "%s pid %d: exitcode %s", k->name, k->pid, code);
}

static struct task *by_fd(tasks_t *t, int fd, bool pidfd)
{
	for (size_t i = 0; i < t->n; i++)
		if ((pidfd ? t->v[i]->pidfd : t->v[i]->outfd) == fd)
			return t->v[i];
	return NULL;
}

size_t tasks_pollfds(const tasks_t *t, struct pollfd *fds, size_t max)
{
	size_t m = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct task *k = t->v[i];
		/* An exited pidfd stays readable: polling it again would spin. */
		if (alive(k) && k->pidfd >= 0 && m < max)
			fds[m++] = (struct pollfd){ .fd = k->pidfd, .events = POLLIN };
		if (k->outfd >= 0 && m < max)
			fds[m++] = (struct pollfd){ .fd = k->outfd, .events = POLLIN };
	}
	return m;
}

void tasks_handle(tasks_t *t, const struct pollfd *fds, size_t n)
{
	struct task *k;
	/* Output first, so a task's last lines come before its exit. */
	for (size_t i = 0; i < n; i++)
		if (fds[i].revents && fds[i].fd >= 0 && (k = by_fd(t, fds[i].fd, false)))
			read_output(k);
	for (size_t i = 0; i < n; i++)
		if (fds[i].revents && fds[i].fd >= 0 && (k = by_fd(t, fds[i].fd, true)) &&
		    alive(k))
			mark_exited(t, k);
}

int task_join(tasks_t *t, struct task *k, double waited, char *err, size_t errlen)
{
	siginfo_t si;
	char code[64], py[128];

	if (k->state == TASK_JOINED || k->state == TASK_DAEMONIZED) {
		snprintf(err, errlen, "%s is already %s", k->name, k->state == TASK_JOINED ?
			 "joined" : "daemonized: not forktop's child any more");
		return -1;
	}
	if (alive(k))
		mark_exited(t, k);	/* it may have ended since the last poll */
	if (alive(k)) {
		snprintf(err, errlen, "%s pid %d is still running", k->name, k->pid);
		return -1;
	}
	if (k->state == TASK_EXITED) {
		memset(&si, 0, sizeof si);
		while (waitid(P_PIDFD, (id_t)k->pidfd, &si, WEXITED) < 0 && errno == EINTR)
			;
		close(k->pidfd);
		k->pidfd = -1;
		k->state = TASK_JOINED;
	}
	task_exitcode_str(code, sizeof code, k);
	snprintf(py, sizeof py, "p.join() → exitcode %d after %.2f s", k->exitcode, waited);
	log_event(t, EV_JOIN, py, "%s pid %d: exitcode %s after %.2f s", k->name, k->pid, code,
		  waited);
	return 0;
}

static int join_exited(tasks_t *t, double since)
{
	char err[256];
	int n = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (alive(k) && k->pidfd >= 0)
			mark_exited(t, k);
		if (k->state == TASK_EXITED)
			n += task_join(t, k, since > 0 ? now_mono() - since : 0, err,
				       sizeof err) == 0;
	}
	return n;
}

int tasks_join_all_exited(tasks_t *t)
{
	return join_exited(t, 0);
}

/* ---- the end ---- */

/* Polls the tasks until none (or no daemonic one) is alive, or the deadline. */
static void wait_exits(tasks_t *t, double deadline, bool daemonic_only)
{
	for (;;) {
		size_t waiting = 0;
		for (size_t i = 0; i < t->n; i++)
			waiting += alive(t->v[i]) && (!daemonic_only || t->v[i]->daemon);
		double left = deadline - now_mono();
		if (waiting == 0 || left <= 0)
			return;
		struct pollfd *fds = xcalloc(2 * t->n, sizeof *fds);
		size_t m = tasks_pollfds(t, fds, 2 * t->n);
		if (poll(fds, m, (int)(left * 1000) + 1) > 0)
			tasks_handle(t, fds, m);
		free(fds);
	}
}

static int signal_alive(tasks_t *t, int sig, bool daemonic_only)
{
	char msg[512];
	int n = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (!alive(k) || (daemonic_only && !k->daemon))
			continue;
		if (signal_send(k->pid, k->start, sig, msg, sizeof msg) < 0) {
			log_event(t, EV_REFUSED, NULL, "%s", msg);
			continue;
		}
		n++;
		log_event(t, EV_SIGNAL, sig == SIGKILL ? "p.kill()" : "p.terminate()",
			  "%s sent to %d (%s)", signal_name(sig), k->pid, k->name);
		if (msg[0])
			log_event(t, EV_INFO, NULL, "%s", msg);
	}
	return n;
}

/* TERM, grace, KILL, wait: Python's atexit for daemonic children, made certain. */
static int end_tasks(tasks_t *t, double grace, bool daemonic_only)
{
	double t0 = now_mono();
	int n = signal_alive(t, SIGTERM, daemonic_only);
	if (n == 0)
		return 0;
	wait_exits(t, t0 + grace, daemonic_only);
	if (signal_alive(t, SIGKILL, daemonic_only) > 0)
		wait_exits(t, now_mono() + KILL_WAIT, daemonic_only);
	return n;
}

int tasks_end_all(tasks_t *t, double grace)
{
	double t0 = now_mono();
	int n = end_tasks(t, grace, false);
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i]->outfd >= 0)
			read_output(t->v[i]);
	join_exited(t, t0);
	return n;
}

static void task_free(struct task *k)
{
	if (k->pidfd >= 0)
		close(k->pidfd);
	if (k->outfd >= 0)
		close(k->outfd);
	for (size_t i = 0; i < k->nlines; i++)
		free(k->lines[(k->first + i) % TASK_OUTPUT_LINES]);
	free(k->lines);
	free(k->partial);
	free(k->name);
	free(k->target);
	free(k->args_repr);
	free(k);
}

void tasks_free(tasks_t *t)
{
	if (!t)
		return;
	t->quiet = true;
	end_tasks(t, DAEMON_GRACE, true);
	join_exited(t, 0);
	for (size_t i = 0; i < t->n; i++)
		task_free(t->v[i]);
	free(t->v);
	free(t);
}

/* TEMPORARY until the task core lands. */
int tasks_leave_running(tasks_t *t, const char *logdir, char *msg, size_t msglen)
{
	(void)t; (void)logdir;
	snprintf(msg, msglen, "left");
	return 0;
}
