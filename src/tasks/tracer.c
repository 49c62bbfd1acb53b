/* tracer.c - strace attached to a process: started as forktop's child (its own process
 * group, signals at their defaults, stdin /dev/null, output to a pipe), its output split
 * into lines, ended through signal_send and reaped through its pidfd. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "tracer.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "signals.h"
#include "task_int.h"
#include "util.h"

#define LINE_MAX_BYTES 4096	/* a longer line is cut into pieces */

struct tracer {
	int target;
	int pid;
	unsigned long long start;	/* strace's own start time, for signal_send */
	int pidfd;		/* -1 once reaped */
	int outfd;		/* -1 at EOF */
	double kill_at;		/* SIGKILL due then, 0: not detaching */
	bool killed;
	char exit[64];		/* "" until reaped */
	char **lines;		/* a ring of TRACER_LINES */
	size_t nlines, first;
	char partial[LINE_MAX_BYTES];
	size_t partial_len;
};

bool tracer_available(const char *path)
{
	if (!path)
		path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, ":");
		char file[4096];
		struct stat st;
		if (n > 0 && snprintf(file, sizeof file, "%.*s/strace", (int)n, p) < (int)sizeof file &&
		    stat(file, &st) == 0 && S_ISREG(st.st_mode) && access(file, X_OK) == 0)
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

/* The child: a group of its own (signal_send refuses forktop's), default signals,
 * SIGTERM when forktop dies (strace then detaches), stdio, then strace. */
static void child_run(int out_w, const char *pid, pid_t parent) __attribute__((noreturn));
static void child_run(int out_w, const char *pid, pid_t parent)
{
	setpgid(0, 0);
	task_child_reset_signals();
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);
	int null = open("/dev/null", O_RDONLY);
	if (null < 0 || dup2(null, 0) < 0 || dup2(out_w, 1) < 0 || dup2(out_w, 2) < 0)
		_exit(127);
	task_child_close_from(3);
	execlp("strace", "strace", "-p", pid, "-s", "80", (char *)NULL);
	dprintf(2, "forktop: cannot run strace: %s\n", strerror(errno));
	_exit(127);
}

tracer_t *tracer_start(int pid, unsigned long long start, char *err, size_t errlen)
{
	struct pstat st;
	if (signal_read_stat(pid, &st) < 0 || st.start != start) {
		snprintf(err, errlen, "process %d has ended", pid);
		return NULL;
	}
	int out[2];
	if (pipe2(out, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "cannot start strace: %s", strerror(errno));
		return NULL;
	}
	char pidstr[16];
	snprintf(pidstr, sizeof pidstr, "%d", pid);
	pid_t parent = getpid(), child = fork();
	if (child == 0)
		child_run(out[1], pidstr, parent);
	close(out[1]);
	if (child > 0)
		setpgid(child, child);	/* as the child does: whichever runs first */
	if (child < 0) {
		close(out[0]);
		snprintf(err, errlen, "cannot start strace: %s", strerror(errno));
		return NULL;
	}
	tracer_t *t = xcalloc(1, sizeof *t);
	t->target = pid;
	t->pid = child;
	t->outfd = out[0];
	fcntl(t->outfd, F_SETFL, O_NONBLOCK);
	/* forktop's child: no one else can reap it, so the pid is its until forktop does. */
	t->pidfd = pidfd_open(child, 0);
	struct pstat cs;
	if (signal_read_stat(child, &cs) == 0)
		t->start = cs.start;
	t->lines = xcalloc(TRACER_LINES, sizeof *t->lines);
	return t;
}

int tracer_fd(const tracer_t *t)
{
	return t->outfd >= 0 ? t->outfd : t->pidfd;
}

static void add_line(tracer_t *t, const char *s, size_t n)
{
	if (t->nlines == TRACER_LINES) {
		free(t->lines[t->first]);
		t->first = (t->first + 1) % TRACER_LINES;
		t->nlines--;
	}
	t->lines[(t->first + t->nlines++) % TRACER_LINES] = xstrndup(s, n);
}

