/* task_leave.c - tasks that outlive forktop: the log directory, log files, and the quit
 * dialog's "leave them running", which hands each task's output pipe to a drainer
 * process, so that no task dies of SIGPIPE once forktop is gone. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "task_int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demos.h"
#include "signals.h"
#include "text.h"
#include "util.h"

#define DRAIN_CHUNK 65536

int tasks_fallback_logdir(char *buf, size_t size)
{
	int n = snprintf(buf, size, "/tmp/forktop-%u/logs", (unsigned)getuid());
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int tasks_default_logdir(char *buf, size_t size)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;
	/* The XDG rule: a relative value is invalid and ignored. */
	if (state && state[0] == '/')
		n = snprintf(buf, size, "%s/forktop/logs", state);
	else if (home && home[0] == '/')
		n = snprintf(buf, size, "%s/.local/state/forktop/logs", home);
	else
		return tasks_fallback_logdir(buf, size);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

const char *task_logdir(const tasks_t *t, char *buf, size_t size)
{
	if (t->logdir)
		return t->logdir;
	if (tasks_default_logdir(buf, size) < 0)
		tasks_fallback_logdir(buf, size);
	return buf;
}

static int dir_error(const char *dir, const char *why, char *err, size_t errlen)
{
	char *d = task_escape(dir);
	snprintf(err, errlen, "cannot use the log directory %s: %s", d, why);
	free(d);
	return -1;
}

int task_make_logdir(const char *dir, char *err, size_t errlen)
{
	char path[4096];
	struct stat sb;
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof path)
		return dir_error(dir, "bad path", err, errlen);
	memcpy(path, dir, n + 1);
	/* Missing parents too, all private: a log holds whatever a task printed. */
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return dir_error(dir, strerror(errno), err, errlen);
		*p = c;
		if (!c)
			break;
	}
	/* Under /tmp someone else could have made it first, or put a symlink there. */
	if (lstat(dir, &sb) < 0)
		return dir_error(dir, strerror(errno), err, errlen);
	if (!S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
		return dir_error(dir, "not a directory of ours", err, errlen);
	return 0;
}

int task_open_log(const struct task *k, const char *dir, const char *why, char **path,
		  char *err, size_t errlen)
{
	char when[32], stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	struct sbuf p;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	sbuf_init(&p);
	sbuf_printf(&p, "%s/%s-%d-%d.log", dir, stamp, (int)getpid(), k->id);
	int fd = open(sbuf_str(&p), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC,
		      0600);
	if (fd < 0) {
		char *e = task_escape(sbuf_str(&p));
		snprintf(err, errlen, "cannot open the log file %s: %s", e, strerror(errno));
		free(e);
		sbuf_free(&p);
		return -1;
	}
	/* One header line, so that a log says whose output it is. */
	dprintf(fd, "# forktop %s: output of %s", when, k->name);
	if (k->pid > 0)
		dprintf(fd, " pid %d", k->pid);
	dprintf(fd, " (%s), %s\n", k->target, why);
	*path = xstrdup(sbuf_str(&p));
	sbuf_free(&p);
	return fd;
}

/* ---- the drainer ---- */

