/* loop.c - the one event loop. */
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "actions.h"
#include "ui/ui.h"

static const int loop_sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT };

int loop_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_LEN(loop_sigs); i++)
		sigaddset(&set, loop_sigs[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static int timer_start(int tenths)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (fd < 0)
		return -1;
	struct itimerspec its = { 0 };
	its.it_interval.tv_sec = tenths / 10;
	its.it_interval.tv_nsec = (long)(tenths % 10) * 100000000L;
	its.it_value = its.it_interval;
	timerfd_settime(fd, 0, &its, NULL);
	return fd;
}

/* Reads the processes and rebuilds the rows; a failed scan keeps the last snapshot. */
static void refresh(struct app *a)
{
	char err[200];
	size_t n;
	if (scan_refresh(a->scan, err, sizeof err) < 0)
		snprintf(a->status, sizeof a->status, "%s", err);
	const struct proc *procs = scan_procs(a->scan, &n);
	tree_build(a->tree, procs, n);
	if (a->opts.pid && tree_nrows(a->tree) == 0 && !a->root_gone) {
		a->root_gone = true;
		snprintf(a->status, sizeof a->status, "process %d has ended", a->opts.pid);
	}
}

static void rebuild(struct app *a)
{
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	tree_build(a->tree, procs, n);
}

/* Handles one signal; returns true when forktop must quit. */
static bool on_signal(int sigfd, bool *redraw)
{
	struct signalfd_siginfo si;
	while (read(sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		switch (si.ssi_signo) {
		case SIGWINCH: ui_resize(); *redraw = true; break;
		case SIGTSTP: ui_suspend(); *redraw = true; break;
		case SIGCONT: *redraw = true; break;
		default: return true;	/* TERM, INT, HUP, QUIT: restore and leave */
		}
	}
	return false;
}

/* Handles every key waiting; returns ACT_* flags combined, or ACT_QUIT on hang-up. */
static int on_keys(struct app *a)
{
	int flags = 0, key;
	while ((key = ui_key(a)) != FK_NONE) {
		if (key < 0)
			return ACT_QUIT;
		if (key == FK_RESIZE) {
			flags |= ACT_REDRAW;
			continue;
		}
		flags |= actions_key(a, key) | ACT_REDRAW;
		if (flags & ACT_QUIT)
			break;
	}
	return flags;
}

int loop_run(struct app *a, int sigfd)
{
	int tfd = timer_start(a->opts.delay);
	if (tfd < 0)
		return 1;
	refresh(a);
	ui_draw(a);
	for (;;) {
		struct pollfd fds[] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = sigfd, .events = POLLIN },
			{ .fd = tfd, .events = POLLIN },
		};
		if (poll(fds, ARRAY_LEN(fds), -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		bool redraw = false;
		if (fds[1].revents && on_signal(sigfd, &redraw))
			break;
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;		/* the terminal is gone */
		if (fds[2].revents) {
			unsigned long long ticks;
			if (read(tfd, &ticks, sizeof ticks) > 0) {
				refresh(a);
				redraw = true;
			}
		}
		if (fds[0].revents & POLLIN) {
			int flags = on_keys(a);
			if (flags & ACT_QUIT)
				break;
			if (flags & ACT_REBUILD)
				rebuild(a);
			redraw |= flags != 0;
		}
		if (redraw)
			ui_draw(a);
	}
	close(tfd);
	return 0;
}
