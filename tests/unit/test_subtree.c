/* test_subtree.c - "end subtree" against real process trees: TERM ends a tree, KILL after
 * the grace period ends what ignores TERM, a fork bomb is contained and leaves nothing,
 * the refusals, pid reuse, a survivor we may not signal, and the pidfd signalling core.
 *
 * Each Check test runs in its own forked process, made a child subreaper: the trees are
 * its children, their orphans come back to it, and it reaps them by process group. Every
 * process a test starts dies of SIGALRM after SAFETY seconds, should the test fail. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "options.h"
#include "subtree.h"
#include "unit.h"

#define DEADLINE 10.0		/* seconds any wait may take before the test fails */
#define SAFETY 60		/* seconds after which a test's process ends itself */
#define GRACE 0.3		/* seconds from SIGTERM to SIGKILL in the tests */
#define MAX_TICK 0.5		/* seconds a tick may take, on a busy machine */
#define NOBODY 65534

static double mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void setup(void)
{
	/* Check's runner handlers (SIGTERM: signal the test's whole group) are inherited by
	 * the test and would be by a child signalled before it resets them. */
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	struct rlimit rl = { 0, 0 };
	setrlimit(RLIMIT_CORE, &rl);
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
}

/* In a new child: default dispositions, nothing blocked, a deadline of its own, and
 * stdout away from the TAP stream (a leftover would hold the test driver's pipe). */
static void child_defaults(void)
{
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	alarm(SAFETY);
}

/* The state letter of pid if it is still the process started at start, else 0. */
static char proc_state(int pid, unsigned long long start)
{
	struct pstat st;
	return signal_read_stat(pid, &st) == 0 && st.start == start ? st.state : 0;
}

/* Processes of group pgid in /proc, zombies included; with stopped, those in state T. */
static int group_size(int pgid, int *stopped)
{
	int n = 0;
	DIR *d = opendir("/proc");
	struct dirent *de;
	struct pstat st;
	if (stopped)
		*stopped = 0;
	while (d && (de = readdir(d)))
		if (isdigit((unsigned char)de->d_name[0]) &&
		    signal_read_stat(atoi(de->d_name), &st) == 0 && st.pgrp == pgid) {
			n++;
			if (stopped && st.state == 'T')
				(*stopped)++;
		}
	if (d)
		closedir(d);
	return n;
}

/* Reaps the group's processes (all ours, as subreaper) until /proc holds none. */
static void reap_group(int pgid)
{
	double end = mono() + DEADLINE;
	siginfo_t si;
	for (;;) {
		do {
			memset(&si, 0, sizeof si);
		} while (waitid(P_PGID, (id_t)pgid, &si, WEXITED | WNOHANG) == 0 && si.si_pid);
		int left = group_size(pgid, NULL);
		if (left == 0)
			return;
		ck_assert_msg(mono() < end, "%d processes of group %d are left", left, pgid);
		poll(NULL, 0, 10);
	}
}

/* Reads n bytes from fd within the deadline. */
static bool read_ready(int fd, int n)
{
	double end = mono() + DEADLINE;
	char buf[64];
	while (n > 0) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		double left = end - mono();
		if (left <= 0 || poll(&p, 1, (int)(left * 1000) + 1) <= 0)
			return false;
		ssize_t r = read(fd, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf);
		if (r <= 0)
			return false;
		n -= (int)r;
	}
	return true;
}

struct tree {
	int pid;		/* the root, leader of the tree's own process group */
	unsigned long long start;
	int size;
};

/* A process of a tree: starts its children, says it is ready, idles. Levels above
 * ignore_levels ignore SIGTERM. */
static void node(int fanout, int depth, int level, int ignore_levels, int ready)
	__attribute__((noreturn));