static void take(tracer_t *t, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\n' || t->partial_len == LINE_MAX_BYTES) {
			add_line(t, t->partial, t->partial_len);
			t->partial_len = 0;
			if (buf[i] == '\n')
				continue;
		}
		t->partial[t->partial_len++] = buf[i];
	}
}

/* Reads what the pipe holds; true when anything came. At EOF the last partial line is
 * kept and the pipe closed. */
static bool read_output(tracer_t *t)
{
	char buf[8192];
	bool got = false;
	while (t->outfd >= 0) {
		ssize_t r = read(t->outfd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;	/* EAGAIN: nothing more now */
		got = true;
		if (r == 0) {
			if (t->partial_len)
				add_line(t, t->partial, t->partial_len);
			t->partial_len = 0;
			close(t->outfd);
			t->outfd = -1;
			break;
		}
		take(t, buf, (size_t)r);
	}
	return got;
}

/* Reaps strace if it has ended (wait: block until it has). */
static bool reap(tracer_t *t, bool wait)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	if (t->pidfd < 0)
		return false;
	while (waitid(P_PIDFD, (id_t)t->pidfd, &si, WEXITED | (wait ? 0 : WNOHANG)) < 0)
		if (errno != EINTR)
			return false;
	if (si.si_pid == 0)
		return false;	/* still running */
	close(t->pidfd);
	t->pidfd = -1;
	if (si.si_code == CLD_EXITED)
		snprintf(t->exit, sizeof t->exit, "exit %d", si.si_status);
	else
		snprintf(t->exit, sizeof t->exit, "killed by %s", signal_name(si.si_status));
	return true;
}

static void send_kill(tracer_t *t)
{
	char msg[200];
	t->killed = true;
	signal_send(t->pid, t->start, SIGKILL, msg, sizeof msg);
}

bool tracer_poll(tracer_t *t, double now)
{
	bool changed = read_output(t);
	if (t->pidfd >= 0 && t->kill_at > 0 && now >= t->kill_at && !t->killed)
		send_kill(t);
	if (t->outfd < 0)
		changed |= reap(t, false);
	return changed;
}

double tracer_deadline(const tracer_t *t)
{
	return t->pidfd >= 0 && t->kill_at > 0 && !t->killed ? t->kill_at : 0;
}

int tracer_detach(tracer_t *t, double now, char *msg, size_t msglen)
{
	if (t->pidfd < 0) {
		snprintf(msg, msglen, "strace has already ended (%s)", t->exit);
		return -1;
	}
	if (t->kill_at > 0)
		return 0;
	t->kill_at = now + TRACER_GRACE;
	if (signal_send(t->pid, t->start, SIGTERM, msg, msglen) < 0) {
		send_kill(t);
		return -1;
	}
	return 0;
}

int tracer_target(const tracer_t *t)
{
	return t->target;
}

int tracer_pid(const tracer_t *t)
{
	return t->pid;
}

bool tracer_done(const tracer_t *t)
{
	return t->pidfd < 0;
}

bool tracer_detaching(const tracer_t *t)
{
	return t->kill_at > 0 && t->pidfd >= 0;
}

const char *tracer_exit(const tracer_t *t)
{
	return t->exit;
}

size_t tracer_nlines(const tracer_t *t)
{
	return t->nlines;
}

const char *tracer_line(const tracer_t *t, size_t i)
{
	return i < t->nlines ? t->lines[(t->first + i) % TRACER_LINES] : "";
}

void tracer_free(tracer_t *t)
{
	if (!t)
		return;
	if (t->outfd >= 0)	/* a full pipe must not hold strace up */
		close(t->outfd);
	t->outfd = -1;
	if (t->pidfd >= 0) {
		char msg[200];
		tracer_detach(t, clock_now(), msg, sizeof msg);
		struct pollfd p = { .fd = t->pidfd, .events = POLLIN };
		if (!t->killed && poll(&p, 1, (int)(TRACER_GRACE * 1000)) == 0)
			send_kill(t);
		reap(t, true);
	}
	for (size_t i = 0; i < t->nlines; i++)
		free(t->lines[(t->first + i) % TRACER_LINES]);
	free(t->lines);
	free(t);
}
