/* test_spawn.c - real tasks: spawn, exit codes the Python way, the zombie until join,
 * captured and escaped output, the child's clean setup, and the one signalling path with
 * its refusals. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <dirent.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"
#include "unit.h"

START_TEST(exit_code_and_zombie_until_join)
{
	char err[256], want[128];
	struct task *k = start_cmd("exit 3");
	ck_assert_int_eq(k->id, 1);
	ck_assert_str_eq(k->name, "Process-1");
	ck_assert_str_eq(k->target, "exit 3");
	ck_assert_int_gt(k->pidfd, 2);
	ck_assert_uint_gt(k->start, 0);
	ck_assert(until(k, is_exited));
	ck_assert_int_eq(k->exitcode, 3);
	ck_assert_uint_eq(tasks_alive(ts), 0);
	ck_assert_int_eq(proc_state(k->pid, k->start), 'Z');	/* exited, not joined */
	snprintf(want, sizeof want, "Process-1 pid %d: exitcode 3", k->pid);
	const struct event *e = find_event(EV_EXIT, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->text, want);
	ck_assert_str_eq(e->python, "p.is_alive() → False, p.exitcode → 3");

	ck_assert_int_eq(task_join(ts, k, 1.5, err, sizeof err), 0);
	ck_assert_int_eq(k->state, TASK_JOINED);
	ck_assert_int_eq(k->pidfd, -1);
	ck_assert_int_eq(proc_state(k->pid, k->start), 0);	/* reaped: gone */
	snprintf(want, sizeof want, "Process-1 pid %d: exitcode 3 after 1.50 s", k->pid);
	e = find_event(EV_JOIN, NULL);
	ck_assert_str_eq(e->text, want);
	ck_assert_str_eq(e->python, "p.join() → None; p.exitcode → 3");
	ck_assert_int_eq(task_join(ts, k, 0, err, sizeof err), -1);
	ck_assert_str_eq(err, "Process-1 is already joined");
	ck_assert_ptr_eq(tasks_find(ts, k->pid, k->start), k);
	ck_assert_ptr_null(tasks_find(ts, k->pid, k->start + 1));
}
END_TEST

START_TEST(death_by_sigsegv)
{
	char buf[64];
	struct task *k = start_cmd("kill -SEGV $$");
	ck_assert(until(k, is_exited));
	ck_assert_int_eq(k->exitcode, -11);
	task_exitcode_str(buf, sizeof buf, k);
	ck_assert_str_eq(buf, "-11 SIGSEGV");
}
END_TEST

static void signal_running_sleeper(int sig, int want_code, const char *want_str)
{
	char msg[256], buf[64];
	char *args[] = { "Bob", NULL }, *kw[] = { "n=30", NULL };
	struct task *k = start_demo("sleeper", args, kw);
	ck_assert(until(k, has_output));
	ck_assert_str_eq(task_line(k, 0), "Bob is running");
	ck_assert_int_eq(signal_send(k->pid, k->start, sig, msg, sizeof msg), 0);
	ck_assert_str_eq(msg, "");
	ck_assert(until(k, is_exited));
	ck_assert_int_eq(k->exitcode, want_code);
	task_exitcode_str(buf, sizeof buf, k);
	ck_assert_str_eq(buf, want_str);
	ck_assert_int_eq(task_join(ts, k, 0, msg, sizeof msg), 0);
}

START_TEST(sigterm_through_signal_send)
{
	signal_running_sleeper(SIGTERM, -15, "-15 SIGTERM");
}
END_TEST

START_TEST(sigkill_through_signal_send)
{
	signal_running_sleeper(SIGKILL, -9, "-9 SIGKILL");
}
END_TEST

