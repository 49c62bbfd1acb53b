/* test_scenario.c - the demos end to end without a screen: forktop plays the lesson's
 * main process (scenario.c) over real tasks (demos.c), driven by a small loop. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spawn.h"
#include "unit.h"

/* The loop's part: poll with the scenario's deadline, handle, tick. */
static bool drive(scenario_t *s)
{
	double end = mono() + DEADLINE;
	while (!scenario_done(s)) {
		double now = mono(), wait = 0.05, d = scenario_deadline(s);
		if (now > end)
			return false;
		if (d > 0 && d - now < wait)
			wait = d > now ? d - now : 0;
		turn(wait);
		scenario_tick(s, mono());
	}
	return true;
}

static scenario_t *start_scenario(const char *demo, char **args, char **kwargs)
{
	char err[256];
	scenario_t *s = scenario_start_args(demo, args, kwargs, ts, ev, err, sizeof err);
	ck_assert_msg(s != NULL, "scenario_start %s: %s", demo, err);
	return s;
}

/* The i-th EV_MAIN event (what the lesson's main process printed), or NULL. */
static const struct event *main_line(size_t i)
{
	for (size_t j = 0; j < events_count(ev); j++) {
		const struct event *e = events_get(ev, j);
		if (e->kind == EV_MAIN && i-- == 0)
			return e;
	}
	return NULL;
}

/* The program's terminal (the console) holds exactly the lines python3 prints, in
 * order: want[] ends with NULL. Waits for them up to DEADLINE. */
static void console_is(const char *const *want)
{
	size_t n = 0;
	while (want[n])
		n++;
	double end = mono() + DEADLINE;
	while (tasks_console_count(ts) < n && mono() < end)
		turn(0.05);
	turn(0.1);	/* nothing more comes */
	for (size_t i = 0; i < n && i < tasks_console_count(ts); i++)
		ck_assert_str_eq(tasks_console_line(ts, i), want[i]);
	ck_assert_uint_eq(tasks_console_count(ts), n);
}

/* python3 m1.py: 主 / 子进程 is running / 子进程 is done; at its exit main joins. */
START_TEST(sleeper_main_goes_on)
{
	char *kw[] = { "n=0.3", NULL };
	scenario_t *s = start_scenario("sleeper", NULL, kw);
	ck_assert(!scenario_done(s));	/* main's exit joins its non-daemonic child */
	ck_assert_str_eq(main_line(0)->text, "主");
	ck_assert_str_eq(main_line(0)->python, "print('主')");
	struct task *k = tasks_get(ts, 0);
	ck_assert_str_eq(k->name, "Process-1");
	ck_assert_str_eq(k->args_repr, "args=('子进程',), kwargs={'n': 0.3}");
	ck_assert(until(k, has_output));
	ck_assert_str_eq(task_line(k, 0), "子进程 is running");
	ck_assert_ptr_nonnull(find_event(EV_INFO, "demo sleeper"));
	ck_assert_ptr_nonnull(find_event(EV_INFO, "the main process has ended"));
	ck_assert(drive(s));
	ck_assert_int_eq(k->state, TASK_JOINED);
	ck_assert_ptr_nonnull(find_event(EV_INFO, "the main process has exited"));
	console_is((const char *const[]){ "主", "子进程 is running", "子进程 is done", NULL });
	scenario_free(s);
}
END_TEST

/* Method 2, python3 m2.py: the subclass's run() prints self.name; joined before 主. */
START_TEST(subclass_joins_before_main)
{
	char *kw[] = { "n=0.3", NULL };
	scenario_t *s = start_scenario("subclass", NULL, kw);
	ck_assert(!scenario_done(s));
	ck_assert_ptr_null(main_line(0));
	ck_assert(drive(s));
	struct task *k = tasks_get(ts, 0);
	ck_assert_str_eq(k->name, "子进程");
	ck_assert_int_eq(k->state, TASK_JOINED);
	ck_assert_str_eq(main_line(0)->python, "print('主')");
	console_is((const char *const[]){ "子进程 is running", "子进程 is done", "主", NULL });
	scenario_free(s);
}
END_TEST

/* The interpreter's exit waits for main's time.sleep(1000): the name demo's main sleeps. */
START_TEST(main_sleeps_before_its_exit)
{
	scenario_t *s = start_scenario("name", NULL, NULL);
	double d = scenario_deadline(s);
	ck_assert(d > mono() + 900 && d < mono() + 1100);
	ck_assert_ptr_null(find_event(EV_INFO, "the main process has ended"));
	scenario_free(s);
}
END_TEST

