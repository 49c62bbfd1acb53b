/* guard.c - the watchdog that outlives a killed forktop (see guard.h for why). forktop's
 * side: start it, pass it pidfds, release the terminal. The guard's side: wait for
 * forktop's end, then restore the terminal and end the daemonic tasks. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "guard.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "util.h"

enum { MSG_WATCH = 'W', MSG_RELEASE = 'R' };

struct guard_msg {
	char kind;
	int32_t pid;
};

/* forktop's side: its end of the socket, and the terminal duty (for a guard started
 * again after the first one was killed). */
static int guard_fd = -1;
static struct {
	int tty;
	bool have_tio;
	struct termios tio;
	char reset[256];
	size_t len;
} duty = { .tty = -1 };

/* ---- the guard ---- */

struct watched {
	int pid, pidfd;
};

/* Every signal but SIGKILL and SIGSTOP ignored: the guard must do its work. */
static void ignore_signals(void)
{
	struct sigaction sa;
	sigset_t none;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Keeps only fds a, b and c (each -1 or open), as 3, 4 and 5 in that order; stdio goes
 * to /dev/null. forktop's other fds (task pipes, control channels) must not stay open. */
static void keep_fds(int *a, int *b, int *c)
{
	int *v[3] = { a, b, c }, top = 5;
	for (int i = 0; i < 3; i++)
		if (*v[i] > top)
			top = *v[i];
	for (int i = 0; i < 3; i++)
		if (*v[i] >= 0)
			*v[i] = fcntl(*v[i], F_DUPFD, top + 1 + i);
	for (int i = 0; i < 3; i++) {
		if (*v[i] >= 0 && dup2(*v[i], 3 + i) >= 0) {
			close(*v[i]);
			*v[i] = 3 + i;
		} else {
			close(3 + i);
			*v[i] = -1;
		}
	}
	close_range(6, ~0U, 0);
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3 && null >= 0; fd++)
		dup2(null, fd);
	if (null > 2 && null != *a && null != *b && null != *c)
		close(null);
}

/* Receives one message; returns 1, 0 at EOF (forktop has gone), -1 to try again (errno
 * EAGAIN: nothing waiting). */
static int receive(int sock, int flags, struct guard_msg *m, int *fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = m, .iov_len = sizeof *m };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
		.msg_controllen = sizeof cbuf };
	*fd = -1;
	ssize_t r = recvmsg(sock, &h, MSG_CMSG_CLOEXEC | flags);
	if (r == 0)
		return 0;
	if (r < 0)
		return errno == EINTR || errno == EAGAIN ? -1 : 0;
	errno = 0;
	struct cmsghdr *c = CMSG_FIRSTHDR(&h);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
		memcpy(fd, CMSG_DATA(c), sizeof *fd);
	return r == (ssize_t)sizeof *m ? 1 : -1;
}

/* A task's whole process group (the task leads it: its children too), else the task. */
static void signal_task(const struct watched *w, int sig)
{
	char msg[256];
	if (signal_send_pidfd_group(w->pidfd, w->pid, sig, msg, sizeof msg) < 0 &&
	    errno != ESRCH)
		signal_send_pidfd(w->pidfd, w->pid, sig, msg, sizeof msg);
}

/* Drops the tasks that have ended; returns how many are left. */
static size_t prune(struct watched *v, size_t n)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		struct pollfd p = { .fd = v[i].pidfd, .events = POLLIN };
		if (poll(&p, 1, 0) > 0)
			close(v[i].pidfd);
		else
			v[m++] = v[i];
	}
	return m;
}

/* TERM (and CONT: a stopped task would not act on it), grace, KILL. */
static void end_tasks(struct watched *v, size_t n)
{
	n = prune(v, n);
	for (size_t i = 0; i < n; i++) {
		signal_task(&v[i], SIGTERM);
		signal_task(&v[i], SIGCONT);
	}
	double deadline = clock_now() + GUARD_GRACE;
	while ((n = prune(v, n)) > 0 && clock_now() < deadline) {
		struct pollfd p = { .fd = v[0].pidfd, .events = POLLIN };
		poll(&p, 1, 50);
	}
	for (size_t i = 0; i < n; i++)
		signal_task(&v[i], SIGKILL);
}

static void restore_terminal(int tty)
{
	if (tty < 0)
		return;
	if (duty.have_tio)
		tcsetattr(tty, TCSANOW, &duty.tio);
	ssize_t r = write(tty, duty.reset, duty.len);
	(void)r;
	close(tty);
}

