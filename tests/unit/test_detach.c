/* test_detach.c - real tasks that change while they run or leave forktop: rename and
 * daemonize over the control channel (also while a demo is busy or waiting), commands
 * started detached, "leave them running" at quit, and no zombie of forktop's left
 * behind. Processes that are not the test's children are ended by the tests. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"
#include "unit.h"

static char logdir[64];

static void detach_setup(void)
{
	spawn_setup();
	snprintf(logdir, sizeof logdir, "/tmp/forktop-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(logdir));
	tasks_set_logdir(ts, logdir);
}

static void detach_teardown(void)
{
	spawn_teardown();
	DIR *d = opendir(logdir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(logdir);
}

static bool old_reaped(const struct task *k)
{
	return k->old_pidfd < 0;
}

/* Waits until the file at path holds a line equal to want. */
static bool file_has_line(const char *path, const char *want)
{
	double end = mono() + DEADLINE;
	char line[512];
	while (mono() < end) {
		FILE *f = fopen(path, "r");
		while (f && fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = '\0';
			if (strcmp(line, want) == 0) {
				fclose(f);
				return true;
			}
		}
		if (f)
			fclose(f);
		if (ts) {
			turn(0.05);
		} else {
			struct timespec pause = { 0, 50 * 1000 * 1000 };
			nanosleep(&pause, NULL);	/* forktop has gone: a drainer writes */
		}
	}
	return false;
}

static char *first_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	buf[0] = '\0';
	if (f && fgets(buf, (int)size, f))
		buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
	return buf;
}

/* Waits for a process that is not forktop's child any more to end; the test ends it. */
static void kill_outsider(int pid, unsigned long long start)
{
	char msg[256];
	int fd = signal_pidfd(pid, start, msg, sizeof msg);
	ck_assert_msg(fd >= 0, "%s", msg);
	ck_assert_int_eq(signal_send(pid, start, SIGKILL, msg, sizeof msg), 0);
	ck_assert(fd_ready(fd));
	close(fd);
}

static struct task *sleeper(const char *who, const char *n)
{
	char *args[] = { (char *)who, NULL }, kw[32];
	snprintf(kw, sizeof kw, "n=%s", n);
	char *kwargs[] = { kw, NULL };
	struct task *k = start_demo("sleeper", args, kwargs);
	ck_assert(until(k, has_output));
	return k;
}

/* ---- the control channel and rename ---- */

START_TEST(only_demos_get_a_control_channel)
{
	char path[64], link[64];
	struct task *d = sleeper("Bob", "30"), *c = start_cmd("exec sleep 30");
	ck_assert_int_ge(d->ctlfd, 0);
	ck_assert_int_eq(c->ctlfd, -1);
	snprintf(path, sizeof path, "/proc/%d/fd/3", d->pid);
	ssize_t n = readlink(path, link, sizeof link - 1);
	ck_assert_int_gt(n, 0);
	link[n] = '\0';
	ck_assert_msg(strncmp(link, "socket:", 7) == 0, "%s", link);
	snprintf(path, sizeof path, "/proc/%d/fd/4", d->pid);
	ck_assert_int_lt(readlink(path, link, sizeof link), 0);	/* nothing else */
}
END_TEST

START_TEST(rename_sets_the_comm)
{
	char want[96];
	struct task *k = sleeper("Bob", "30");
	int pid = k->pid;
	ck_assert_int_eq(task_rename(ts, k, "worker", want, sizeof want), 0);
	ck_assert_str_eq(k->name, "worker");
	snprintf(want, sizeof want, "%d: Process-1 → worker", pid);
	const struct event *e = find_event(EV_RENAME, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->text, want);
	ck_assert_str_eq(e->python, "p.name = 'worker'");
	ck_assert(comm_becomes(k, "worker"));
	ck_assert_ptr_nonnull(until_event(EV_INFO, "set its own comm to 'worker'"));
	ck_assert_int_eq(k->state, TASK_RUNNING);
	ck_assert_int_eq(k->pid, pid);
}
END_TEST