START_TEST(join_trio_takes_three_seconds)
{
	scenario_t *s = start_scenario("join-trio", NULL, NULL);
	ck_assert_uint_eq(tasks_count(ts), 3);
	ck_assert(!scenario_done(s));
	ck_assert(drive(s));
	ck_assert_uint_eq(count_events(EV_JOIN), 3);
	for (size_t i = 0; i < 3; i++) {
		struct task *k = tasks_get(ts, i);
		char want[64];
		ck_assert_str_eq(k->target, "sleeper");	/* the lesson's task(name, n) */
		ck_assert_int_eq(k->state, TASK_JOINED);
		ck_assert_int_eq(k->exitcode, 0);
		snprintf(want, sizeof want, "子进程%zu is done", i + 1);
		ck_assert(until(k, out_closed));
		ck_assert(has_line(k, want));
	}
	const struct event *e = main_line(0);
	double took = 0;
	ck_assert_int_eq(sscanf(e->text, "主 %lf", &took), 1);
	ck_assert(took >= 2.9 && took < 5.0);
	ck_assert_str_eq(e->python, "print('主', (stop - start))");
	ck_assert_uint_eq(tasks_console_count(ts), 7);	/* 3 running, 3 done, 主 */
	ck_assert_str_eq(tasks_console_line(ts, 6), e->text);
	ck_assert_ptr_nonnull(find_event(EV_INFO, "one after another would take 6 s"));
	scenario_free(s);
}
END_TEST

/* Children inherit the main process's authkey: one key for forktop's session. */
START_TEST(tasks_share_the_main_authkey)
{
	static const unsigned char zero[TASK_AUTHKEY_LEN];
	scenario_t *s = start_scenario("join-trio", NULL, NULL);
	ck_assert_uint_eq(tasks_count(ts), 3);
	const unsigned char *key = tasks_get(ts, 0)->authkey;
	ck_assert(memcmp(key, zero, sizeof zero) != 0);
	for (size_t i = 1; i < 3; i++)
		ck_assert(memcmp(tasks_get(ts, i)->authkey, key, sizeof zero) == 0);
	scenario_free(s);
}
END_TEST

START_TEST(isolation_keeps_main_n)
{
	char want[64];
	scenario_t *s = start_scenario("isolation", NULL, NULL);
	ck_assert(drive(s));
	struct task *k = tasks_get(ts, 0);
	ck_assert(until(k, out_closed));
	ck_assert_uint_eq(task_nlines(k), 0);	/* the lesson's task prints nothing */
	ck_assert_str_eq(main_line(0)->text, "主 100");
	console_is((const char *const[]){ "主 100", NULL });
	snprintf(want, sizeof want, "主 pid=%d n=100; child %d had n=0", (int)getpid(), k->pid);
	ck_assert_ptr_nonnull(find_event(EV_INFO, want));
	scenario_free(s);
}
END_TEST

START_TEST(pid_and_ppid)
{
	char want[64];
	scenario_t *s = start_scenario("pid", NULL, NULL);
	snprintf(want, sizeof want, "主 %d %d", (int)getpid(), (int)getppid());
	ck_assert_str_eq(main_line(0)->text, want);
	struct task *k = tasks_get(ts, 0);
	ck_assert(until(k, has_output));
	char child[64];
	snprintf(child, sizeof child, "子进程[%d]  父进程<%d>", k->pid, (int)getpid());
	ck_assert_str_eq(task_line(k, 0), child);
	console_is((const char *const[]){ want, child, NULL });
	scenario_free(s);
}
END_TEST

START_TEST(name_is_printed_by_main)
{
	scenario_t *s = start_scenario("name", NULL, NULL);
	ck_assert_str_eq(main_line(0)->text, "子进程1");
	ck_assert_str_eq(main_line(0)->python, "print(p.name)");
	ck_assert_str_eq(main_line(1)->text, "主");
	ck_assert_str_eq(tasks_get(ts, 0)->name, "子进程1");
	char child[64];
	snprintf(child, sizeof child, "%d is running", (int)getpid());
	console_is((const char *const[]){ "子进程1", "主", child, NULL });
	scenario_free(s);
}
END_TEST