static void node(int fanout, int depth, int level, int ignore_levels, int ready)
{
	child_defaults();
	if (level < ignore_levels)
		signal(SIGTERM, SIG_IGN);
	for (int i = 0; depth > 0 && i < fanout; i++)
		if (fork() == 0)
			node(fanout, depth - 1, level + 1, ignore_levels, ready);
	if (write(ready, "x", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

static struct tree identify(int pid, int size)
{
	struct pstat st;
	ck_assert_int_eq(signal_read_stat(pid, &st), 0);
	return (struct tree){ pid, st.start, size };
}

/* A tree of fanout children per process, depth levels below the root, in a process
 * group of its own; returns once every process exists. */
static struct tree grow(int fanout, int depth, int ignore_levels)
{
	int fd[2], size = 1, level = 1;
	for (int d = 0; d < depth; d++)
		size += level *= fanout;
	ck_assert_int_eq(pipe2(fd, O_CLOEXEC), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		close(fd[0]);
		node(fanout, depth, 0, ignore_levels, fd[1]);
	}
	setpgid(pid, pid);
	close(fd[1]);
	ck_assert_msg(read_ready(fd[0], size), "a tree of %d did not come up", size);
	close(fd[0]);
	return identify(pid, size);
}

/* One idle child; in forktop's (the test's) process group unless own_group. */
static int idle_child(bool own_group)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		child_defaults();
		for (;;)
			pause();
	}
	if (own_group)
		setpgid(pid, pid);
	return pid;
}

/* Ticks the engine as the loop does (poll until its deadline, tick) until it is done;
 * no tick may block. */
static void run(subtree_t *s)
{
	double end = mono() + DEADLINE, slowest = 0;
	while (!subtree_done(s)) {
		double now = mono(), d = subtree_deadline(s);
		ck_assert_msg(now < end, "not done after %.0f s", DEADLINE);
		ck_assert(d > 0 && d - now < 0.1);
		if (d > now)
			poll(NULL, 0, (int)((d - now) * 1000) + 1);
		double t0 = mono();
		subtree_tick(s, t0);
		if (mono() - t0 > slowest)
			slowest = mono() - t0;
	}
	ck_assert_msg(slowest < MAX_TICK, "a tick took %.3f s", slowest);
	ck_assert(subtree_deadline(s) == 0);
}

static size_t count_fate(const subtree_t *s, enum subtree_fate fate)
{
	size_t n = 0;
	for (size_t i = 0; i < subtree_count(s); i++)
		n += subtree_get(s, i)->fate == fate;
	return n;
}

START_TEST(term_ends_a_tree)
{
	char err[256], report[512], want[256];
	struct tree t = grow(4, 2, 0);
	ck_assert_int_eq(t.size, 21);
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE_DEFAULT, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	ck_assert_uint_eq(subtree_count(s), 21);
	ck_assert_int_eq(subtree_get(s, 0)->pid, t.pid);
	ck_assert_ptr_null(subtree_get(s, 21));
	run(s);
	subtree_report(s, report, sizeof report);
	snprintf(want, sizeof want, "ended 21 of 21 processes of %d (21 by TERM), none survived",
		 t.pid);
	ck_assert_str_eq(report, want);
	ck_assert_uint_eq(subtree_ended(s), 21);
	ck_assert_uint_eq(count_fate(s, SUBTREE_BY_TERM), 21);
	for (size_t i = 0; i < subtree_count(s); i++) {
		ck_assert(!subtree_get(s, i)->via_group);
		ck_assert_str_eq(subtree_get(s, i)->why, "");
	}
	/* The engine reaps nothing: the root, our child, is a zombie until we collect it. */
	ck_assert_int_eq(proc_state(t.pid, t.start), 'Z');
	subtree_free(s);
	reap_group(t.pid);
}
END_TEST

START_TEST(kill_after_the_grace_period)
{
	char err[256], report[512], want[256];
	struct tree t = grow(2, 1, 1);	/* the root ignores SIGTERM, its children do not */
	double t0 = mono();
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	ck_assert(!subtree_done(s));
	ck_assert(subtree_deadline(s) > t0 && subtree_deadline(s) <= t0 + GRACE + 0.1);
	double t1 = mono();
	subtree_tick(s, t1);
	ck_assert(mono() - t1 < MAX_TICK);
	ck_assert(!subtree_done(s));
	subtree_report(s, report, sizeof report);
	snprintf(want, sizeof want, "ending the subtree of %d: ", t.pid);
	ck_assert_msg(strncmp(report, want, strlen(want)) == 0, "%s", report);
	run(s);
	ck_assert(mono() - t0 >= GRACE);
	subtree_report(s, report, sizeof report);
	snprintf(want, sizeof want, "ended 3 of 3 processes of %d (2 by TERM, 1 by KILL after "
		 "0.3 s), none survived", t.pid);
	ck_assert_str_eq(report, want);
	ck_assert_int_eq(subtree_get(s, 0)->fate, SUBTREE_BY_KILL);
	subtree_free(s);
	reap_group(t.pid);
}
END_TEST

START_TEST(kill_a_shell_that_traps_term)
{
	char err[256], report[512];
	int fd[2];
	ck_assert_int_eq(pipe2(fd, O_CLOEXEC), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		child_defaults();
		/* The shell says on fd 3 when its trap is set. */
		if (fd[1] == 3)
			fcntl(3, F_SETFD, 0);
		else
			dup2(fd[1], 3);
		execl("/bin/sh", "sh", "-c", "trap '' TERM; echo >&3; exec 3>&-; sleep 100; :",
		      (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	close(fd[1]);
	ck_assert(read_ready(fd[0], 1));
	close(fd[0]);
	struct tree t = identify(pid, 2);
	/* Wait for the sleep: the subtree is then sh and sleep. */
	double end = mono() + DEADLINE;
	while (group_size(pid, NULL) < 2)
		ck_assert(mono() < end && poll(NULL, 0, 10) == 0);
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	ck_assert_uint_eq(subtree_count(s), 2);
	run(s);
	subtree_report(s, report, sizeof report);
	ck_assert_msg(strstr(report, "none survived"), "%s", report);
	ck_assert_int_eq(subtree_get(s, 0)->fate, SUBTREE_BY_KILL);
	subtree_free(s);
	reap_group(t.pid);
}
END_TEST

START_TEST(stopped_tree_ends_by_term)
{
	char err[256], report[512], want[256];
	struct tree t = grow(2, 1, 0);
	ck_assert_int_eq(signal_send(t.pid, t.start, SIGSTOP, err, sizeof err), 0);
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE_DEFAULT, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	run(s);
	subtree_report(s, report, sizeof report);
	snprintf(want, sizeof want, "ended 3 of 3 processes of %d (3 by TERM), none survived",
		 t.pid);
	ck_assert_str_eq(report, want);
	subtree_free(s);
	reap_group(t.pid);
}
END_TEST

/* A fork bomb with a safety net: about BOMB_LIVE processes at once, BOMB_MADE forks in
 * all. Each process but the root exits after 3 children or when the bomb is full, so
 * processes keep ending, being replaced and being re-parented while the engine works.
 * Its root adopts its orphans (a subreaper), so they stay in the subtree: processes
 * already outside it when X begins are not X's (see the job test below). */
#define BOMB_LIVE 60
#define BOMB_MADE 800

struct bomb {
	atomic_int live, made;
};

static void bomb(struct bomb *b, bool root) __attribute__((noreturn));
static void bomb(struct bomb *b, bool root)
{
	int kids = 0;
	child_defaults();
	for (;;) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (atomic_load(&b->made) >= BOMB_MADE) {
			nanosleep(&(struct timespec){ .tv_nsec = 2000000 }, NULL);
			continue;
		}
		if (atomic_load(&b->live) >= BOMB_LIVE) {
			if (root) {
				nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
				continue;
			}
			atomic_fetch_sub(&b->live, 1);	/* make room: the bomb goes on */
			_exit(0);
		}
		atomic_fetch_add(&b->made, 1);
		atomic_fetch_add(&b->live, 1);
		pid_t pid = fork();
		if (pid == 0) {
			alarm(SAFETY);
			root = false;
			kids = 0;
		} else if (pid < 0) {
			atomic_fetch_sub(&b->live, 1);
		} else if (!root && ++kids >= 3) {
			atomic_fetch_sub(&b->live, 1);
			_exit(0);
		}
	}
}

START_TEST(fork_bomb_is_contained)
{
	char err[256], report[512];
	struct bomb *b = mmap(NULL, sizeof *b, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			      -1, 0);
	ck_assert(b != MAP_FAILED);
	atomic_init(&b->live, 1);
	atomic_init(&b->made, 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		prctl(PR_SET_CHILD_SUBREAPER, 1);
		bomb(b, true);
	}
	setpgid(pid, pid);
	struct tree t = identify(pid, 0);
	double end = mono() + DEADLINE;
	while (atomic_load(&b->made) < 100)
		ck_assert_msg(mono() < end && poll(NULL, 0, 5) == 0, "the bomb forked %d times",
			      atomic_load(&b->made));

	double t0 = mono();
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	ck_assert_msg(mono() - t0 < 3.0, "capture took %.2f s", mono() - t0);
	int made = atomic_load(&b->made);	/* captured: all stopped, none forks again */
	run(s);
	subtree_report(s, report, sizeof report);
	ck_assert_msg(strstr(report, "none survived"), "%s", report);
	ck_assert_uint_ge(subtree_count(s), 10);
	ck_assert_uint_eq(subtree_ended(s), subtree_count(s));
	subtree_free(s);
	reap_group(t.pid);	/* fails if any process of the bomb is left */
	ck_assert_int_eq(atomic_load(&b->made), made);
	munmap(b, sizeof *b);
}
END_TEST

/* A shell's job `sleep 1001 | sleep 1002`: both are the shell's children, in one process
 * group led by the first. X on the first ends it alone: its sibling shares the group but
 * not the subtree, and is neither signalled nor stopped. */
START_TEST(job_sibling_in_the_group_is_spared)
{
	char err[256], report[512], want[256];
	struct tree t = grow(0, 0, 0);	/* the job's first process, leading its group */
	pid_t sib = fork();
	ck_assert_int_ge(sib, 0);
	if (sib == 0) {
		setpgid(0, t.pid);
		child_defaults();
		for (;;)
			pause();
	}
	setpgid(sib, t.pid);
	struct pstat st;
	ck_assert_int_eq(signal_read_stat(sib, &st), 0);
	ck_assert_int_eq(st.pgrp, t.pid);
	unsigned long long sib_start = st.start;
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	ck_assert_uint_eq(subtree_count(s), 1);
	run(s);
	subtree_report(s, report, sizeof report);
	snprintf(want, sizeof want, "ended 1 of 1 process of %d (1 by TERM), none survived",
		 t.pid);
	ck_assert_str_eq(report, want);
	ck_assert_int_eq(proc_state(sib, sib_start), 'S');	/* alive, never stopped */
	subtree_free(s);
	ck_assert_int_eq(signal_send(sib, sib_start, SIGKILL, err, sizeof err), 0);
	reap_group(t.pid);
}
END_TEST

/* A wrapper outside the subtree that stops itself when its child stops (as nsenter
 * does) is continued once the subtree has ended, not left stopped. */
START_TEST(parent_stopped_along_is_continued)
{
	int ready[2];
	ck_assert_int_eq(pipe(ready), 0);
	pid_t wrapper = fork();
	ck_assert_int_ge(wrapper, 0);
	if (wrapper == 0) {
		setpgid(0, 0);
		child_defaults();
		pid_t c = fork();
		if (c == 0) {
			int me = getpid();
			if (write(ready[1], &me, sizeof me) != sizeof me)
				_exit(1);
			for (;;)
				pause();
		}
		int st;
		while (waitpid(c, &st, WUNTRACED) == c)
			if (WIFSTOPPED(st))
				raise(SIGSTOP);		/* job control passed on, as nsenter does */
			else
				_exit(0);
		_exit(1);
	}
	setpgid(wrapper, wrapper);
	close(ready[1]);
	int child = 0;
	double end = mono() + DEADLINE;
	while (child == 0 && mono() < end) {
		struct pollfd p = { .fd = ready[0], .events = POLLIN };
		if (poll(&p, 1, 100) > 0 && read(ready[0], &child, sizeof child) != sizeof child)
			break;
	}
	close(ready[0]);
	ck_assert_int_gt(child, 1);
	struct pstat st;
	ck_assert_int_eq(signal_read_stat(child, &st), 0);
	char err[256], report[512];
	subtree_t *s = subtree_end_start(child, st.start, 1.0, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	run(s);
	subtree_report(s, report, sizeof report);
	ck_assert_msg(strstr(report, "its parent") && strstr(report, "was continued"), "%s",
		      report);
	subtree_free(s);
	int status = -1;	/* continued, the wrapper sees its child's end and exits 0 */
	end = mono() + DEADLINE;
	while (waitpid(wrapper, &status, WNOHANG) == 0 && mono() < end)
		poll(NULL, 0, 10);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "wrapper status %d", status);
	reap_group(wrapper);
}
END_TEST

START_TEST(refuses_init_itself_and_ancestors)
{
	char err[256], want[256];
	struct pstat st;
	ck_assert_ptr_null(subtree_end_start(1, 0, GRACE, err, sizeof err));
	ck_assert_str_eq(err, "refusing to end the subtree of pid 1 (init): it holds every "
			 "process");
	ck_assert_ptr_null(subtree_end_start(0, 0, GRACE, err, sizeof err));
	ck_assert_str_eq(err, "refusing to end pid 0: not a process");
	ck_assert_ptr_null(subtree_end_start(-1, 0, GRACE, err, sizeof err));
	ck_assert_str_eq(err, "refusing to end pid -1: not a process");

	ck_assert_int_eq(signal_read_stat(getpid(), &st), 0);
	ck_assert_ptr_null(subtree_end_start(getpid(), st.start, GRACE, err, sizeof err));
	snprintf(want, sizeof want, "refusing to end forktop itself (pid %d)", (int)getpid());
	ck_assert_str_eq(err, want);

	/* The Check runner, then its parent: ending either would end this process. */
	int pid = getppid();
	for (int i = 0; i < 2 && pid > 1; i++) {
		ck_assert_int_eq(signal_read_stat(pid, &st), 0);
		ck_assert_ptr_null(subtree_end_start(pid, st.start, GRACE, err, sizeof err));
		snprintf(want, sizeof want, "refusing to end the subtree of %d: forktop runs "
			 "inside it (ending it would end forktop)", pid);
		ck_assert_str_eq(err, want);
		pid = st.ppid;
	}
}
END_TEST

START_TEST(refuses_own_group_kernel_threads_and_the_ended)
{
	char err[256], want[256];
	struct pstat st;
	int pid = idle_child(false), status;
	ck_assert_int_eq(signal_read_stat(pid, &st), 0);
	ck_assert_ptr_null(subtree_end_start(pid, st.start, GRACE, err, sizeof err));
	snprintf(want, sizeof want, "refusing to end %d: it is in forktop's own process group",
		 pid);
	ck_assert_str_eq(err, want);
	char state = proc_state(pid, st.start);
	ck_assert(state == 'S' || state == 'R');	/* neither stopped nor ended */
	int fd = pidfd_open(pid, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pidfd_send_signal(fd, SIGKILL, NULL, 0), 0);	/* the test's own */
	close(fd);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);

	/* pid 2 is kthreadd, unless this runs in a container that shows no kernel threads. */
	if (signal_read_stat(2, &st) == 0 && st.flags & 0x00200000u) {
		ck_assert_ptr_null(subtree_end_start(2, st.start, GRACE, err, sizeof err));
		ck_assert_str_eq(err, "refusing to end 2: it is a kernel thread");
	}

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		_exit(0);
	}
	setpgid(pid, pid);
	ck_assert_int_eq(signal_read_stat(pid, &st), 0);
	double end = mono() + DEADLINE;
	while (proc_state(pid, st.start) != 'Z')
		ck_assert(mono() < end && poll(NULL, 0, 5) == 0);
	ck_assert_ptr_null(subtree_end_start(pid, st.start, GRACE, err, sizeof err));
	snprintf(want, sizeof want, "process %d has already ended", pid);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_ptr_null(subtree_end_start(pid, st.start, GRACE, err, sizeof err));
	snprintf(want, sizeof want, "process %d is gone", pid);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(pid_reuse_is_refused)
{
	char err[256], want[256];
	int stopped;
	struct tree t = grow(2, 1, 0);
	ck_assert_ptr_null(subtree_end_start(t.pid, t.start + 1, GRACE, err, sizeof err));
	snprintf(want, sizeof want, "process %d is gone (pid now used by `", t.pid);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "%s", err);
	ck_assert_int_eq(group_size(t.pid, &stopped), 3);	/* untouched */
	ck_assert_int_eq(stopped, 0);
	char state = proc_state(t.pid, t.start);
	ck_assert(state == 'S' || state == 'R');
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	run(s);
	ck_assert_uint_eq(subtree_ended(s), 3);
	subtree_free(s);
	reap_group(t.pid);
}
END_TEST

/* As nobody, ends a subtree whose root belongs to root: writes the report to fd. */
static void end_as_nobody(struct tree t, int fd) __attribute__((noreturn));
static void end_as_nobody(struct tree t, int fd)
{
	char buf[512];
	if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
		_exit(2);
	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE, buf, sizeof buf);
	double end = mono() + DEADLINE;
	while (s && !subtree_done(s) && mono() < end) {
		poll(NULL, 0, 10);
		subtree_tick(s, mono());
	}
	if (s)
		subtree_report(s, buf, sizeof buf);
	ssize_t r = write(fd, buf, strlen(buf));
	_exit(r > 0 ? 0 : 1);
}