START_TEST(rename_cuts_the_comm_between_characters)
{
	char err[128];
	struct task *k = sleeper("Bob", "30");
	ck_assert_int_eq(task_rename(ts, k, "子进程一二三四五六", err, sizeof err), 0);
	ck_assert_str_eq(k->name, "子进程一二三四五六");
	ck_assert(comm_becomes(k, "子进程一二"));	/* 15 bytes */
	/* 25 bytes: byte 15 is inside a character, so 13 bytes are kept. */
	ck_assert_int_eq(task_rename(ts, k, "a子进程一二三四五", err, sizeof err), 0);
	ck_assert(comm_becomes(k, "a子进程一"));
	ck_assert_int_eq(task_rename(ts, k, "it's \x1b[31m", err, sizeof err), 0);
	ck_assert_str_eq(k->name, "it's \\e[31m");
	ck_assert_str_eq(find_event(EV_RENAME, NULL)->python, "p.name = \"it's \\e[31m\"");
}
END_TEST

START_TEST(rename_refusals)
{
	char err[160], big[300];
	struct task *k = sleeper("Bob", "30"), *c = start_cmd("exec sleep 30");
	struct task *done = start_demo("isolation", NULL, NULL);
	ck_assert(until(done, is_exited));
	ck_assert_int_eq(task_rename(ts, k, "", err, sizeof err), -1);
	ck_assert_str_eq(err, "a name cannot be empty");
	ck_assert_int_eq(task_rename(ts, k, NULL, err, sizeof err), -1);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert_int_eq(task_rename(ts, k, big, err, sizeof err), -1);
	ck_assert_str_eq(err, "a name is at most 255 bytes");
	const char *linux_rule = "Linux only lets a process rename itself; forktop can rename "
				 "only its own demo tasks";
	ck_assert_int_eq(task_rename(ts, c, "x", err, sizeof err), -1);
	ck_assert_str_eq(err, linux_rule);
	ck_assert_int_eq(task_rename(ts, NULL, "x", err, sizeof err), -1);
	ck_assert_str_eq(err, linux_rule);
	ck_assert_int_eq(task_rename(ts, done, "x", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "has ended"));
	ck_assert_str_eq(k->name, "Process-1");
	ck_assert_str_eq(c->name, "Process-2");
	ck_assert_uint_eq(count_events(EV_RENAME), 0);
}
END_TEST

/* Every demo that sleeps serves requests while it sleeps. */
START_TEST(sleeping_demos_answer)
{
	const char *demos[] = { "sleeper", "pid", "name", "zombie", "daemon", "spawner" };
	char *kw[] = { "n=30", NULL }, err[128];
	for (size_t i = 0; i < sizeof demos / sizeof demos[0]; i++) {
		char name[16];
		struct task *k = start_demo(demos[i], NULL, kw);
		ck_assert(until(k, has_output));
		snprintf(name, sizeof name, "r-%s", demos[i]);
		ck_assert_int_eq(task_rename(ts, k, name, err, sizeof err), 0);
		ck_assert_msg(comm_becomes(k, name), "%s", demos[i]);
	}
	/* The spawner's own children outlive it: end them here. */
	struct task *sp = tasks_get(ts, 5);
	double end = mono() + DEADLINE;
	while (task_nlines(sp) < 3 && mono() < end)
		turn(0.05);
	for (int i = 1; i <= 2; i++) {
		char pre[32];
		int kid;
		struct pstat st;
		snprintf(pre, sizeof pre, "Process-6:%d pid=", i);
		const char *l = line_with(sp, pre);
		ck_assert_ptr_nonnull(l);
		ck_assert_int_eq(sscanf(l + strlen(pre), "%d", &kid), 1);
		ck_assert_int_eq(signal_read_stat(kid, &st), 0);
		kill_outsider(kid, st.start);
	}
}
END_TEST

