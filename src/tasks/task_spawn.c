/* task_spawn.c - starting a task. The parent's side: channels (output pipe or log file,
 * go socket, a demo's control channel), fork from the main thread, a pidfd at once, the
 * identity of a detached command's process. The child's side, between fork and the
 * task's own code: signals reset, stdio, every other fd closed (a demo keeps its control
 * channel as fd 3) and the double fork of a detached command. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "task_int.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demos.h"
#include "guard.h"
#include "signals.h"
#include "util.h"

#define CTL_FD 3		/* where a demo finds its control channel */
#define DETACH_WAIT 5000	/* ms to wait for a detached start's middle process */
#define FD_RESERVE 32		/* fds kept for forktop itself: /proc, log files, joins */

/* The fd limit forktop started with, which its tasks get back (tasks_raise_fd_limit). */
static struct rlimit child_nofile;
static bool child_nofile_set;

void tasks_raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur >= rl.rlim_max)
		return;
	child_nofile = rl;
	rl.rlim_cur = rl.rlim_max;
	child_nofile_set = setrlimit(RLIMIT_NOFILE, &rl) == 0;
}

/* Refuses a start when forktop is nearly out of fds: a task it could not watch would
 * hang in its first full pipe write, with no exit ever seen. fds are handed out lowest
 * first, so the lowest free one says how many are in use. */
static int check_fds(char *err, size_t errlen)
{
	struct rlimit rl;
	int probe = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (probe >= 0)
		close(probe);
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY ||
	    (probe >= 0 && (rlim_t)probe + FD_RESERVE < rl.rlim_cur))
		return 0;
	snprintf(err, errlen, "out of file descriptors (limit %llu): join or end some tasks "
		 "(each holds 2 or 3 until joined)", (unsigned long long)rl.rlim_cur);
	return -1;
}

/* Dispositions first, then the mask: whatever arrived since the fork (held by the
 * blocked mask) now gets its default action, never a handler of forktop's. */
void task_child_reset_signals(void)
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

void task_child_close_from(int first)
{
	if (close_range((unsigned)first, ~0U, 0) == 0)
		return;
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = first; fd < max; fd++)
		close(fd);
}

/* Moves fd above stdio, so the dup2 calls below cannot overwrite it. */
static int above_stdio(int fd)
{
	return fd < 0 || fd > 2 ? fd : fcntl(fd, F_DUPFD_CLOEXEC, 3);
}

/* A detached start: this process (the middle) opens a session of its own and forks the
 * task, tells forktop the task's pid on the go socket and ends; only the task returns.
 * Not being a session leader, the task can never get a controlling terminal. */
static void detach(int gofd)
{
	int32_t v;
	pid_t pid = setsid() < 0 ? -1 : fork();
	if (pid == 0)
		return;
	v = pid > 0 ? (int32_t)pid : -(int32_t)errno;
	send(gofd, &v, sizeof v, MSG_NOSIGNAL);
	_exit(pid > 0 ? 0 : 1);
}

/* stdio and fds: stdin /dev/null, stdout and stderr to out, a demo's control channel as
 * fd 3, nothing else. */
