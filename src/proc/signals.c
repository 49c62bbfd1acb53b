/* signals.c - the one way forktop signals a process: refuse the dangerous targets, pin the
 * process with a pidfd, prove it is the one the user saw (start time), then signal
 * through the pidfd. Never kill() with a pid number. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procfs.h"
#include "text.h"
#include "util.h"

/* Fields of /proc/PID/stat, counted from 1 (pid); comm is 2 and state 3. */
#define STAT_FIELD_PPID 4
#define STAT_FIELD_PGRP 5
#define STAT_FIELD_TTY 7
#define STAT_FIELD_FLAGS 9
#define STAT_FIELD_UTIME 14
#define STAT_FIELD_STIME 15
#define STAT_FIELD_PRIORITY 18
#define STAT_FIELD_NICE 19
#define STAT_FIELD_THREADS 20
#define STAT_FIELD_START 22
#define STAT_FIELD_VSIZE 23
#define STAT_FIELD_RSS 24
#define STAT_FIELD_EXIT 52
#define MAX_DEPTH 4096		/* ancestors followed up from forktop */

#ifndef PIDFD_SIGNAL_PROCESS_GROUP
#define PIDFD_SIGNAL_PROCESS_GROUP (1U << 2)	/* Linux 6.9; glibc 2.36 lacks it */
#endif

int pstat_parse(const char *buf, struct pstat *st)
{
	const char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren || close_paren[1] != ' ' ||
	    !close_paren[2])
		return -1;
	size_t clen = (size_t)(close_paren - open_paren - 1);
	if (clen >= sizeof st->comm)
		clen = sizeof st->comm - 1;
	memcpy(st->comm, open_paren + 1, clen);
	st->comm[clen] = '\0';
	const char *p = close_paren + 2;
	char *end;
	st->state = *p;
	st->vsize = st->rss = 0;
	st->exit_status = 0;
	int field = 3;
	for (p++; *p && field < STAT_FIELD_EXIT; field++) {
		/* some fields are negative (priority, exit signal, ...); one of them is
		 * 2^64 - 1 (rsslim, not kept): it wraps, as unsigned numbers do */
		while (*p == ' ')
			p++;
		bool neg = *p == '-';
		unsigned long long u = 0;
		for (end = (char *)p + neg; *end >= '0' && *end <= '9'; end++)
			u = u * 10 + (unsigned long long)(*end - '0');
		if (end == p + neg)
			break;
		long long v = neg ? -(long long)u : (long long)u;
		switch (field + 1) {
		case STAT_FIELD_PPID: st->ppid = (int)v; break;
		case STAT_FIELD_PGRP: st->pgrp = (int)v; break;
		case STAT_FIELD_TTY: st->tty = (unsigned)v; break;
		case STAT_FIELD_FLAGS: st->flags = (unsigned)v; break;
		case STAT_FIELD_UTIME: st->utime = (unsigned long long)v; break;
		case STAT_FIELD_STIME: st->stime = (unsigned long long)v; break;
		case STAT_FIELD_PRIORITY: st->priority = (int)v; break;
		case STAT_FIELD_NICE: st->nice = (int)v; break;
		case STAT_FIELD_THREADS: st->threads = (int)v; break;
		case STAT_FIELD_START: st->start = (unsigned long long)v; break;
		case STAT_FIELD_VSIZE: st->vsize = (unsigned long)v; break;
		case STAT_FIELD_RSS: st->rss = (unsigned long)v; break;
		case STAT_FIELD_EXIT: st->exit_status = (int)v; break;
		}
		p = end;
	}
	return field >= STAT_FIELD_START ? 0 : -1;
}

int signal_read_stat(int pid, struct pstat *st)
{
	char path[PROC_PATH_MAX], buf[1024];
	if (proc_path(path, sizeof path, "%d/stat", pid) < 0)
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return pstat_parse(buf, st);
}

/* Targets no one should signal from a process monitor. */
static bool refused(int pid, char *msg, size_t msglen)
{
	if (pid == 1)
		snprintf(msg, msglen, "refusing to signal pid 1 (init)");
	else if (pid == 0)
		snprintf(msg, msglen, "refusing to signal pid 0 (it means forktop's own "
			 "process group)");
	else if (pid < 0)
		snprintf(msg, msglen, "refusing to signal pid %d (a negative pid means a "
			 "process group; -1 means every process)", pid);
	else if (pid == getpid())
		snprintf(msg, msglen, "refusing to signal forktop itself (pid %d)", pid);
	else
		return false;
	return true;
}

/* Whether the process (pid, start) is an ancestor of forktop: its terminal's server, its
 * shell. Signalling one (but to continue it) could end forktop with it, as X refuses. */
static bool forktop_ancestor(int pid, unsigned long long start)
{
	struct pstat st;
	int p = getppid();
	for (int depth = 0; p > 1 && depth < MAX_DEPTH; depth++) {
		if (signal_read_stat(p, &st) < 0)
			return false;
		if (p == pid && st.start == start)
			return true;
		p = st.ppid;
	}
	return false;
}