START_TEST(terminate_then_is_alive)
{
	scenario_t *s = start_scenario("terminate", NULL, NULL);
	ck_assert(scenario_deadline(s) > 0);
	ck_assert_ptr_nonnull(find_event(EV_SIGNAL, "SIGTERM sent to"));
	/* Right after terminate() it is a race (True 200/200 in the research notes): told
	 * in the event log, not printed. */
	ck_assert_ptr_nonnull(find_event(EV_INFO, "right after p.terminate()"));
	ck_assert(drive(s));
	ck_assert_str_eq(main_line(0)->text, "False");
	ck_assert_str_eq(main_line(1)->text, "主");
	ck_assert_ptr_null(main_line(2));
	ck_assert_ptr_nonnull(find_event(EV_INFO, "p.exitcode → -15"));
	console_is((const char *const[]){ "False", "主", NULL });
	ck_assert_int_eq(tasks_get(ts, 0)->state, TASK_JOINED);
	ck_assert_int_eq(tasks_get(ts, 0)->exitcode, -15);
	ck_assert_double_eq(scenario_deadline(s), 0);
	scenario_free(s);
}
END_TEST

START_TEST(daemon_demo)
{
	scenario_t *s = start_scenario("daemon", NULL, NULL);
	ck_assert_str_eq(main_line(0)->text, "主");
	ck_assert(drive(s));
	struct task *keeper = tasks_get(ts, 0), *forker = tasks_get(ts, 1);
	ck_assert(keeper->daemon && forker->daemon);
	/* At main's exit, multiprocessing's atexit terminates the daemonic child. */
	ck_assert_int_eq(keeper->state, TASK_JOINED);
	ck_assert_int_eq(keeper->exitcode, -15);
	ck_assert_ptr_nonnull(find_event(EV_SIGNAL, "daemonic, it ends with the main process"));
	ck_assert_int_eq(forker->state, TASK_JOINED);
	ck_assert_int_eq(forker->exitcode, 1);
	ck_assert(until(forker, out_closed));
	/* python3 daemon.py, but for the script's path */
	console_is((const char *const[]){ "主", "守护进程 is running", "Process 守护进程2:",
		"Traceback (most recent call last):",
		"  File \"/usr/lib/python3.11/multiprocessing/process.py\", line 314, in _bootstrap",
		"    self.run()",
		"  File \"/usr/lib/python3.11/multiprocessing/process.py\", line 108, in run",
		"    self._target(*self._args, **self._kwargs)",
		"  File \"daemon.py\", line 11, in spawn",
		"    c.start()",
		"  File \"/usr/lib/python3.11/multiprocessing/process.py\", line 118, in start",
		"    assert not _current_process._config.get('daemon'), \\",
		"AssertionError: daemonic processes are not allowed to have children", NULL });
	scenario_free(s);
}
END_TEST

START_TEST(spawner_children_are_orphaned)
{
	char msg[256];
	char *kw[] = { "n=30", NULL };
	scenario_t *s = start_scenario("spawner", NULL, kw);
	struct task *k = tasks_get(ts, 0);
	double end = mono() + DEADLINE;
	while (task_nlines(k) < 3 && mono() < end)
		turn(0.05);
	const char *l1 = line_with(k, "Process-1:1 pid="), *l2 = line_with(k, "Process-1:2 pid=");
	ck_assert(l1 && l2);
	int kids[2], ppid;
	ck_assert_int_eq(sscanf(l1, "Process-1:1 pid=%d ppid=%d", &kids[0], &ppid), 2);
	ck_assert_int_eq(ppid, k->pid);
	ck_assert_int_eq(sscanf(l2, "Process-1:2 pid=%d", &kids[1]), 1);
	struct pstat st[2];
	ck_assert(signal_read_stat(kids[0], &st[0]) == 0 && signal_read_stat(kids[1], &st[1]) == 0);
	ck_assert_int_eq(st[0].pgrp, k->pid);	/* the task's group, not ours */

	ck_assert_int_eq(signal_send(k->pid, k->start, SIGTERM, msg, sizeof msg), 0);
	ck_assert(until(k, is_exited));
	for (int i = 0; i < 2; i++) {
		struct pstat now;
		ck_assert_int_eq(signal_read_stat(kids[i], &now), 0);	/* still running */
		ck_assert_uint_eq(now.start, st[i].start);
		ck_assert_int_ne(now.ppid, k->pid);	/* re-parented */
		ck_assert_int_eq(signal_send(kids[i], st[i].start, SIGKILL, msg, sizeof msg), 0);
	}
	scenario_free(s);
}
END_TEST