static void setup_fds(int out, int ctl)
{
	int null = open("/dev/null", O_RDONLY);
	if (out < 0 || null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(127);
	if (ctl >= 0) {
		if (ctl != CTL_FD && dup2(ctl, CTL_FD) < 0)
			_exit(127);
		/* A demo never execs, but if one did, the channel must not leak. */
		fcntl(CTL_FD, F_SETFD, FD_CLOEXEC);
		task_child_close_from(CTL_FD + 1);
	} else {
		task_child_close_from(3);
	}
}

static void child_run(const struct child_plan *c) __attribute__((noreturn));
static void child_run(const struct child_plan *c)
{
	char go;
	ssize_t r;

	if (c->out_r >= 0)
		close(c->out_r);
	close(c->go_w);
	if (c->ctl_w >= 0)
		close(c->ctl_w);
	if (c->spec->detached)
		detach(c->go_r);
	else
		setpgid(0, 0);
	task_child_reset_signals();
	if (c->spec->daemon) {
		/* SIGTERM at once if forktop dies; the watchdog (guard.h) follows with SIGKILL. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != c->parent)
			_exit(1);	/* forktop died before the death signal was armed */
	}
	int out = above_stdio(c->out_w), gofd = above_stdio(c->go_r);
	int ctl = above_stdio(c->ctl_r);
	/* forktop says go once it holds our pidfd; EOF means it gave up on us. */
	while ((r = read(gofd, &go, 1)) < 0 && errno == EINTR)
		;
	if (r != 1)
		_exit(127);
	setup_fds(out, ctl);
	/* Only now: below the limit, the fds inherited from forktop left no room for stdio. */
	if (child_nofile_set)
		setrlimit(RLIMIT_NOFILE, &child_nofile);
	prctl(PR_SET_NAME, c->name);
	/* Whatever forktop had buffered is not ours to print. */
	__fpurge(stdout);
	__fpurge(stderr);
	if (c->command) {
		if (c->argv) {
			execvp(c->argv[0], c->argv);
			dprintf(2, "forktop: cannot run %s: %s\n", c->argv[0], strerror(errno));
			_exit(127);
		}
		execl("/bin/sh", "sh", "-c", c->command, (char *)NULL);
		dprintf(2, "forktop: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	if (c->spec->daemon)
		setenv("FORKTOP_DAEMONIC", "1", 1);
	else
		unsetenv("FORKTOP_DAEMONIC");
	demos_child(c->spec->demo, c->name, c->spec->args, c->spec->kwargs,
		    ctl >= 0 ? CTL_FD : -1);
}

/* ---- the parent's side ---- */

/* A fresh child that will never hear "go": it reads EOF and exits 127 without running
 * anything; that pid only is reaped. */
static void abandon(pid_t pid, int out_r, int go_w)
{
	siginfo_t si;
	close(go_w);
	close(out_r);
	waitid(P_PID, (id_t)pid, &si, WEXITED);
}

/* Takes charge of a fresh child: pidfd, identity, output pipe, the watchdog for a
 * daemonic one; then lets it run. */
static int adopt(struct task *k, pid_t pid, int out_r, int go_w, char *err, size_t errlen)
{
	struct pstat st;

	setpgid(pid, pid);	/* as the child does: whichever runs first, the group exists */
	k->pidfd = pidfd_open(pid, 0);
	if (k->pidfd < 0) {
		int e = errno;
		abandon(pid, out_r, go_w);
		snprintf(err, errlen, "cannot watch the new process (pidfd_open: %s; Linux 5.3 "
			 "or later is needed)", strerror(e));
		return -1;
	}
	/* daemon=True: if forktop is killed, the watchdog ends the task. It holds the task
	 * before the task runs anything. */
	if (k->daemon && guard_watch(k->pidfd, pid, err, errlen) < 0) {
		task_close_fd(&k->pidfd);
		abandon(pid, out_r, go_w);
		return -1;
	}
	k->pid = pid;
	k->start = signal_read_stat(pid, &st) == 0 ? st.start : 0;
	k->outfd = out_r;
	fcntl(out_r, F_SETFL, fcntl(out_r, F_GETFL) | O_NONBLOCK);
	/* A socket, not a pipe: no SIGPIPE for forktop if the child is already gone. */
	send(go_w, "g", 1, MSG_NOSIGNAL);
	close(go_w);
	return 0;
}

/* The middle process of a detached start reports the task's pid on the go socket. */
static int32_t read_detached_pid(int go_w)
{
	int32_t v = 0;
	struct pollfd p = { .fd = go_w, .events = POLLIN };
	ssize_t r = -1;
	if (poll(&p, 1, DETACH_WAIT) == 1)
		while ((r = recv(go_w, &v, sizeof v, MSG_WAITALL)) < 0 && errno == EINTR)
			;
	return r == (ssize_t)sizeof v ? v : -ETIMEDOUT;
}

/* Takes charge of a detached command: its pid comes from the middle process, which made a
 * session and exited. While that middle is our unreaped zombie its pid cannot be reused,
 * so a process in the session of that number is the one it forked. */
static int adopt_detached(struct task *k, pid_t mid, int go_w, char *err, size_t errlen)
{
	struct pstat st;
	siginfo_t si;
	int32_t pid = read_detached_pid(go_w);
	int fd = -1, e = pid < 0 ? -pid : ESRCH;

	if (pid > 1 && (fd = pidfd_open(pid, 0)) < 0) {
		e = errno;
	} else if (fd >= 0 && (signal_read_stat(pid, &st) < 0 || st.pgrp != mid ||
			       getsid(pid) != mid || task_readable(fd))) {
		close(fd);
		fd = -1;
	}
	waitid(P_PID, (id_t)mid, &si, WEXITED);
	if (fd < 0) {
		/* Closing the go socket makes a task that was forked exit without running. */
		close(go_w);
		snprintf(err, errlen, "cannot start detached: %s", strerror(e));
		return -1;
	}
	k->pid = pid;
	k->pidfd = fd;
	k->start = st.start;
	k->detached = true;
	send(go_w, "g", 1, MSG_NOSIGNAL);
	close(go_w);
	return 0;
}

/* The fds of a spawn: the output pipe (a detached command: its log file), go, control. */
static int open_channels(tasks_t *t, struct task *k, struct child_plan *c, char *err,
			 size_t errlen)
{
	int p[2];
	char dir[4096];
	c->out_r = c->out_w = c->go_r = c->go_w = c->ctl_r = c->ctl_w = -1;
	if (c->spec->detached) {
		const char *d = task_logdir(t, dir, sizeof dir);
		if (task_make_logdir(d, err, errlen) < 0)
			return -1;
		char *path = NULL;
		c->out_w = task_open_log(k, d, "started detached", &path, err, errlen);
		if (c->out_w < 0)
			return -1;
		k->logpath = task_escape(path);
		free(path);
	} else if (pipe2(p, O_CLOEXEC) == 0) {
		c->out_r = p[0];
		c->out_w = p[1];
	} else {
		snprintf(err, errlen, "cannot start a process: pipe: %s", strerror(errno));
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p) < 0) {
		snprintf(err, errlen, "cannot start a process: socketpair: %s", strerror(errno));
		return -1;
	}
	c->go_r = p[0];
	c->go_w = p[1];
	if (c->command)
		return 0;
	/* Datagrams keep requests apart; with SO_PASSCRED the kernel tells forktop which
	 * process sent each reply (a daemonized task's report is checked against it). */
	int on = 1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p) == 0) {
		c->ctl_r = p[0];
		c->ctl_w = p[1];
	}
	if (c->ctl_w < 0 || setsockopt(c->ctl_w, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) < 0) {
		snprintf(err, errlen, "cannot start a process: control channel: %s",
			 strerror(errno));
		return -1;
	}
	return 0;
}