/* Opens a pidfd on pid and proves it is the process started at start. */
static int open_checked(int pid, unsigned long long start, struct pstat *st, char *msg,
			size_t msglen)
{
	if (refused(pid, msg, msglen))
		return -1;
	int fd = pidfd_open(pid, 0);
	if (fd < 0) {
		if (errno == ESRCH)
			snprintf(msg, msglen, "process %d is gone", pid);
		else
			snprintf(msg, msglen, "cannot open process %d: %s", pid, strerror(errno));
		return -1;
	}
	/* The pidfd pins the process: a matching start time now proves identity. */
	if (signal_read_stat(pid, st) < 0 || st->state == 'X') {
		snprintf(msg, msglen, "process %d is gone", pid);
		close(fd);
		return -1;
	}
	if (st->start != start) {
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, st->comm, strlen(st->comm), 0);
		snprintf(msg, msglen, "process %d is gone (pid now used by `%s`)", pid,
			 sbuf_str(&b));
		sbuf_free(&b);
		close(fd);
		return -1;
	}
	return fd;
}

/* Writes the message for a failed pidfd_send_signal; keeps errno. */
static void send_error(int pid, char *msg, size_t msglen)
{
	int e = errno;
	if (e == EPERM) {
		char path[PROC_PATH_MAX];
		struct stat sb;
		if (proc_path(path, sizeof path, "%d", pid) == 0 && stat(path, &sb) == 0)
			snprintf(msg, msglen, "cannot signal %d (owner uid %u): permission denied",
				 pid, (unsigned)sb.st_uid);
		else
			snprintf(msg, msglen, "cannot signal %d: permission denied", pid);
	} else if (e == ESRCH) {
		snprintf(msg, msglen, "process %d has already ended", pid);
	} else {
		snprintf(msg, msglen, "cannot signal %d: %s", pid, strerror(e));
	}
	errno = e;
}

/* The pid a pidfd refers to, as /proc/self/fdinfo says: -1 once the process is reaped,
 * 0 when unknown (no such line on this kernel, or not a pidfd). The kernel's own
 * /proc/self whatever the root: the fd is forktop's, only the running kernel knows it. */
static int pidfd_pid(int pidfd)
{
	char path[64], buf[512];
	if (proc_self_path(path, sizeof path, "fdinfo/%d", pidfd) < 0)
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *line = strstr(buf, "\nPid:");
	return line ? (int)strtol(line + 6, NULL, 10) : 0;
}

/* Refuses what no one should signal; -1 with errno EINVAL and a message. */
static int refuse(int pid, char *msg, size_t msglen)
{
	if (!refused(pid, msg, msglen))
		return 0;
	errno = EINVAL;
	return -1;
}

/* Whether an ancestor of forktop is in process group pgrp. */
static bool ancestor_in_group(int pgrp)
{
	struct pstat st;
	int pid = getppid();
	for (int depth = 0; pid > 1 && depth < MAX_DEPTH; depth++) {
		if (signal_read_stat(pid, &st) < 0)
			return false;
		if (st.pgrp == pgrp)
			return true;
		pid = st.ppid;
	}
	return false;
}

/* The checks of signal_send_pidfd, and of signal_send_pidfd_group with group. */
static int send_checked(int pidfd, int pid, int sig, bool group, char *msg, size_t msglen)
{
	msg[0] = '\0';
	if (sig < 0 || sig > SIGRTMAX) {
		snprintf(msg, msglen, "invalid signal %d", sig);
		errno = EINVAL;
		return -1;
	}
	if (refuse(pid, msg, msglen) < 0)
		return -1;
	/* Pids and start times read below another root prove nothing about the kernel's
	 * processes: nothing is signalled on their word. */
	if (!proc_root_is_kernel()) {
		snprintf(msg, msglen, "refusing to signal %d: processes are read from %s, not "
			 "from the kernel", pid, proc_root());
		errno = EINVAL;
		return -1;
	}
	/* Check the process the pidfd holds, not only the number the caller passed. */
	int real = pidfd_pid(pidfd);
	if (real < 0) {
		snprintf(msg, msglen, "process %d has already ended", pid);
		errno = ESRCH;
		return -1;
	}
	if (real > 0 && real != pid) {
		snprintf(msg, msglen, "refusing to signal %d: its pidfd refers to process %d",
			 pid, real);
		errno = EINVAL;
		return -1;
	}
	pid_t pgrp = getpgid(pid);
	if (pgrp < 0) {
		send_error(pid, msg, msglen);
		return -1;
	}
	if (pgrp == getpgrp()) {
		snprintf(msg, msglen, "refusing to signal %d: it is in forktop's own process "
			 "group", pid);
		errno = EINVAL;
		return -1;
	}
	if (group && pgrp != pid) {
		snprintf(msg, msglen, "refusing to signal the group of %d: it leads none", pid);
		errno = EINVAL;
		return -1;
	}
	if (group && ancestor_in_group(pgrp)) {
		snprintf(msg, msglen, "refusing to signal process group %d: forktop's parent or "
			 "an ancestor is in it", pgrp);
		errno = EINVAL;
		return -1;
	}
	if (pidfd_send_signal(pidfd, sig, NULL, group ? PIDFD_SIGNAL_PROCESS_GROUP : 0) < 0) {
		if (group && errno == EINVAL) {
			snprintf(msg, msglen, "signalling a process group through a pidfd needs "
				 "Linux 6.9");
			errno = EOPNOTSUPP;
			return -1;
		}
		send_error(pid, msg, msglen);
		return -1;
	}
	return 0;
}