START_TEST(zombie_child_shows_z)
{
	char *kw[] = { "n=30", NULL };
	int child = 0;
	scenario_t *s = start_scenario("zombie", NULL, kw);
	struct task *k = tasks_get(ts, 0);
	double end = mono() + DEADLINE;
	const char *l = NULL;
	while (!(l = line_with(k, "never waits for its child")) && mono() < end)
		turn(0.05);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(sscanf(strstr(l, "its child "), "its child %d", &child), 1);
	struct pstat st = { 0 };
	while ((signal_read_stat(child, &st) < 0 || st.state != 'Z') && mono() < end)
		turn(0.05);
	ck_assert_int_eq(st.state, 'Z');
	ck_assert_int_eq(st.ppid, k->pid);
	scenario_free(s);
}
END_TEST

START_TEST(cpu_workers)
{
	char *kw[] = { "n=2", "s=0.3", NULL };
	scenario_t *s = start_scenario("cpu", NULL, kw);
	ck_assert_uint_eq(tasks_count(ts), 2);
	/* The same work for each: s seconds' worth of iterations, measured by forktop. */
	const char *repr = tasks_get(ts, 0)->args_repr;
	ck_assert_msg(strncmp(repr, "kwargs={'m': ", 13) == 0, "args: %s", repr);
	ck_assert_str_eq(tasks_get(ts, 1)->args_repr, repr);
	ck_assert(drive(s));
	for (size_t i = 0; i < 2; i++) {
		struct task *k = tasks_get(ts, i);
		ck_assert_int_eq(k->exitcode, 0);
		ck_assert(until(k, out_closed));
		ck_assert_ptr_nonnull(line_with(k, "million iterations in"));
	}
	double took = 0;
	ck_assert_int_eq(sscanf(main_line(0)->text, "主 %lf", &took), 1);
	ck_assert(took >= 0.1 && took < 10);
	ck_assert_uint_eq(tasks_count(ts), 2);	/* n=2: one round */
	scenario_free(s);
}
END_TEST

/* Without n: one worker per core, then twice as many with the same work each (how much
 * longer the second round takes depends on what else runs: not asserted here). */
START_TEST(cpu_two_rounds)
{
	char *kw[] = { "s=0.6", NULL };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	scenario_t *s = start_scenario("cpu", NULL, kw);
	ck_assert_uint_eq(tasks_count(ts), (size_t)cores);
	ck_assert(drive(s));
	ck_assert_uint_eq(tasks_count(ts), (size_t)(3 * cores));
	double first = 0, second = 0;
	ck_assert_int_eq(sscanf(main_line(0)->text, "主 %lf", &first), 1);
	ck_assert_int_eq(sscanf(main_line(1)->text, "主 %lf", &second), 1);
	ck_assert(first > 0 && second > 0);
	for (size_t i = 0; i < tasks_count(ts); i++) {	/* the same work for every worker */
		ck_assert_int_eq(tasks_get(ts, i)->exitcode, 0);
		ck_assert_str_eq(tasks_get(ts, i)->args_repr, tasks_get(ts, 0)->args_repr);
	}
	scenario_free(s);
}
END_TEST

START_TEST(pipeline_passes_items)
{
	char *kw[] = { "delay=0.01", NULL };
	scenario_t *s = start_scenario("pipeline", NULL, kw);
	ck_assert(drive(s));
	struct task *k = tasks_get(ts, 0);
	ck_assert_int_eq(k->exitcode, 0);
	ck_assert(until(k, out_closed));
	ck_assert(has_line(k, "produced item 1") && has_line(k, "produced item 10"));
	ck_assert(has_line(k, "consumed item 1") && has_line(k, "consumed item 10"));
	ck_assert_ptr_nonnull(line_with(k, "producer done; consumer pid "));
	ck_assert_ptr_nonnull(line_with(k, "exited 0"));
	scenario_free(s);
}
END_TEST

START_TEST(pool_drains_the_queue)
{
	char *kw[] = { "t=0.02", NULL };
	int seen[13] = { 0 };
	scenario_t *s = start_scenario("pool", NULL, kw);
	ck_assert(drive(s));
	struct task *k = tasks_get(ts, 0);
	ck_assert_int_eq(k->exitcode, 0);
	ck_assert(until(k, out_closed));
	ck_assert(has_line(k, "pool done: 12 jobs by 4 workers"));
	for (size_t i = 0; i < task_nlines(k); i++) {
		int w, j;
		if (sscanf(task_line(k, i), "ForkPoolWorker-%d: job %d", &w, &j) == 2) {
			ck_assert(w >= 1 && w <= 4 && j >= 1 && j <= 12);
			seen[j]++;
		}
	}
	for (int j = 1; j <= 12; j++)
		ck_assert_int_eq(seen[j], 1);
	scenario_free(s);
}
END_TEST