START_TEST(normal_exit_with_output)
{
	char want[128];
	char *args[] = { "Bob", "0.1", NULL };
	struct task *k = start_demo("sleeper", args, NULL);
	ck_assert_str_eq(k->target, "sleeper");
	ck_assert_str_eq(k->args_repr, "args=('Bob', 0.1)");
	ck_assert(until(k, is_exited));
	ck_assert(until(k, out_closed));
	ck_assert_int_eq(k->exitcode, 0);
	ck_assert_uint_eq(task_nlines(k), 2);
	ck_assert_str_eq(task_line(k, 0), "Bob is running");
	ck_assert_str_eq(task_line(k, 1), "Bob is done");
	ck_assert_ptr_null(task_line(k, 2));
	snprintf(want, sizeof want, "Process-1 pid %d (sleeper, args=('Bob', 0.1))", k->pid);
	ck_assert_str_eq(find_event(EV_START, NULL)->text, want);
	ck_assert_str_eq(find_event(EV_START, NULL)->python,
			 "p = Process(target=sleeper, args=('Bob', 0.1)); p.start()");
}
END_TEST

START_TEST(output_is_escaped)
{
	struct task *k = start_cmd("printf 'a\\033[31mb\\r\\n\\tc\\n\\302\\233x\\n\\377\\nlast'");
	ck_assert(until(k, out_closed));
	ck_assert_uint_eq(task_nlines(k), 5);
	ck_assert_str_eq(task_line(k, 0), "a\\e[31mb");
	ck_assert_str_eq(task_line(k, 1), "\\tc");
	ck_assert_str_eq(task_line(k, 2), "\\x9bx");
	ck_assert_str_eq(task_line(k, 3), "\xef\xbf\xbd");
	ck_assert_str_eq(task_line(k, 4), "last");	/* the unended line, at EOF */
}
END_TEST

START_TEST(long_lines_are_split)
{
	struct task *k = start_cmd("head -c 10000 /dev/zero | tr '\\000' x; echo");
	ck_assert(until(k, out_closed));
	ck_assert_uint_eq(task_nlines(k), 3);
	ck_assert_uint_eq(strlen(task_line(k, 0)), 4096);
	ck_assert_uint_eq(strlen(task_line(k, 1)), 4096);
	ck_assert_uint_eq(strlen(task_line(k, 2)), 1808);
}
END_TEST

START_TEST(long_lines_split_between_characters)
{
	/* 2000 × 子 (3 bytes): a cut at 4096 bytes would land inside a character. */
	struct task *k = start_cmd("i=0; while [ $i -lt 2000 ]; do printf '\\345\\255\\220'; "
				   "i=$((i+1)); done; echo");
	size_t total = 0;
	ck_assert(until(k, out_closed));
	ck_assert_uint_eq(task_nlines(k), 2);
	for (size_t i = 0; i < task_nlines(k); i++) {
		ck_assert_ptr_null(strstr(task_line(k, i), "\xef\xbf\xbd"));
		ck_assert_uint_eq(strlen(task_line(k, i)) % 3, 0);
		total += strlen(task_line(k, i));
	}
	ck_assert_uint_eq(strlen(task_line(k, 0)), 4095);
	ck_assert_uint_eq(total, 6000);
}
END_TEST

START_TEST(output_ring_keeps_the_newest)
{
	struct task *k = start_cmd("seq 1 2500");
	ck_assert(until(k, out_closed));
	ck_assert_uint_eq(task_nlines(k), TASK_OUTPUT_LINES);
	ck_assert_str_eq(task_line(k, 0), "501");
	ck_assert_str_eq(task_line(k, TASK_OUTPUT_LINES - 1), "2500");
}
END_TEST

/* 3 MB without a newline: cut into lines of at most 4096 bytes, of which no more than
 * TASK_OUTPUT_BYTES are kept, the newest; the console is bounded too. */
START_TEST(output_is_bounded_in_bytes)
{
	struct task *k = start_cmd("head -c 3000000 /dev/zero | tr '\\0' x; printf END");
	ck_assert(until(k, out_closed));
	size_t total = 0, n = task_nlines(k);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_le(strlen(task_line(k, i)), 4096);
		total += strlen(task_line(k, i));
	}
	ck_assert_uint_le(total, TASK_OUTPUT_BYTES);
	ck_assert_uint_gt(total, TASK_OUTPUT_BYTES - 2 * 4096);
	const char *last = task_line(k, n - 1);
	ck_assert_str_eq(last + strlen(last) - 4, "xEND");
	total = 0;
	for (size_t i = 0; i < tasks_console_count(ts); i++)
		total += strlen(tasks_console_line(ts, i));
	ck_assert_uint_le(total, 2 * TASK_OUTPUT_BYTES);
}
END_TEST