int signal_send_pidfd(int pidfd, int pid, int sig, char *msg, size_t msglen)
{
	return send_checked(pidfd, pid, sig, false, msg, msglen);
}

int signal_send_pidfd_group(int pidfd, int pid, int sig, char *msg, size_t msglen)
{
	return send_checked(pidfd, pid, sig, true, msg, msglen);
}

/* Signals that a stopped process only acts on once continued. */
static bool needs_cont(int sig)
{
	return sig == SIGTERM || sig == SIGINT || sig == SIGHUP || sig == SIGQUIT;
}

int signal_send(int pid, unsigned long long start, int sig, char *msg, size_t msglen)
{
	struct pstat st;
	msg[0] = '\0';
	if (sig < 0 || sig > SIGRTMAX) {
		snprintf(msg, msglen, "invalid signal %d", sig);
		return -1;
	}
	int fd = open_checked(pid, start, &st, msg, msglen);
	if (fd < 0)
		return -1;
	if (sig != SIGCONT && forktop_ancestor(pid, start)) {
		snprintf(msg, msglen, "refusing to signal %d: forktop runs inside it (it is "
			 "forktop's %s; ending it would end forktop)", pid,
			 pid == getppid() ? "parent" : "ancestor");
		close(fd);
		errno = EPERM;
		return -1;
	}
	if (signal_send_pidfd(fd, pid, sig, msg, msglen) < 0) {
		close(fd);
		return -1;
	}
	if (st.state == 'Z') {
		snprintf(msg, msglen, "%d is a zombie: it has already exited; only its parent "
			 "can collect it", pid);
	} else if ((st.state == 'T' || st.state == 't') && needs_cont(sig) &&
		   pidfd_send_signal(fd, SIGCONT, NULL, 0) == 0) {
		snprintf(msg, msglen, "%d was stopped: sent SIGCONT so it can end (Python's "
			 "terminate() would hang in join here)", pid);
	}
	close(fd);
	return 0;
}

int signal_pidfd_for(int pid, unsigned long long start, const char *verb, char *msg,
		     size_t msglen)
{
	struct pstat st;
	msg[0] = '\0';
	int fd = open_checked(pid, start, &st, msg, msglen);
	static const char sig[] = "refusing to signal";
	if (fd < 0 && strncmp(msg, sig, sizeof sig - 1) == 0) {	/* nothing is signalled */
		char rest[512];
		snprintf(rest, sizeof rest, "%s", msg + sizeof sig - 1);
		snprintf(msg, msglen, "refusing to %s%s", verb, rest);
	}
	return fd;
}

int signal_pidfd(int pid, unsigned long long start, char *msg, size_t msglen)
{
	return signal_pidfd_for(pid, start, "join", msg, msglen);
}

const char *signal_name(int sig)
{
	static const char *const names[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
		[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
		[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
		[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
		[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
		[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
		[SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU",
		[SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
		[SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
		[SIGSYS] = "SIGSYS",
	};
	/* One slot per number, so two results can be used in the same printf. */
	static char other[128][12];

	if (sig > 0 && (size_t)sig < ARRAY_LEN(names) && names[sig])
		return names[sig];
	if (sig < 0 || (size_t)sig >= ARRAY_LEN(other))
		return "SIG?";
	snprintf(other[sig], sizeof other[sig], "SIG%d", sig);
	return other[sig];
}

/* The signal menu (F9, k), htop's: TERM first, as Python's terminate(). */
static const struct signal_choice signals[] = {
	{ SIGTERM, "terminate: ask it to end (p.terminate())" },
	{ SIGKILL, "kill: end it at once (p.kill())" },
	{ SIGINT, "interrupt (Ctrl-C)" },
	{ SIGHUP, "hang up" },
	{ SIGSTOP, "stop (pause)" },
	{ SIGCONT, "continue" },
	{ SIGUSR1, "user signal 1" },
	{ SIGUSR2, "user signal 2" },
	{ SIGQUIT, "quit (core dump)" },
};

const struct signal_choice *signal_menu(size_t *n)
{
	*n = ARRAY_LEN(signals);
	return signals;
}