/* Copies the task's output to the log until every writer is gone. */
static void drain(int in, int out, const char *title) __attribute__((noreturn));
static void drain(int in, int out, const char *title)
{
	static char buf[DRAIN_CHUNK];
	task_child_reset_signals();
	prctl(PR_SET_NAME, "forktop-log");
	demos_set_title(title);	/* ps: "forktop: log relay for ...", not forktop's argv */
	int r_fd = fcntl(in, F_DUPFD_CLOEXEC, 3), w_fd = fcntl(out, F_DUPFD_CLOEXEC, 3);
	int null = open("/dev/null", O_RDWR);
	if (r_fd < 0 || w_fd < 0 || null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
	    dup2(null, 2) < 0 || dup2(r_fd, 3) < 0 || dup2(w_fd, 4) < 0)
		_exit(1);
	/* Nothing of forktop's stays open here: not its terminal, not other tasks' pipes. */
	task_child_close_from(5);
	if (chdir("/") < 0)
		_exit(1);
	for (;;) {
		ssize_t r = read(3, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			_exit(0);
		/* A full disk loses output, never the task: keep reading. */
		for (ssize_t off = 0, w; off < r; off += w) {
			while ((w = write(4, buf + off, (size_t)(r - off))) < 0 && errno == EINTR)
				;
			if (w <= 0)
				break;
		}
	}
}

/* Starts a drainer from in to out: double fork, a session of its own, so it is never
 * forktop's child (nor its zombie) and no terminal hang-up reaches it. */
static int start_drainer(int in, int out, const char *title, char *err, size_t errlen)
{
	sigset_t all, old;
	siginfo_t si;

	fcntl(in, F_SETFL, fcntl(in, F_GETFL) & ~O_NONBLOCK);
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid_t mid = fork();
	if (mid == 0) {
		pid_t pid = setsid() < 0 ? -1 : fork();
		if (pid == 0)
			drain(in, out, title);
		_exit(pid > 0 ? 0 : 1);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (mid < 0) {
		snprintf(err, errlen, "cannot start a log drainer: fork: %s", strerror(errno));
		return -1;
	}
	memset(&si, 0, sizeof si);
	while (waitid(P_PID, (id_t)mid, &si, WEXITED) < 0 && errno == EINTR)
		;
	if (si.si_code != CLD_EXITED || si.si_status != 0) {
		snprintf(err, errlen, "cannot start a log drainer");
		return -1;
	}
	return 0;
}

/* ---- leave them running ---- */

/* Running and not daemonic: what "leave them running" is about. */
static bool leavable(const struct task *k)
{
	return !k->left && ((task_alive(k) && !k->daemon) || k->state == TASK_DAEMONIZED);
}

static int hand_over(tasks_t *t, struct task *k, const char *dir, char *err, size_t errlen)
{
	char msg[512];
	if (k->state == TASK_STOPPED &&
	    signal_send(k->pid, k->start, SIGCONT, msg, sizeof msg) == 0)
		task_log(t, EV_SIGNAL, NULL, "SIGCONT sent to %d (%s): once forktop exits, a "
			 "stopped task is hung up (orphaned process group)", k->pid, k->name);
	if (k->outfd >= 0) {
		char *path;
		int fd = task_open_log(k, dir, "left running when forktop quit", &path, err,
				       errlen);
		if (fd < 0)
			return -1;
		/* The start of a line forktop had read but not shown yet. */
		ssize_t w = k->partial_len ? write(fd, k->partial, k->partial_len) : 0;
		(void)w;	/* a log without it is still a log */
		k->partial_len = 0;
		/* Short: the title has only the room of forktop's own command line. */
		char title[300];
		snprintf(title, sizeof title, "log relay for %s", k->name);
		int r = start_drainer(k->outfd, fd, title, err, errlen);
		close(fd);
		if (r < 0) {
			free(path);
			return -1;
		}
		close(k->outfd);
		k->outfd = -1;
		free(k->logpath);
		k->logpath = task_escape(path);
		free(path);
	}
	k->left = true;
	task_log(t, EV_INFO, NULL, "%s pid %d left running%s%s", k->name, k->pid,
		 k->logpath ? "; its output goes to " : "", k->logpath ? k->logpath : "");
	return 0;
}

int tasks_leave_running(tasks_t *t, const char *logdir, char *msg, size_t msglen)
{
	char buf[4096], err[512];
	const char *dir = logdir && logdir[0] ? logdir : task_logdir(t, buf, sizeof buf);
	int left = 0, failed = 0;

	for (size_t i = 0; i < t->n; i++)
		if (leavable(t->v[i]) && t->v[i]->outfd >= 0) {
			if (task_make_logdir(dir, msg, msglen) < 0)
				return -1;
			break;
		}
	/* First the hand-over, so no task waits on a full pipe while daemonic ones end. */
	for (size_t i = 0; i < t->n; i++) {
		struct task *k = t->v[i];
		if (!leavable(k))
			continue;
		if (hand_over(t, k, dir, err, sizeof err) == 0) {
			left++;
		} else {
			failed++;
			task_log(t, EV_ERROR, NULL, "%s pid %d: %s", k->name, k->pid, err);
		}
	}
	int ended = task_end_running(t, DAEMON_GRACE, true);
	int joined = task_join_exited(t, 0);

	struct sbuf b;
	char *d = task_escape(dir);
	sbuf_init(&b);
	if (left)
		sbuf_printf(&b, "left %d task%s running; output is appended to logs in %s", left,
			    left == 1 ? "" : "s", d);
	else
		sbuf_adds(&b, "no task left running");
	if (ended)
		sbuf_printf(&b, "; ended %d daemonic task%s (daemon=True)", ended,
			    ended == 1 ? "" : "s");
	if (joined)
		sbuf_printf(&b, "; joined %d", joined);
	if (failed)
		sbuf_printf(&b, "; %d could not be handed over and will die of SIGPIPE when "
			    "forktop exits (see the event log)", failed);
	snprintf(msg, msglen, "%s", sbuf_str(&b));
	sbuf_free(&b);
	free(d);
	return left;
}