START_TEST(survivor_we_may_not_signal)
{
	char err[256], report[512] = "", want[256];
	int fd[2], status;
	if (geteuid() != 0)
		return;		/* needs root to start processes of two owners */
	ck_assert_int_eq(pipe2(fd, O_CLOEXEC), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {			/* root's process, with a child of nobody's */
		setpgid(0, 0);
		child_defaults();
		if (fork() == 0) {
			child_defaults();
			if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
				_exit(2);
			if (write(fd[1], "x", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		if (write(fd[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	setpgid(pid, pid);
	close(fd[1]);
	ck_assert(read_ready(fd[0], 2));
	close(fd[0]);
	struct tree t = identify(pid, 2);

	ck_assert_int_eq(pipe2(fd, O_CLOEXEC), 0);
	pid_t host = fork();
	ck_assert_int_ge(host, 0);
	if (host == 0) {
		close(fd[0]);
		end_as_nobody(t, fd[1]);
	}
	close(fd[1]);
	ck_assert_int_eq(waitpid(host, &status, 0), host);
	ck_assert(read(fd[0], report, sizeof report - 1) > 0);
	close(fd[0]);
	snprintf(want, sizeof want, "ended 1 of 2 processes of %d (1 by TERM), 1 survived: %d "
		 "(permission denied)", t.pid, t.pid);
	ck_assert_str_eq(report, want);
	char state = proc_state(t.pid, t.start);
	ck_assert(state == 'S' || state == 'R');	/* never stopped, still there */

	subtree_t *s = subtree_end_start(t.pid, t.start, GRACE, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	run(s);
	subtree_report(s, report, sizeof report);
	snprintf(want, sizeof want, "ended 1 of 1 process of %d (1 by TERM), none survived",
		 t.pid);
	ck_assert_str_eq(report, want);
	subtree_free(s);
	reap_group(t.pid);
}
END_TEST

START_TEST(pidfd_core_refuses_and_explains)
{
	char msg[256], want[256];
	int a = idle_child(true), b = idle_child(true), mine = idle_child(false), status;
	int fa = pidfd_open(a, 0), fmine = pidfd_open(mine, 0), fself = pidfd_open(getpid(), 0);
	int finit = pidfd_open(1, 0);
	ck_assert(fa >= 0 && fmine >= 0 && fself >= 0 && finit >= 0);

	ck_assert_int_eq(signal_send_pidfd(fa, a, 0, msg, sizeof msg), 0);
	ck_assert_str_eq(msg, "");
	/* Signal 0 below: even a broken refusal would hurt no one. */
	ck_assert_int_eq(signal_send_pidfd(finit, 1, 0, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "refusing to signal pid 1 (init)");
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(signal_send_pidfd(fself, getpid(), 0, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing to signal forktop itself"));
	ck_assert_int_eq(signal_send_pidfd(finit, a, 0, msg, sizeof msg), -1);
	snprintf(want, sizeof want, "refusing to signal %d: its pidfd refers to process 1", a);
	ck_assert_str_eq(msg, want);
	ck_assert_int_eq(signal_send_pidfd(fa, b, 0, msg, sizeof msg), -1);
	snprintf(want, sizeof want, "refusing to signal %d: its pidfd refers to process %d", b, a);
	ck_assert_str_eq(msg, want);
	ck_assert_int_eq(signal_send_pidfd(fmine, mine, 0, msg, sizeof msg), -1);
	snprintf(want, sizeof want, "refusing to signal %d: it is in forktop's own process group",
		 mine);
	ck_assert_str_eq(msg, want);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(signal_send_pidfd(fa, a, -3, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "invalid signal -3");

	ck_assert_int_eq(signal_send_pidfd(fa, a, SIGTERM, msg, sizeof msg), 0);
	struct pollfd p = { .fd = fa, .events = POLLIN };
	ck_assert_int_eq(poll(&p, 1, (int)(DEADLINE * 1000)), 1);
	ck_assert_int_eq(signal_send_pidfd(fa, a, 0, msg, sizeof msg), 0);	/* a zombie */
	ck_assert_int_eq(waitpid(a, &status, 0), a);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	ck_assert_int_eq(signal_send_pidfd(fa, a, SIGTERM, msg, sizeof msg), -1);
	ck_assert_int_eq(errno, ESRCH);
	snprintf(want, sizeof want, "process %d has already ended", a);
	ck_assert_str_eq(msg, want);

	ck_assert_int_eq(pidfd_send_signal(fmine, SIGKILL, NULL, 0), 0);	/* the test's own */
	ck_assert_int_eq(waitpid(mine, &status, 0), mine);
	int fb = pidfd_open(b, 0);
	ck_assert_int_eq(signal_send_pidfd(fb, b, SIGKILL, msg, sizeof msg), 0);
	ck_assert_int_eq(waitpid(b, &status, 0), b);
	close(fa);
	close(fb);
	close(fmine);
	close(fself);
	close(finit);
}
END_TEST

/* Several subtrees as one operation: all counted together, a root that has already
 * ended left out, one schedule (the shell that ignores SIGTERM ends by KILL), one report. */
START_TEST(many_subtrees_end_as_one)
{
	char err[256], report[512];
	siginfo_t si;
	struct tree a = grow(2, 2, 0), b = grow(3, 1, 1);
	pid_t gone = fork();
	ck_assert_int_ge(gone, 0);
	if (gone == 0) {
		setpgid(0, 0);
		_exit(0);
	}
	setpgid(gone, gone);
	ck_assert_int_eq(waitid(P_PID, (id_t)gone, &si, WEXITED | WNOWAIT), 0);	/* a zombie */
	struct pstat st;
	ck_assert_int_eq(signal_read_stat(gone, &st), 0);
	struct subtree_root roots[] = { { a.pid, a.start }, { gone, st.start },
					{ b.pid, b.start } };
	subtree_t *s = subtree_end_start_many(roots, 3, GRACE, err, sizeof err);
	ck_assert_msg(s, "%s", err);
	ck_assert_uint_eq(subtree_roots(s), 2);
	ck_assert_uint_eq(subtree_count(s), (size_t)(a.size + b.size));
	subtree_report(s, report, sizeof report);
	ck_assert_msg(strncmp(report, "ending 2 subtrees: ", 19) == 0, "%s", report);
	run(s);
	subtree_report(s, report, sizeof report);
	ck_assert_str_eq(report, "ended 11 of 11 processes of 2 subtrees (10 by TERM, 1 by KILL "
			 "after 0.3 s), none survived");
	subtree_free(s);
	reap_group(a.pid);
	reap_group(b.pid);
	/* Nothing left to end: NULL, and why. */
	ck_assert_ptr_null(subtree_end_start_many(roots + 1, 1, GRACE, err, sizeof err));
	ck_assert_msg(strstr(err, "already ended"), "%s", err);
	ck_assert_int_eq(waitpid(gone, NULL, 0), gone);
}
END_TEST

static Suite *subtree_suite(void)
{
	Suite *s = suite_create("subtree");
	TCase *tc = tcase_create("subtree");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, term_ends_a_tree);
	tcase_add_test(tc, many_subtrees_end_as_one);
	tcase_add_test(tc, kill_after_the_grace_period);
	tcase_add_test(tc, kill_a_shell_that_traps_term);
	tcase_add_test(tc, stopped_tree_ends_by_term);
	tcase_add_test(tc, fork_bomb_is_contained);
	tcase_add_test(tc, job_sibling_in_the_group_is_spared);
	tcase_add_test(tc, parent_stopped_along_is_continued);
	tcase_add_test(tc, refuses_init_itself_and_ancestors);
	tcase_add_test(tc, refuses_own_group_kernel_threads_and_the_ended);
	tcase_add_test(tc, pid_reuse_is_refused);
	tcase_add_test(tc, survivor_we_may_not_signal);
	tcase_add_test(tc, pidfd_core_refuses_and_explains);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(subtree_suite());
}