static void close_channels(struct child_plan *c)
{
	task_close_fd(&c->out_r);
	task_close_fd(&c->out_w);
	task_close_fd(&c->go_r);
	task_close_fd(&c->go_w);
	task_close_fd(&c->ctl_r);
	task_close_fd(&c->ctl_w);
}

static int spawn(tasks_t *t, struct task *k, const struct task_spec *spec, const char *name,
		 const char *command, char **argv, char *err, size_t errlen)
{
	/* PR_SET_PDEATHSIG follows the creating thread: only the main thread forks. */
	if (syscall(SYS_gettid) != getpid()) {
		snprintf(err, errlen, "tasks can only be started from the main thread");
		return -1;
	}
	if (check_fds(err, errlen) < 0)
		return -1;
	struct child_plan c = { .spec = spec, .name = name, .command = command, .argv = argv,
		.parent = getpid() };
	if (open_channels(t, k, &c, err, errlen) < 0) {
		close_channels(&c);
		return -1;
	}
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
	task_close_fd(&c.out_w);
	task_close_fd(&c.go_r);
	task_close_fd(&c.ctl_r);
	if (pid < 0) {
		snprintf(err, errlen, "cannot start a process: fork: %s", strerror(errno));
		close_channels(&c);
		return -1;
	}
	int r = spec->detached ? adopt_detached(k, pid, c.go_w, err, errlen) :
		adopt(k, pid, c.out_r, c.go_w, err, errlen);
	if (r < 0) {
		task_close_fd(&c.ctl_w);
		return -1;
	}
	k->ctlfd = c.ctl_w;
	if (k->ctlfd >= 0)
		fcntl(k->ctlfd, F_SETFL, fcntl(k->ctlfd, F_GETFL) | O_NONBLOCK);
	return 0;
}