START_TEST(command_and_errors)
{
	char err[256];
	char *args[] = { "echo hi", NULL };
	ck_assert_ptr_null(scenario_start("nope\x1b", ts, ev, err, sizeof err));
	ck_assert_str_eq(err, "unknown demo 'nope\\e'");
	ck_assert_ptr_null(scenario_start("command", ts, ev, err, sizeof err));
	ck_assert_str_eq(err, "the command demo needs a command line");
	ck_assert_uint_eq(tasks_count(ts), 0);
	scenario_t *s = start_scenario("command", args, NULL);
	ck_assert(scenario_done(s));
	struct task *k = tasks_get(ts, 0);
	ck_assert_str_eq(k->target, "echo hi");
	ck_assert(until(k, out_closed));
	ck_assert_str_eq(task_line(k, 0), "hi");
	scenario_free(s);
	scenario_free(NULL);
	ck_assert(scenario_done(NULL));
}
END_TEST

START_TEST(user_join_does_not_confuse_the_scenario)
{
	char err[256];
	scenario_t *s = start_scenario("join-trio", NULL, NULL);
	struct task *first = tasks_get(ts, 0);
	ck_assert(until(first, is_exited));
	ck_assert_int_eq(task_join(ts, first, 0, err, sizeof err), 0);	/* the user's j */
	ck_assert(drive(s));
	ck_assert_uint_eq(count_events(EV_JOIN), 3);
	ck_assert_ptr_nonnull(main_line(0));
	scenario_free(s);
}
END_TEST

/* The trio's children answer requests while they sleep; a daemonized one is not waited
 * for (it is no longer the main process's child), and the demo still ends. */
START_TEST(trio_children_answer_requests)
{
	char err[256];
	scenario_t *s = start_scenario("join-trio", NULL, NULL);
	struct task *two = tasks_get(ts, 1), *three = tasks_get(ts, 2);
	ck_assert(until(two, has_output) && until(three, has_output));
	ck_assert_int_eq(task_rename(ts, three, "trio-3", err, sizeof err), 0);
	ck_assert_int_eq(task_daemonize(ts, two, err, sizeof err), 0);
	ck_assert(comm_becomes(three, "trio-3"));
	ck_assert(until(two, is_daemonized) || two->exit_unknown);
	ck_assert(drive(s));
	ck_assert_ptr_nonnull(main_line(0));
	ck_assert_int_eq(tasks_get(ts, 0)->state, TASK_JOINED);
	ck_assert_int_eq(three->state, TASK_JOINED);
	ck_assert_int_eq(three->exitcode, 0);
	ck_assert(two->detached);
	ck_assert(two->state == TASK_DAEMONIZED || two->exit_unknown);
	ck_assert(until(two, is_exited) || two->state == TASK_JOINED);
	ck_assert(two->exit_unknown);
	scenario_free(s);
}
END_TEST

static Suite *scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("scenario");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, spawn_setup, spawn_teardown);
	tcase_add_test(tc, sleeper_main_goes_on);
	tcase_add_test(tc, subclass_joins_before_main);
	tcase_add_test(tc, main_sleeps_before_its_exit);
	tcase_add_test(tc, join_trio_takes_three_seconds);
	tcase_add_test(tc, tasks_share_the_main_authkey);
	tcase_add_test(tc, isolation_keeps_main_n);
	tcase_add_test(tc, pid_and_ppid);
	tcase_add_test(tc, name_is_printed_by_main);
	tcase_add_test(tc, terminate_then_is_alive);
	tcase_add_test(tc, daemon_demo);
	tcase_add_test(tc, spawner_children_are_orphaned);
	tcase_add_test(tc, zombie_child_shows_z);
	tcase_add_test(tc, cpu_workers);
	tcase_add_test(tc, cpu_two_rounds);
	tcase_add_test(tc, pipeline_passes_items);
	tcase_add_test(tc, pool_drains_the_queue);
	tcase_add_test(tc, command_and_errors);
	tcase_add_test(tc, user_join_does_not_confuse_the_scenario);
	tcase_add_test(tc, trio_children_answer_requests);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(scenario_suite());
}