/* The first task, running CMD to its end, its log files in DIR (made here from its
 * template). */
static struct task *run_logged(char *dir, const char *cmd)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	tasks_set_logdir(ts, dir);
	struct task *k = start_cmd(cmd);
	ck_assert(until(k, is_exited) && until(k, out_closed));
	return k;
}

/* The log file at PATH holds the first task's header, then the numbers 1 to N, one a
 * line, and nothing more; it and DIR are removed. */
static void log_holds_1_to(const char *path, int n, const char *dir)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char line[256];
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));	/* the header */
	ck_assert(strstr(line, "output of Process-1") != NULL);
	for (int i = 1; i <= n; i++) {
		ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
		ck_assert_int_eq(atoi(line), i);
	}
	ck_assert_ptr_null(fgets(line, sizeof line, f));
	fclose(f);
	unlink(path);
	rmdir(dir);
}

/* A joined task keeps its last TASK_JOINED_LINES lines; the older ones are in a log file. */
START_TEST(joined_task_keeps_its_last_lines)
{
	char dir[] = "/tmp/forktop-test-XXXXXX", err[256];
	struct task *k = run_logged(dir, "seq 1 1000");
	ck_assert_uint_eq(task_nlines(k), 1000);
	ck_assert_int_eq(task_join(ts, k, 0, err, sizeof err), 0);
	ck_assert_uint_eq(task_nlines(k), TASK_JOINED_LINES);
	ck_assert_str_eq(task_line(k, 0), "801");
	ck_assert_str_eq(task_line(k, TASK_JOINED_LINES - 1), "1000");
	ck_assert_ptr_nonnull(k->logpath);
	ck_assert_ptr_nonnull(find_event(EV_INFO, "output the pane no longer keeps goes to"));
	log_holds_1_to(k->logpath, 800, dir);
}
END_TEST

/* Lines that leave a running task's bounded ring are written to its log file, so a task
 * that prints more than its pane keeps loses nothing; the join adds the rest but the last
 * TASK_JOINED_LINES. */
START_TEST(output_beyond_the_ring_goes_to_the_log)
{
	char dir[] = "/tmp/forktop-test-XXXXXX", err[256];
	struct task *k = run_logged(dir, "seq 1 5000");
	ck_assert_uint_eq(task_nlines(k), TASK_OUTPUT_LINES);
	ck_assert_str_eq(task_line(k, 0), "3001");
	ck_assert_ptr_nonnull(k->logpath);
	ck_assert_ptr_nonnull(find_event(EV_INFO, "output the pane no longer keeps goes to"));
	ck_assert_int_eq(task_join(ts, k, 0, err, sizeof err), 0);
	ck_assert_uint_eq(task_nlines(k), TASK_JOINED_LINES);
	log_holds_1_to(k->logpath, 5000 - TASK_JOINED_LINES, dir);
}
END_TEST