/* Busy or blocked demos answer too: the CPU loop, the pool waiting for its workers, the
 * producer between items. */
START_TEST(busy_demos_answer)
{
	char *cpu_kw[] = { "s=30", NULL }, *pool_kw[] = { "n=1", "m=1", "t=3", NULL };
	char *pipe_kw[] = { "delay=3", NULL }, err[128];
	struct task *cpu = start_demo("cpu", NULL, cpu_kw);
	struct task *pool = start_demo("pool", NULL, pool_kw);
	struct task *pipe = start_demo("pipeline", NULL, pipe_kw);
	ck_assert(until(cpu, has_output) && until(pool, has_output) && until(pipe, has_output));
	ck_assert_int_eq(task_rename(ts, cpu, "busy", err, sizeof err), 0);
	ck_assert_int_eq(task_rename(ts, pool, "pool-master", err, sizeof err), 0);
	ck_assert_int_eq(task_rename(ts, pipe, "producer", err, sizeof err), 0);
	ck_assert(comm_becomes(cpu, "busy"));
	ck_assert(comm_becomes(pool, "pool-master"));
	ck_assert(comm_becomes(pipe, "producer"));
}
END_TEST

/* ---- daemonize ---- */

START_TEST(daemonize_follows_the_new_process)
{
	char err[256], want[128];
	struct pstat st;
	struct task *k = sleeper("Bob", "30");
	int old = k->pid;
	unsigned long long old_start = k->start;
	ck_assert_int_eq(task_daemonize(ts, k, err, sizeof err), 0);
	ck_assert(k->daemonizing);
	ck_assert_int_eq(task_daemonize(ts, k, err, sizeof err), -1);
	ck_assert_str_eq(err + strlen(err) - strlen("daemonizing already"), "daemonizing already");
	ck_assert(until(k, is_daemonized));
	ck_assert(!k->daemonizing && k->detached);
	ck_assert_int_eq(k->old_pid, old);
	ck_assert_int_ne(k->pid, old);
	ck_assert_ptr_eq(tasks_find(ts, k->pid, k->start), k);
	/* A session of its own, which it does not lead; not our child. */
	ck_assert_int_eq(signal_read_stat(k->pid, &st), 0);
	ck_assert_int_ne(getsid(k->pid), getsid(0));
	ck_assert_int_ne(getsid(k->pid), k->pid);
	ck_assert_int_eq(st.pgrp, getsid(k->pid));
	ck_assert_int_ne(st.ppid, getpid());
	/* The old pid exited 0 and was reaped: no zombie left. */
	ck_assert(until(k, old_reaped));
	ck_assert_int_eq(proc_state(old, old_start), 0);
	snprintf(want, sizeof want, "Process-1 pid %d → %d (session %d", old, k->pid,
		 getsid(k->pid));
	ck_assert_ptr_nonnull(find_event(EV_DAEMONIZE, want));
	snprintf(want, sizeof want, "%d, Process-1 before daemonizing, exited 0 and was reaped",
		 old);
	ck_assert_ptr_nonnull(find_event(EV_INFO, want));
	ck_assert_uint_eq(tasks_alive(ts), 0);	/* nothing of forktop's waits for it */

	ck_assert_int_eq(task_daemonize(ts, k, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is already daemonized"));
	/* The daemon still answers: it took the control channel along. */
	ck_assert_int_eq(task_rename(ts, k, "daemon-bob", err, sizeof err), 0);
	ck_assert(comm_becomes(k, "daemon-bob"));
	ck_assert_int_eq(task_join(ts, k, 0, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is still running (daemonized"));

	/* Its end is seen through the pidfd; the exit code is not ours to know. */
	ck_assert_int_eq(signal_send(k->pid, k->start, SIGTERM, err, sizeof err), 0);
	ck_assert(until(k, is_exited));
	ck_assert(k->exit_unknown);
	task_exitcode_str(want, sizeof want, k);
	ck_assert_str_eq(want, "unknown (not our child)");
	ck_assert_int_eq(task_join(ts, k, 0.5, err, sizeof err), 0);
	ck_assert_int_eq(k->state, TASK_JOINED);
	ck_assert_int_eq(k->pidfd, -1);
	snprintf(want, sizeof want, "daemon-bob pid %d: exitcode unknown (not our child) after "
		 "0.50 s", k->pid);
	ck_assert_str_eq(find_event(EV_JOIN, NULL)->text, want);
}
END_TEST

START_TEST(daemonized_output_still_comes)
{
	char err[256];
	struct task *k = sleeper("Bob", "3");
	ck_assert_int_eq(task_daemonize(ts, k, err, sizeof err), 0);
	ck_assert(until(k, is_daemonized));
	ck_assert(until(k, is_exited));
	ck_assert(until(k, out_closed));
	ck_assert(has_line(k, "Bob is done"));	/* printed by the daemon */
	ck_assert(k->exit_unknown);
	ck_assert_ptr_nonnull(find_event(EV_EXIT, "exit code unknown (not forktop's child)"));
}
END_TEST

START_TEST(daemonize_refusals)
{
	char err[256], msg[128];
	struct task *cmd = start_cmd("exec sleep 30");
	char *kw[] = { "n=30", NULL };
	struct task_spec d = { .demo = "sleeper", .kwargs = kw, .daemon = true };
	struct task *daemonic = start_spec(&d);
	struct task *stopped = sleeper("Cy", "30");
	struct task *done = start_demo("isolation", NULL, NULL);
	ck_assert(until(done, is_exited) && until(daemonic, has_output));
	ck_assert_int_eq(task_daemonize(ts, cmd, err, sizeof err), -1);
	ck_assert_str_eq(err, "a running command cannot be detached: start it with \"start "
			      "detached\" in the New-task dialog");
	ck_assert_int_eq(task_daemonize(ts, daemonic, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is daemonic (daemon=True)"));
	ck_assert_int_eq(task_daemonize(ts, done, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "has ended: only a running task can be daemonized"));
	ck_assert_int_eq(task_daemonize(ts, NULL, err, sizeof err), -1);
	ck_assert_int_eq(signal_send(stopped->pid, stopped->start, SIGSTOP, msg, sizeof msg), 0);
	ck_assert(until(stopped, is_stopped));
	ck_assert_int_eq(task_daemonize(ts, stopped, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is stopped: continue it (SIGCONT) first"));
	ck_assert_uint_eq(count_events(EV_DAEMONIZE), 0);
	ck_assert(!cmd->daemonizing && !stopped->daemonizing);
}
END_TEST

/* The daemon survives forktop, and its last write into the closed pipe does not kill it
 * (SIGPIPE ignored, then /dev/null). The test becomes a subreaper to collect its status. */
START_TEST(daemonized_task_outlives_forktop)
{
	char err[256], msg[128];
	siginfo_t si;
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	struct task *k = sleeper("Bob", "3");
	ck_assert_int_eq(task_daemonize(ts, k, err, sizeof err), 0);
	ck_assert(until(k, is_daemonized));
	int pid = k->pid;
	unsigned long long start = k->start;
	tasks_free(ts);		/* forktop quits: the daemon's output pipe closes */
	ts = NULL;
	int fd = signal_pidfd(pid, start, msg, sizeof msg);
	ck_assert_msg(fd >= 0, "%s", msg);
	ck_assert(fd_ready(fd));
	memset(&si, 0, sizeof si);
	ck_assert_int_eq(waitid(P_PIDFD, (id_t)fd, &si, WEXITED), 0);
	close(fd);
	ck_assert_int_eq(si.si_code, CLD_EXITED);	/* not killed by SIGPIPE */
	ck_assert_int_eq(si.si_status, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 0);	/* for CK_FORK=no runs */
}
END_TEST

/* ---- detached commands ---- */

START_TEST(detached_command_runs_in_its_own_session)
{
	char err[256], path[64], link[512], head[512];
	struct pstat st;
	struct task_spec spec = { .command = "echo out; echo err >&2; exec sleep 30",
		.detached = true };
	struct task *k = start_spec(&spec);
	ck_assert_int_eq(k->state, TASK_DAEMONIZED);
	ck_assert(k->detached);
	ck_assert_int_eq(k->outfd, -1);
	ck_assert_int_eq(k->ctlfd, -1);
	ck_assert_ptr_nonnull(k->logpath);
	ck_assert_int_eq(strncmp(k->logpath, logdir, strlen(logdir)), 0);
	ck_assert_int_eq(signal_read_stat(k->pid, &st), 0);
	ck_assert_int_ne(st.ppid, getpid());
	ck_assert_int_ne(getsid(k->pid), getsid(0));
	ck_assert_int_eq(st.pgrp, getsid(k->pid));
	ck_assert_uint_eq(tasks_alive(ts), 0);
	ck_assert_ptr_nonnull(find_event(EV_START, "; exec sleep 30, detached)"));
	ck_assert_ptr_nonnull(find_event(EV_INFO, k->logpath));
	ck_assert(file_has_line(k->logpath, "out"));
	ck_assert(file_has_line(k->logpath, "err"));
	ck_assert_int_eq(strncmp(first_line(k->logpath, head, sizeof head), "# forktop ", 10),
			 0);
	ck_assert(comm_becomes(k, "sleep"));
	snprintf(path, sizeof path, "/proc/%d/fd/1", k->pid);
	ssize_t n = readlink(path, link, sizeof link - 1);
	ck_assert_int_gt(n, 0);
	link[n] = '\0';
	ck_assert_str_eq(link, k->logpath);
	snprintf(path, sizeof path, "/proc/%d/fd/3", k->pid);
	ck_assert_int_lt(readlink(path, link, sizeof link), 0);	/* nothing of forktop's */

	ck_assert_int_eq(signal_send(k->pid, k->start, SIGTERM, err, sizeof err), 0);
	ck_assert(until(k, is_exited));
	ck_assert(k->exit_unknown);
	ck_assert_int_eq(task_join(ts, k, 0, err, sizeof err), 0);
	ck_assert_int_eq(k->state, TASK_JOINED);
}
END_TEST

START_TEST(detached_command_outlives_forktop)
{
	char msg[128];
	struct task_spec spec = { .command = "exec sleep 30", .detached = true };
	struct task *k = start_spec(&spec);
	int pid = k->pid;
	unsigned long long start = k->start;
	tasks_free(ts);
	ts = NULL;
	int fd = signal_pidfd(pid, start, msg, sizeof msg);
	ck_assert_msg(fd >= 0, "%s", msg);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ck_assert_int_eq(poll(&p, 1, 100), 0);	/* still running */
	close(fd);
	kill_outsider(pid, start);
}
END_TEST

START_TEST(detached_refusals)
{
	char err[256];
	struct task_spec demo = { .demo = "sleeper", .detached = true };
	struct task_spec both = { .command = "true", .detached = true, .daemon = true };
	struct task_spec cmd = { .command = "true", .detached = true };
	ck_assert_int_eq(task_start(ts, &demo, err, sizeof err), -1);
	ck_assert_str_eq(err, "only a command can be started detached; a running demo task can "
			      "be daemonized (d)");
	ck_assert_int_eq(task_start(ts, &both, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "cannot be both daemonic and detached"));
	tasks_set_logdir(ts, "/dev/null/logs");
	ck_assert_int_eq(task_start(ts, &cmd, err, sizeof err), -1);
	ck_assert_str_eq(err, "cannot use the log directory /dev/null/logs: Not a directory");
	ck_assert_uint_eq(tasks_count(ts), 0);
}
END_TEST

/* ---- leave them running ---- */

struct ident {
	int pid;
	unsigned long long start;
};

/* Waits for a left task (still the test's child) and returns its exit code. */
static int exit_code_of(struct ident id)
{
	char msg[128];
	siginfo_t si;
	int fd = signal_pidfd(id.pid, id.start, msg, sizeof msg);
	ck_assert_msg(fd >= 0, "%s", msg);
	ck_assert(fd_ready(fd));
	memset(&si, 0, sizeof si);
	ck_assert_int_eq(waitid(P_PIDFD, (id_t)fd, &si, WEXITED), 0);
	close(fd);
	return task_exitcode_from(si.si_code, si.si_status);
}

START_TEST(leave_running_hands_output_to_logs)
{
	char msg[512], msg2[128], go[128], line[256];
	char *kw[] = { "n=30", NULL }, *cy[] = { "Cy", "3", NULL };
	/* It says "two" only once the test has left it running. */
	snprintf(go, sizeof go, "%s/go", logdir);
	snprintf(line, sizeof line, "echo one; while [ ! -e %s ]; do sleep 0.05; done; "
		 "echo two; exit 5", go);
	struct task *cmd = start_cmd(line);
	struct task_spec d = { .demo = "sleeper", .kwargs = kw, .daemon = true };
	struct task *daemonic = start_spec(&d);
	struct task *done = start_cmd("exit 3");
	struct task *stopped = start_demo("sleeper", cy, NULL);
	struct task_spec det = { .command = "exec sleep 30", .detached = true };
	struct task *detached = start_spec(&det), *dee = sleeper("Dee", "4");
	ck_assert(until(cmd, has_output) && until(daemonic, has_output));
	ck_assert(until(done, is_exited) && until(stopped, has_output));
	ck_assert_int_eq(task_daemonize(ts, dee, msg, sizeof msg), 0);
	ck_assert(until(dee, is_daemonized));
	ck_assert_int_eq(signal_send(stopped->pid, stopped->start, SIGSTOP, msg2, sizeof msg2),
			 0);
	ck_assert(until(stopped, is_stopped));

	ck_assert_int_eq(tasks_leave_running(ts, NULL, msg, sizeof msg), 4);
	ck_assert_ptr_nonnull(strstr(msg, "left 4 tasks running; output is appended to logs in "));
	ck_assert_ptr_nonnull(strstr(msg, logdir));
	ck_assert_ptr_nonnull(strstr(msg, "ended 1 daemonic task (daemon=True)"));
	ck_assert_int_eq(daemonic->state, TASK_JOINED);
	ck_assert_int_eq(daemonic->exitcode, -15);
	ck_assert_int_eq(done->state, TASK_JOINED);
	ck_assert_int_eq(done->exitcode, 3);
	ck_assert(cmd->left && stopped->left && detached->left && dee->left);
	ck_assert_int_eq(dee->outfd, -1);	/* the daemon's pipe went to a drainer too */
	ck_assert_int_eq(cmd->outfd, -1);
	ck_assert_ptr_nonnull(cmd->logpath);
	ck_assert_ptr_nonnull(stopped->logpath);
	ck_assert_ptr_nonnull(find_event(EV_SIGNAL, "SIGCONT sent to"));
	char cmd_log[512], cy_log[512], dee_log[512];
	snprintf(cmd_log, sizeof cmd_log, "%s", cmd->logpath);
	snprintf(cy_log, sizeof cy_log, "%s", stopped->logpath);
	snprintf(dee_log, sizeof dee_log, "%s", dee->logpath);
	struct ident left[2] = { { cmd->pid, cmd->start }, { stopped->pid, stopped->start } };
	struct ident outsider = { detached->pid, detached->start };

	tasks_free(ts);		/* forktop quits */
	ts = NULL;
	FILE *f = fopen(go, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	/* Both still write after forktop is gone, into their logs, and end normally. */
	ck_assert_int_eq(exit_code_of(left[0]), 5);
	ck_assert_int_eq(exit_code_of(left[1]), 0);
	ck_assert(file_has_line(cmd_log, "two"));
	ck_assert(file_has_line(cy_log, "Cy is done"));
	ck_assert(file_has_line(dee_log, "Dee is done"));	/* the daemon's, after forktop */
	kill_outsider(outsider.pid, outsider.start);
	char head[512];
	ck_assert_ptr_nonnull(strstr(first_line(cmd_log, head, sizeof head),
				     "left running when forktop quit"));
	/* The drainers are nobody's zombies of ours: the test has no child left at all. */
	siginfo_t si;
	errno = 0;
	ck_assert_int_eq(waitid(P_ALL, 0, &si, WEXITED | WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
}
END_TEST

START_TEST(leave_running_with_nothing_running)
{
	char msg[256];
	struct task *k = start_cmd("exit 0");
	ck_assert(until(k, is_exited));
	ck_assert_int_eq(tasks_leave_running(ts, "/dev/null/never-made", msg, sizeof msg), 0);
	ck_assert_str_eq(msg, "no task left running; joined 1");
	ck_assert_int_eq(k->state, TASK_JOINED);
}
END_TEST

START_TEST(leave_running_needs_its_log_directory)
{
	char msg[256];
	struct task *k = sleeper("Bob", "30");
	ck_assert_int_eq(tasks_leave_running(ts, "/dev/null/logs", msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "cannot use the log directory /dev/null/logs: Not a directory");
	ck_assert(!k->left);
	ck_assert_int_ge(k->outfd, 0);
	ck_assert_int_eq(k->state, TASK_RUNNING);
}
END_TEST

/* ---- no zombies ---- */

START_TEST(free_leaves_no_zombie)
{
	char err[256];
	char *kw[] = { "n=30", NULL };
	struct task_spec d = { .demo = "sleeper", .kwargs = kw, .daemon = true };
	struct task *daemonic = start_spec(&d), *done = start_cmd("exit 0");
	struct task *plain = start_cmd("exec sleep 30");
	/* Asked to daemonize just before forktop quits: the report may never be read. */
	struct task *late = sleeper("Bob", "1");
	ck_assert(until(daemonic, has_output) && until(done, is_exited));
	ck_assert_int_eq(task_daemonize(ts, late, err, sizeof err), 0);
	struct ident p = { plain->pid, plain->start };
	tasks_free(ts);
	ts = NULL;
	siginfo_t si;
	memset(&si, 0, sizeof si);
	ck_assert_int_eq(waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT), 0);
	ck_assert_int_eq(si.si_pid, 0);	/* children left (the plain one), no zombie */
	ck_assert_int_eq(signal_send(p.pid, p.start, SIGKILL, err, sizeof err), 0);
	ck_assert_int_eq(exit_code_of(p), -9);
}
END_TEST

static Suite *detach_suite(void)
{
	Suite *s = suite_create("detach");
	TCase *tc = tcase_create("detach");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, detach_setup, detach_teardown);
	tcase_add_test(tc, only_demos_get_a_control_channel);
	tcase_add_test(tc, rename_sets_the_comm);
	tcase_add_test(tc, rename_cuts_the_comm_between_characters);
	tcase_add_test(tc, rename_refusals);
	tcase_add_test(tc, sleeping_demos_answer);
	tcase_add_test(tc, busy_demos_answer);
	tcase_add_test(tc, daemonize_follows_the_new_process);
	tcase_add_test(tc, daemonized_output_still_comes);
	tcase_add_test(tc, daemonize_refusals);
	tcase_add_test(tc, daemonized_task_outlives_forktop);
	tcase_add_test(tc, detached_command_runs_in_its_own_session);
	tcase_add_test(tc, detached_command_outlives_forktop);
	tcase_add_test(tc, detached_refusals);
	tcase_add_test(tc, leave_running_hands_output_to_logs);
	tcase_add_test(tc, leave_running_with_nothing_running);
	tcase_add_test(tc, leave_running_needs_its_log_directory);
	tcase_add_test(tc, free_leaves_no_zombie);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(detach_suite());
}
