/* demo_ctl.c - a demo task's end of the control channel: while the demo sleeps or waits
 * for its children it serves forktop's requests: rename itself (its comm, which ps shows)
 * or daemonize (fork, setsid, fork: the grandchild goes on with the demo). Runs in demo
 * tasks only, never in forktop. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "demo_ctl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "task.h"
#include "util.h"

#define COMM_BYTES 15		/* the kernel keeps 15 bytes of a name */

static int ctl = -1;		/* the channel, -1 when none or once forktop has gone */

void demo_ctl_init(int fd)
{
	ctl = fd;
}

void demo_ctl_forget(void)
{
	if (ctl >= 0)
		close(ctl);
	ctl = -1;
}

static void reply(char op, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reply(char op, const char *fmt, ...)
{
	char buf[CTL_MSG_MAX];
	va_list ap;
	buf[0] = op;
	va_start(ap, fmt);
	int n = vsnprintf(buf + 1, sizeof buf - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	size_t len = 1 + ((size_t)n < sizeof buf - 1 ? (size_t)n : sizeof buf - 2);
	/* forktop may have gone: no SIGPIPE for that. */
	if (ctl >= 0)
		send(ctl, buf, len, MSG_NOSIGNAL);
}

static void rename_self(const char *name)
{
	char comm[COMM_BYTES + 1], now[COMM_BYTES + 2] = { 0 };
	size_t n = strlen(name);
	/* Cut between characters, never inside one: ps would show a broken one. */
	if (n > COMM_BYTES) {
		n = COMM_BYTES;
		while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
			n--;
		if (n == 0)
			n = COMM_BYTES;	/* not UTF-8 at all: bytes are bytes */
	}
	memcpy(comm, name, n);
	comm[n] = '\0';
	prctl(PR_SET_NAME, comm);
	prctl(PR_GET_NAME, now);
	reply(CTL_RENAMED, "%s", now);
}

/* The grandchild: a daemon now. Reports itself to forktop, then tells the original it
 * may go. */
static void become_daemon(int sync)
{
	struct pstat st;
	/* Its output pipe outlives forktop only as an EPIPE: demo_output_failed then. */
	signal(SIGPIPE, SIG_IGN);
	if (chdir("/") < 0) {
		/* the demo does not use the working directory */
	}
	umask(0);
	unsigned long long start = signal_read_stat(getpid(), &st) == 0 ? st.start : 0;
	reply(CTL_DAEMONIZED, "%d %llu %d", (int)getpid(), start, (int)getsid(0));
	ssize_t w = write(sync, "k", 1);
	(void)w;	/* if it fails the original reports the failure */
	close(sync);
}

static void daemonize_self(void)
{
	const char *d = getenv("FORKTOP_DAEMONIC");
	int sync[2];
	if (d && strcmp(d, "1") == 0) {
		reply(CTL_FAILED, "daemonic processes are not allowed to have children");
		return;
	}
	if (pipe2(sync, O_CLOEXEC) < 0) {
		reply(CTL_FAILED, "cannot daemonize: pipe: %s", strerror(errno));
		return;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t mid = fork();
	if (mid == 0) {
		close(sync[0]);
		/* The middle makes the session; its child is not its leader, so it can never
		 * get a controlling terminal. */
		pid_t pid = setsid() < 0 ? -1 : fork();
		if (pid != 0)
			_exit(pid > 0 ? 0 : 1);
		become_daemon(sync[1]);
		return;		/* the grandchild goes on with the demo */
	}
	close(sync[1]);
	if (mid < 0) {
		reply(CTL_FAILED, "cannot daemonize: fork: %s", strerror(errno));
		close(sync[0]);
		return;
	}
	int status;
	char c = 0;
	ssize_t r;
	while (waitpid(mid, &status, 0) < 0 && errno == EINTR)
		;
	while ((r = read(sync[0], &c, 1)) < 0 && errno == EINTR)
		;
	close(sync[0]);
	if (r == 1)
		_exit(0);	/* the grandchild has reported: this pid's part is over */
	reply(CTL_FAILED, "cannot daemonize: the new process did not start");
}

void demo_ctl_serve(void)
{
	char buf[CTL_MSG_MAX + 1];
	while (ctl >= 0) {
		ssize_t r = recv(ctl, buf, CTL_MSG_MAX, MSG_DONTWAIT);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0) {
			demo_ctl_forget();	/* forktop has gone or let us go */
			return;
		}
		buf[r] = '\0';
		if (buf[0] == CTL_RENAME)
			rename_self(buf + 1);
		else if (buf[0] == CTL_DAEMONIZE)
			daemonize_self();
	}
}

void demo_nap(double s)
{
	double end = clock_now() + s;
	for (;;) {
		double left = end - clock_now();
		if (left <= 0)
			return;
		if (ctl < 0) {
			struct timespec ts = { .tv_sec = (time_t)left,
				.tv_nsec = (long)((left - (double)(time_t)left) * 1e9) };
			nanosleep(&ts, NULL);	/* EINTR: the loop sleeps the rest */
			continue;
		}
		struct pollfd p = { .fd = ctl, .events = POLLIN };
		if (poll(&p, 1, (int)(left * 1000) + 1) > 0)
			demo_ctl_serve();
	}
}

int demo_child_pidfd(pid_t pid)
{
	return pidfd_open(pid, 0);
}

bool demo_wait_child(pid_t pid, int pidfd, int *code)
{
	siginfo_t si;
	if (pidfd < 0) {
		int status;
		while (waitpid(pid, &status, 0) < 0)
			if (errno != EINTR)
				return false;
		*code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
		return true;
	}
	for (;;) {
		struct pollfd p[2] = { { .fd = pidfd, .events = POLLIN },
				       { .fd = ctl, .events = POLLIN } };
		int r = poll(p, ctl >= 0 ? 2 : 1, -1);
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0 && p[0].revents)
			break;
		if (r > 0 && p[1].revents)
			demo_ctl_serve();
	}
	memset(&si, 0, sizeof si);
	int r = waitid(P_PIDFD, (id_t)pidfd, &si, WEXITED);
	close(pidfd);
	if (r < 0)
		return false;	/* ECHILD: it stayed with our old pid when we daemonized */
	*code = task_exitcode_from(si.si_code, si.si_status);
	return true;
}

void demo_output_failed(void)
{
	if (errno != EPIPE)
		return;
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, 1);
		dup2(null, 2);
		close(null);
	}
	clearerr(stdout);
}