/* Handles one message; returns false at EOF (forktop has gone). */
static bool handle_msg(int sock, int flags, struct watched **v, size_t *n, size_t *cap,
		       int *tty)
{
	struct guard_msg m;
	int fd, r = receive(sock, flags, &m, &fd);
	if (r == 0)
		return false;
	if (r < 0) {
		if (fd >= 0)
			close(fd);
	} else if (m.kind == MSG_RELEASE && *tty >= 0) {
		close(*tty);
		*tty = -1;
	} else if (m.kind == MSG_WATCH && fd >= 0) {
		if (*n == *cap)	/* ended tasks go before the table grows */
			*n = prune(*v, *n);
		*v = xgrow(*v, cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = (struct watched){ .pid = m.pid, .pidfd = fd };
	} else if (fd >= 0) {
		close(fd);
	}
	return r >= 0 || errno != EAGAIN;
}

/* Waits for forktop's end (its pidfd readable, or EOF on the socket), collecting the
 * pidfds it sends meanwhile; then reads what forktop sent before it ended (it may have
 * restored the terminal itself: a crash, a normal exit) and acts. */
static void guard_main(int sock, int self, int tty)
{
	struct watched *v = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		struct pollfd p[2] = { { .fd = self, .events = POLLIN },
				       { .fd = sock, .events = POLLIN } };
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents)
			break;
		if (p[1].revents && !handle_msg(sock, 0, &v, &n, &cap, &tty))
			break;
	}
	while (handle_msg(sock, MSG_DONTWAIT, &v, &n, &cap, &tty))
		;
	restore_terminal(tty);
	end_tasks(v, n);
	_exit(0);
}

/* ---- forktop's side ---- */

/* Forks the guard: the middle process makes a session and forks the guard, then exits,
 * so the guard is re-parented away from forktop. */
static int spawn_guard(char *err, size_t errlen)
{
	int sv[2], self = pidfd_open(getpid(), 0);
	if (self < 0 || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(err, errlen, "cannot start the watchdog: %s", strerror(errno));
		if (self >= 0)
			close(self);
		return -1;
	}
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);	/* no handler of forktop's runs in the child */
	pid_t mid = fork();
	if (mid == 0) {
		pid_t pid = setsid() < 0 ? -1 : fork();
		if (pid != 0)
			_exit(pid > 0 ? 0 : 1);
		prctl(PR_SET_NAME, "forktop-guard");
		ignore_signals();
		int sock = sv[1], tty = duty.tty;
		keep_fds(&sock, &self, &tty);
		guard_main(sock, self, tty);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(sv[1]);
	close(self);
	siginfo_t si = { 0 };
	if (mid < 0 || waitid(P_PID, (id_t)mid, &si, WEXITED) < 0 || si.si_status != 0) {
		snprintf(err, errlen, "cannot start the watchdog: %s",
			 mid < 0 ? strerror(errno) : "fork failed");
		close(sv[0]);
		return -1;
	}
	guard_fd = sv[0];
	return 0;
}

int guard_start(int tty, const struct termios *tio, const char *reset, size_t len,
		char *err, size_t errlen)
{
	if (duty.tty >= 0)
		close(duty.tty);
	duty.tty = tty >= 0 ? fcntl(tty, F_DUPFD_CLOEXEC, 3) : -1;
	duty.have_tio = tio != NULL;
	if (tio)
		duty.tio = *tio;
	duty.len = len < sizeof duty.reset ? len : sizeof duty.reset;
	memcpy(duty.reset, reset, duty.len);
	if (guard_fd >= 0)
		close(guard_fd);	/* an earlier guard sees EOF and ends */
	guard_fd = -1;
	return spawn_guard(err, errlen);
}

static int send_msg(char kind, int pid, int fd)
{
	struct guard_msg m = { .kind = kind, .pid = pid };
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &m, .iov_len = sizeof m };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (fd >= 0) {
		memset(cbuf, 0, sizeof cbuf);
		h.msg_control = cbuf;
		h.msg_controllen = sizeof cbuf;
		struct cmsghdr *c = CMSG_FIRSTHDR(&h);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof fd);
	}
	ssize_t r;
	while ((r = sendmsg(guard_fd, &h, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	return r == (ssize_t)sizeof m ? 0 : -1;
}

void guard_release_terminal(void)
{
	if (duty.tty >= 0) {
		close(duty.tty);
		duty.tty = -1;
	}
	if (guard_fd >= 0)
		send_msg(MSG_RELEASE, 0, -1);
}

int guard_watch(int pidfd, int pid, char *err, size_t errlen)
{
	if (guard_fd < 0 && spawn_guard(err, errlen) < 0)
		return -1;
	if (send_msg(MSG_WATCH, pid, pidfd) == 0)
		return 0;
	/* The guard is gone (someone killed it): a new one, told about this task. Tasks the
	 * old one watched still have their death signal. */
	close(guard_fd);
	guard_fd = -1;
	if (spawn_guard(err, errlen) < 0)
		return -1;
	if (send_msg(MSG_WATCH, pid, pidfd) == 0)
		return 0;
	snprintf(err, errlen, "cannot hand the task to the watchdog: %s", strerror(errno));
	return -1;
}