/* Checks the spec; sets *command to the shell command line for a command task. */
static int check_spec(const struct task_spec *spec, const char **command, char *err,
		      size_t errlen)
{
	*command = NULL;
	if (spec->demo && strcmp(spec->demo, "command") != 0) {
		if (!demos_find(spec->demo)) {
			char *d = task_escape(spec->demo);
			snprintf(err, errlen, "unknown demo '%s'", d);
			free(d);
			return -1;
		}
		if (spec->detached) {
			snprintf(err, errlen, "only a command can be started detached; a running "
				 "demo task can be daemonized (d)");
			return -1;
		}
		return 0;
	}
	const char *cmd = spec->command;
	if ((!cmd || !*cmd) && spec->args && spec->args[0])
		cmd = spec->args[0];
	if (!cmd || !cmd[strspn(cmd, " \t")]) {
		snprintf(err, errlen, "no command to run");
		return -1;
	}
	if (spec->detached && spec->daemon) {
		snprintf(err, errlen, "a command cannot be both daemonic and detached: daemon=True "
			 "ends it with forktop, detached lets it outlive forktop");
		return -1;
	}
	*command = cmd;
	return 0;
}

static void log_start(tasks_t *t, const struct task *k, const struct task_spec *spec)
{
	struct sbuf py;
	sbuf_init(&py);
	if (!k->command) {
		sbuf_printf(&py, "p = Process(target=%s", k->target);
		if (k->args_repr[0])
			sbuf_printf(&py, ", %s", k->args_repr);
		if (spec->name && spec->name[0])
			sbuf_printf(&py, ", name='%s'", k->name);
		sbuf_printf(&py, "%s); p.start()", k->daemon ? ", daemon=True" : "");
	} else {
		sbuf_adds(&py, "p.start()");
	}
	task_log(t, EV_START, sbuf_str(&py), "%s pid %d (%s%s%s%s%s)", k->name, k->pid,
		 k->target, k->args_repr[0] ? ", " : "", k->args_repr,
		 k->daemon ? ", daemon=True" : "", k->detached ? ", detached" : "");
	sbuf_free(&py);
	if (k->detached)
		task_log(t, EV_INFO, NULL, "%s pid %d runs in a session of its own, not as "
			 "forktop's child: it outlives forktop, its exit code will be unknown; "
			 "output goes to %s", k->name, k->pid, k->logpath);
}

/* forktop plays the main process: one random key for the session, which every task
 * inherits, as a Python child inherits current_process().authkey. */
static const unsigned char *main_authkey(void)
{
	static unsigned char key[TASK_AUTHKEY_LEN];
	static bool have;
	if (!have && getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
		for (size_t i = 0; i < sizeof key; i++)
			key[i] = (unsigned char)random();
	have = true;
	return key;
}

int task_start(tasks_t *t, const struct task_spec *spec, char *err, size_t errlen)
{
	const char *command;
	char defname[32];

	if (check_spec(spec, &command, err, errlen) < 0)
		return -1;
	struct task *k = xcalloc(1, sizeof *k);
	k->id = ++t->counter;	/* as in Python, a failed start still uses its number */
	k->owner = t;
	k->pidfd = k->outfd = k->ctlfd = k->old_pidfd = k->spillfd = -1;
	snprintf(defname, sizeof defname, "Process-%d", k->id);
	const char *name = spec->name && spec->name[0] ? spec->name : defname;
	k->name = task_escape(name);
	k->target = task_escape(command ? command : spec->demo);
	k->args_repr = command ? xstrdup("") : task_args_repr(spec->args, spec->kwargs);
	k->daemon = spec->daemon;
	k->command = command != NULL;
	/* dash forks even to run one program, so the task would be a shell with the program
	 * as its child: a signal to the task would orphan the program. A simple command
	 * (words and quotes) is run directly. */
	char **argv = command ? task_simple_argv(command) : NULL;
	int r = spawn(t, k, spec, name, command, argv, err, errlen);
	task_strv_free(argv);
	if (r < 0) {
		task_destroy(k);
		return -1;
	}
	k->started = clock_now();
	memcpy(k->authkey, main_authkey(), sizeof k->authkey);
	k->state = k->detached ? TASK_DAEMONIZED : TASK_RUNNING;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = k;
	log_start(t, k, spec);
	return (int)(t->n - 1);
}