START_TEST(refuses_dangerous_targets)
{
	char msg[256];
	ck_assert_int_eq(signal_send(1, 0, SIGTERM, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "refusing to signal pid 1 (init)");
	ck_assert_int_eq(signal_send(0, 0, SIGTERM, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing to signal pid 0"));
	ck_assert_int_eq(signal_send(-1, 0, SIGKILL, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing to signal pid -1"));
	ck_assert_int_eq(signal_send(-1234, 0, SIGKILL, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing"));
	ck_assert_int_eq(signal_send(getpid(), 0, SIGTERM, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing to signal forktop itself"));
	ck_assert_int_eq(signal_pidfd(1, 0, msg, sizeof msg), -1);	/* for a join */
	ck_assert_str_eq(msg, "refusing to join pid 1 (init)");
	ck_assert_int_eq(signal_pidfd(getpid(), 0, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing to join forktop itself"));
	ck_assert_int_eq(signal_send(2, 0, 99999, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "invalid signal 99999");
	/* forktop's ancestors (here the test's parent): SIGWINCH, so that a failure of the
	 * refusal harms nothing; SIGCONT is allowed (continuing never ends a process). */
	struct pstat st;
	ck_assert_int_eq(signal_read_stat(getppid(), &st), 0);
	ck_assert_int_eq(signal_send(getppid(), st.start, SIGWINCH, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "forktop runs inside it (it is forktop's parent"));
	ck_assert_int_eq(signal_send(getppid(), st.start, SIGCONT, msg, sizeof msg), 0);
}
END_TEST

START_TEST(refuses_own_process_group)
{
	char msg[256];
	int fd[2], status;
	struct pstat st;
	ck_assert_int_eq(pipe(fd), 0);
	pid_t pid = fork();	/* a plain child: same process group as the test */
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char c;
		close(fd[1]);
		ssize_t r = read(fd[0], &c, 1);
		_exit(r == 0 ? 0 : 1);
	}
	close(fd[0]);
	ck_assert_int_eq(signal_read_stat(pid, &st), 0);
	ck_assert_int_eq(signal_send(pid, st.start, SIGTERM, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "forktop's own process group"));
	close(fd[1]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);	/* never signalled */
}
END_TEST

START_TEST(wrong_start_time_sends_nothing)
{
	char msg[256], want[128];
	char *kw[] = { "n=30", NULL };
	struct task *k = start_demo("sleeper", NULL, kw);
	ck_assert(until(k, has_output));
	ck_assert_int_eq(signal_send(k->pid, k->start + 1, SIGKILL, msg, sizeof msg), -1);
	snprintf(want, sizeof want, "process %d is gone (pid now used by `Process-1`)", k->pid);
	ck_assert_str_eq(msg, want);
	ck_assert_int_eq(signal_pidfd(k->pid, k->start + 1, msg, sizeof msg), -1);
	turn(0.2);
	ck_assert_int_eq(k->state, TASK_RUNNING);
	ck_assert_int_eq(proc_state(k->pid, k->start) == 'S' ||
			 proc_state(k->pid, k->start) == 'R', 1);
}
END_TEST

START_TEST(gone_after_join)
{
	char msg[256], want[64];
	struct task *k = start_cmd("exit 0");
	ck_assert(until(k, is_exited));
	ck_assert_int_eq(task_join(ts, k, 0, msg, sizeof msg), 0);
	ck_assert_int_eq(signal_send(k->pid, k->start, SIGTERM, msg, sizeof msg), -1);
	snprintf(want, sizeof want, "process %d is gone", k->pid);
	ck_assert_ptr_nonnull(strstr(msg, want));
}
END_TEST

START_TEST(zombie_target_is_explained)
{
	char msg[256], want[128];
	struct task *k = start_cmd("exit 0");
	ck_assert(until(k, is_exited));
	ck_assert_int_eq(signal_send(k->pid, k->start, SIGTERM, msg, sizeof msg), 0);
	snprintf(want, sizeof want, "%d is a zombie: it has already exited; only its parent "
		 "can collect it", k->pid);
	ck_assert_str_eq(msg, want);
	int fd = signal_pidfd(k->pid, k->start, msg, sizeof msg);
	ck_assert_int_ge(fd, 0);
	close(fd);
}
END_TEST

START_TEST(stopped_task_gets_sigcont_after_sigterm)
{
	char msg[256];
	char *kw[] = { "n=30", NULL };
	struct task *k = start_demo("sleeper", NULL, kw);
	ck_assert(until(k, has_output));
	ck_assert_int_eq(signal_send(k->pid, k->start, SIGSTOP, msg, sizeof msg), 0);
	ck_assert(until(k, is_stopped));
	ck_assert_int_eq(tasks_alive(ts), 1);
	ck_assert_int_eq(signal_send(k->pid, k->start, SIGTERM, msg, sizeof msg), 0);
	ck_assert_ptr_nonnull(strstr(msg, "was stopped: sent SIGCONT so it can end"));
	ck_assert_ptr_nonnull(strstr(msg, "Python's terminate() would hang in join here"));
	ck_assert(until(k, is_exited));
	ck_assert_int_eq(k->exitcode, -15);
}
END_TEST

START_TEST(child_setup_is_clean)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &old);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	int leak = open("/dev/null", O_RDONLY);	/* no O_CLOEXEC: must not reach the task */
	ck_assert_int_gt(leak, 2);

	struct task *st = start_cmd("exec cat /proc/self/status");
	struct task *fds = start_cmd("exec ls /proc/self/fd");
	struct task *in = start_cmd("exec readlink /proc/self/fd/0");
	ck_assert(until(st, out_closed) && until(fds, out_closed) && until(in, out_closed));
	ck_assert_msg(has_line(st, "SigBlk:\\t0000000000000000"), "%s", line_with(st, "SigBlk"));
	ck_assert_msg(has_line(st, "SigIgn:\\t0000000000000000"), "%s", line_with(st, "SigIgn"));
	ck_assert_uint_eq(task_nlines(fds), 4);	/* 0 1 2, and ls's own 3 */
	ck_assert(has_line(fds, "0") && has_line(fds, "1") && has_line(fds, "2"));
	ck_assert_str_eq(task_line(in, 0), "/dev/null");
	close(leak);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
}
END_TEST

START_TEST(own_group_and_comm)
{
	struct pstat st;
	char want[64];
	struct task_spec spec = { .demo = "name", .name = "子进程1" };
	struct task *k = start_spec(&spec);
	ck_assert_str_eq(k->name, "子进程1");
	ck_assert(until(k, has_output));
	snprintf(want, sizeof want, "%d is running", (int)getpid());
	ck_assert_str_eq(task_line(k, 0), want);
	ck_assert_int_eq(signal_read_stat(k->pid, &st), 0);
	ck_assert_int_eq(st.pgrp, k->pid);
	ck_assert_int_eq(st.ppid, getpid());
	ck_assert_str_eq(st.comm, "子进程1");
	ck_assert_int_eq(tasks_end_all(ts, 2.0), 1);
	ck_assert_int_eq(k->state, TASK_JOINED);
	ck_assert_int_eq(k->exitcode, -15);
	ck_assert_int_eq(proc_state(k->pid, k->start), 0);
}
END_TEST

START_TEST(default_names_count_like_python)
{
	char err[256];
	struct task_spec bad = { .demo = "nope" }, empty = { .command = "  " };
	ck_assert_int_eq(task_start(ts, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "unknown demo 'nope'");
	ck_assert_int_eq(task_start(ts, &empty, err, sizeof err), -1);
	ck_assert_str_eq(err, "no command to run");
	bad.demo = "\x1b[2J";
	ck_assert_int_eq(task_start(ts, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "unknown demo '\\e[2J'");
	ck_assert_uint_eq(tasks_count(ts), 0);

	struct task_spec named = { .command = "exit 0", .name = "work\x1b" };
	ck_assert_str_eq(start_cmd("exit 0")->name, "Process-1");
	ck_assert_str_eq(start_cmd("exit 0")->name, "Process-2");
	struct task *k = start_spec(&named);
	ck_assert_str_eq(k->name, "work\\e");
	ck_assert_int_eq(k->id, 3);
	ck_assert_str_eq(start_cmd("exit 0")->name, "Process-4");
	ck_assert_uint_eq(tasks_count(ts), 4);
	ck_assert_ptr_null(tasks_get(ts, 4));
}
END_TEST

START_TEST(join_refuses_a_running_task)
{
	char err[256];
	char *kw[] = { "n=30", NULL };
	struct task *k = start_demo("sleeper", NULL, kw);
	ck_assert_int_eq(task_join(ts, k, 0, err, sizeof err), -1);
	ck_assert_str_eq(err + strlen(err) - strlen("is still running"), "is still running");
	ck_assert_int_eq(k->state, TASK_RUNNING);
}
END_TEST

START_TEST(end_all_and_join_all)
{
	char *kw[] = { "n=30", NULL };
	struct task *a = start_demo("sleeper", NULL, kw), *b = start_demo("sleeper", NULL, kw);
	struct task *c = start_cmd("exit 4");
	ck_assert(until(c, is_exited));
	ck_assert_int_eq(tasks_join_all_exited(ts), 1);
	ck_assert_int_eq(c->state, TASK_JOINED);
	ck_assert_int_eq(tasks_join_all_exited(ts), 0);
	ck_assert_int_eq(tasks_end_all(ts, 2.0), 2);
	ck_assert_int_eq(a->state, TASK_JOINED);
	ck_assert_int_eq(b->state, TASK_JOINED);
	ck_assert_int_eq(a->exitcode, -15);
	ck_assert_int_eq(b->exitcode, -15);
	ck_assert_int_eq(c->exitcode, 4);
	ck_assert_uint_eq(count_events(EV_JOIN), 3);
	ck_assert_ptr_nonnull(find_event(EV_SIGNAL, "SIGTERM sent to"));
	ck_assert_int_eq(tasks_end_all(ts, 1.0), 0);
}
END_TEST

/* The children of the task (ppid = its pid), up to max, with their start times. */
static size_t children_of(int ppid, int *pids, unsigned long long *starts, size_t max)
{
	size_t n = 0;
	DIR *d = opendir("/proc");
	struct dirent *e;
	struct pstat st;
	while (d && n < max && (e = readdir(d))) {
		int pid = atoi(e->d_name);
		if (pid > 1 && signal_read_stat(pid, &st) == 0 && st.ppid == ppid &&
		    st.state != 'Z') {
			pids[n] = pid;
			starts[n++] = st.start;
		}
	}
	if (d)
		closedir(d);
	return n;
}

START_TEST(end_all_ends_the_tasks_children_too)
{
	struct task *k = start_cmd("sleep 300 & sleep 300 & wait");
	int kids[4];
	unsigned long long starts[4];
	double end = mono() + DEADLINE;
	while (children_of(k->pid, kids, starts, 4) < 2 && mono() < end)
		turn(0.05);
	ck_assert_uint_eq(children_of(k->pid, kids, starts, 4), 2);
	ck_assert_int_eq(tasks_end_all(ts, 2.0), 1);
	ck_assert_int_eq(k->state, TASK_JOINED);
	ck_assert_int_eq(k->exitcode, -15);
	/* Not orphans left running: gone, or a zombie waiting for init. */
	for (int i = 0; i < 2; i++) {
		char st = proc_state(kids[i], starts[i]);
		ck_assert_msg(st == 0 || st == 'Z', "child %d of the task is still there (%c)",
			      kids[i], st);
	}
	ck_assert_ptr_nonnull(find_event(EV_SIGNAL, "and its 2 descendants"));
}
END_TEST

START_TEST(free_ends_daemonic_and_leaves_others)
{
	char msg[256];
	char *kw[] = { "n=30", NULL };
	struct task_spec d = { .demo = "sleeper", .kwargs = kw, .daemon = true };
	struct task *dk = start_spec(&d), *plain = start_demo("sleeper", NULL, kw);
	struct task *done = start_cmd("exit 0");
	ck_assert(until(done, is_exited) && until(dk, has_output) && until(plain, has_output));
	int dpid = dk->pid, ppid = plain->pid, xpid = done->pid;
	unsigned long long dstart = dk->start, pstart = plain->start, xstart = done->start;
	tasks_free(ts);
	ts = NULL;
	ck_assert_int_eq(proc_state(dpid, dstart), 0);	/* daemonic: ended and reaped */
	ck_assert_int_eq(proc_state(xpid, xstart), 0);	/* exited: reaped */
	char s = proc_state(ppid, pstart);
	ck_assert(s == 'S' || s == 'R');		/* non-daemonic: left running */
	ck_assert_int_eq(signal_send(ppid, pstart, SIGKILL, msg, sizeof msg), 0);
	siginfo_t si;
	ck_assert_int_eq(waitid(P_PID, (id_t)ppid, &si, WEXITED), 0);
	ck_assert_int_eq(si.si_status, SIGKILL);
}
END_TEST

/* A stand-in forktop that starts a daemonic and a plain task, reports their identities
 * and dies without any cleanup. */
struct ident {
	int pid;
	unsigned long long start;
};

static void orphaning_parent(int wfd) __attribute__((noreturn));
static void orphaning_parent(int wfd)
{
	char err[256];
	char *kw[] = { "n=30", NULL };
	struct task_spec d = { .demo = "sleeper", .kwargs = kw, .daemon = true };
	struct task_spec p = { .demo = "sleeper", .kwargs = kw };
	struct ident id[2] = { { 0, 0 }, { 0, 0 } };
	tasks_t *t = tasks_new(NULL);
	int a = task_start(t, &d, err, sizeof err), b = task_start(t, &p, err, sizeof err);
	/* Wait for their first lines: a write after this parent is gone would be SIGPIPE. */
	double end = mono() + DEADLINE;
	while (a >= 0 && b >= 0 && mono() < end && (!task_nlines(tasks_get(t, (size_t)a)) ||
						     !task_nlines(tasks_get(t, (size_t)b)))) {
		struct pollfd fds[4];
		size_t n = tasks_pollfds(t, fds, 4);
		if (poll(fds, n, 50) > 0)
			tasks_handle(t, fds, n);
	}
	if (a >= 0 && b >= 0) {
		id[0] = (struct ident){ tasks_get(t, (size_t)a)->pid, tasks_get(t, (size_t)a)->start };
		id[1] = (struct ident){ tasks_get(t, (size_t)b)->pid, tasks_get(t, (size_t)b)->start };
	}
	ssize_t r = write(wfd, id, sizeof id);
	_exit(r == (ssize_t)sizeof id ? 0 : 1);
}

START_TEST(daemonic_task_dies_with_its_parent)
{
	int fd[2], status;
	struct ident id[2];
	char msg[256];
	ck_assert_int_eq(pipe(fd), 0);
	pid_t helper = fork();
	ck_assert_int_ge(helper, 0);
	if (helper == 0)
		orphaning_parent(fd[1]);
	close(fd[1]);
	ck_assert_int_eq(read(fd[0], id, sizeof id), (ssize_t)sizeof id);
	ck_assert_int_eq(waitpid(helper, &status, 0), helper);
	ck_assert(id[0].pid > 0 && id[1].pid > 0);
	/* The daemonic task gets SIGTERM when its parent dies (it may be gone already). */
	int dfd = signal_pidfd(id[0].pid, id[0].start, msg, sizeof msg);
	if (dfd >= 0) {
		struct pollfd p = { .fd = dfd, .events = POLLIN };
		ck_assert_int_eq(poll(&p, 1, (int)(DEADLINE * 1000)), 1);
		close(dfd);
	}
	/* The plain task outlives its parent (until its next write: SIGPIPE). */
	int pfd = signal_pidfd(id[1].pid, id[1].start, msg, sizeof msg);
	ck_assert_msg(pfd >= 0, "%s", msg);
	struct pollfd p = { .fd = pfd, .events = POLLIN };
	ck_assert_int_eq(poll(&p, 1, 0), 0);
	close(pfd);
	ck_assert_int_eq(signal_send(id[1].pid, id[1].start, SIGKILL, msg, sizeof msg), 0);
}
END_TEST

START_TEST(daemonic_demo_may_not_have_children)
{
	char *kw[] = { "child=1", NULL };
	struct task_spec d = { .demo = "daemon", .kwargs = kw, .daemon = true };
	struct task *k = start_spec(&d);
	ck_assert(until(k, is_exited));
	ck_assert(until(k, out_closed));
	ck_assert_int_eq(k->exitcode, 1);
	ck_assert_str_eq(task_line(k, 0), "Process Process-1:");	/* Python's traceback */
	ck_assert(has_line(k, "AssertionError: daemonic processes are not allowed to have "
			      "children"));
	ck_assert_str_eq(find_event(EV_START, NULL)->python,
			 "p = Process(target=daemon, kwargs={'child': 1}, daemon=True); "
			 "p.start()");
}
END_TEST

/* A daemonic command may fork and exec, as a daemonic process may in Python (only a
 * multiprocessing child is refused, which a demo shows). */
START_TEST(daemonic_command_may_fork)
{
	struct task_spec d = { .command = "sleep 0.1; echo hi", .daemon = true };
	struct task *k = start_spec(&d);
	ck_assert(until(k, is_exited) && until(k, out_closed));
	ck_assert_msg(has_line(k, "hi"), "%s", task_line(k, 0) ? task_line(k, 0) : "(no output)");
	ck_assert_int_eq(k->exitcode, 0);
}
END_TEST

static char self_exe[4096];

/* The test binary run as a daemonic command: a thread starts, and so does a child. */
START_TEST(daemonic_command_has_threads_and_children)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "exec '%s' thread-probe", self_exe);
	struct task_spec d = { .command = cmd, .daemon = true };
	struct task *k = start_spec(&d);
	ck_assert(until(k, is_exited) && until(k, out_closed));
	ck_assert_msg(has_line(k, "thread ok"), "%s", task_line(k, 0) ? task_line(k, 0) : "-");
	ck_assert(has_line(k, "fork ok: 1"));
	ck_assert_int_eq(k->exitcode, 0);
}
END_TEST

static Suite *spawn_suite(void)
{
	Suite *s = suite_create("spawn");
	TCase *tc = tcase_create("spawn");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, spawn_setup, spawn_teardown);
	tcase_add_test(tc, exit_code_and_zombie_until_join);
	tcase_add_test(tc, death_by_sigsegv);
	tcase_add_test(tc, sigterm_through_signal_send);
	tcase_add_test(tc, sigkill_through_signal_send);
	tcase_add_test(tc, normal_exit_with_output);
	tcase_add_test(tc, output_is_escaped);
	tcase_add_test(tc, long_lines_are_split);
	tcase_add_test(tc, long_lines_split_between_characters);
	tcase_add_test(tc, output_ring_keeps_the_newest);
	tcase_add_test(tc, output_is_bounded_in_bytes);
	tcase_add_test(tc, joined_task_keeps_its_last_lines);
	tcase_add_test(tc, output_beyond_the_ring_goes_to_the_log);
	tcase_add_test(tc, refuses_dangerous_targets);
	tcase_add_test(tc, refuses_own_process_group);
	tcase_add_test(tc, wrong_start_time_sends_nothing);
	tcase_add_test(tc, gone_after_join);
	tcase_add_test(tc, zombie_target_is_explained);
	tcase_add_test(tc, stopped_task_gets_sigcont_after_sigterm);
	tcase_add_test(tc, child_setup_is_clean);
	tcase_add_test(tc, own_group_and_comm);
	tcase_add_test(tc, default_names_count_like_python);
	tcase_add_test(tc, join_refuses_a_running_task);
	tcase_add_test(tc, end_all_and_join_all);
	tcase_add_test(tc, end_all_ends_the_tasks_children_too);
	tcase_add_test(tc, free_ends_daemonic_and_leaves_others);
	tcase_add_test(tc, daemonic_task_dies_with_its_parent);
	tcase_add_test(tc, daemonic_demo_may_not_have_children);
	tcase_add_test(tc, daemonic_command_may_fork);
	tcase_add_test(tc, daemonic_command_has_threads_and_children);
	suite_add_tcase(s, tc);
	return s;
}

static void *probe_thread(void *arg)
{
	(void)arg;
	puts("thread ok");
	return NULL;
}

/* Run as "test_spawn thread-probe" as a daemonic command. */
static int thread_probe(void)
{
	pthread_t th;
	int e = pthread_create(&th, NULL, probe_thread, NULL);
	if (e == 0)
		pthread_join(th, NULL);
	else
		printf("thread: %s\n", strerror(e));
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		printf("fork: %s\n", strerror(errno));
	else
		printf("fork ok: %d\n", waitpid(pid, NULL, 0) == pid);
	fflush(stdout);
	/* No exit handlers: LeakSanitizer's would need a process of its own. */
	_exit(0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "thread-probe") == 0)
		return thread_probe();
	ssize_t n = readlink("/proc/self/exe", self_exe, sizeof self_exe - 1);
	self_exe[n > 0 ? n : 0] = '\0';
	return unit_run(spawn_suite());
}
