/* test_task.c - unit tests for the pure parts of tasks: exit codes and states as words,
 * argument reprs, the kwargs parser, signal names, the event ring, the demo list. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demos.h"
#include "events.h"
#include "signals.h"
#include "task.h"
#include "unit.h"

static struct task fake(enum task_state state, int exitcode, bool core)
{
	struct task k;
	memset(&k, 0, sizeof k);
	k.state = state;
	k.exitcode = exitcode;
	k.core_dumped = core;
	return k;
}

START_TEST(exitcode_from_siginfo)
{
	ck_assert_int_eq(task_exitcode_from(CLD_EXITED, 0), 0);
	ck_assert_int_eq(task_exitcode_from(CLD_EXITED, 3), 3);
	ck_assert_int_eq(task_exitcode_from(CLD_EXITED, 255), 255);
	ck_assert_int_eq(task_exitcode_from(CLD_KILLED, SIGTERM), -15);
	ck_assert_int_eq(task_exitcode_from(CLD_KILLED, SIGKILL), -9);
	ck_assert_int_eq(task_exitcode_from(CLD_DUMPED, SIGSEGV), -11);
}
END_TEST

START_TEST(exitcode_words)
{
	char buf[64];
	struct task k = fake(TASK_RUNNING, 0, false);
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "");
	k = fake(TASK_STOPPED, 0, false);
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "");
	k = fake(TASK_EXITED, 0, false);
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "0");
	k = fake(TASK_JOINED, 3, false);
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "3");
	k = fake(TASK_EXITED, -15, false);
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "-15 SIGTERM");
	k = fake(TASK_JOINED, -11, true);
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "-11 SIGSEGV (core dumped)");
	k = fake(TASK_DAEMONIZED, 0, false);
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(state_words_utf8)
{
	char buf[64];
	struct task k = fake(TASK_RUNNING, 0, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "● running");
	k = fake(TASK_STOPPED, 0, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "■ stopped");
	k = fake(TASK_EXITED, 3, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "Z exited 3, not joined");
	k = fake(TASK_JOINED, 0, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "✓ joined 0");
	k = fake(TASK_JOINED, -15, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "✗ -15 SIGTERM");
	k = fake(TASK_JOINED, 3, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "✗ joined 3");
	k = fake(TASK_DAEMONIZED, 0, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "⇱ daemonized");
}
END_TEST

START_TEST(state_words_ascii)
{
	char buf[64];
	enum task_state states[] = { TASK_RUNNING, TASK_STOPPED, TASK_EXITED, TASK_JOINED,
				     TASK_JOINED, TASK_DAEMONIZED };
	int codes[] = { 0, 0, -9, 0, -9, 0 };
	const char *want[] = { "* running", "# stopped", "Z exited -9 SIGKILL, not joined",
			       "+ joined 0", "x -9 SIGKILL", "^ daemonized" };
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		struct task k = fake(states[i], codes[i], false);
		task_state_str(buf, sizeof buf, &k, false);
		ck_assert_str_eq(buf, want[i]);
		for (const char *p = buf; *p; p++)
			ck_assert_int_lt((unsigned char)*p, 0x80);
	}
}
END_TEST

START_TEST(state_words_truncate_safely)
{
	char buf[8];
	struct task k = fake(TASK_EXITED, -15, false);
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_uint_eq(strlen(buf), 7);
}
END_TEST

START_TEST(words_for_tasks_not_our_children)
{
	char buf[64];
	struct task k = fake(TASK_EXITED, 0, false);
	k.exit_unknown = true;
	task_exitcode_str(buf, sizeof buf, &k);
	ck_assert_str_eq(buf, "unknown (not our child)");
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "? ended, not joined");
	k.state = TASK_JOINED;
	task_state_str(buf, sizeof buf, &k, false);
	ck_assert_str_eq(buf, "? joined, code unknown");
	/* A detached one that forktop could reap (a subreaper) is an ordinary zombie. */
	k = fake(TASK_EXITED, 3, false);
	k.detached = true;
	task_state_str(buf, sizeof buf, &k, true);
	ck_assert_str_eq(buf, "Z exited 3, not joined");
}
END_TEST

START_TEST(str_repr_python)
{
	const char *in[] = { "worker", "3", "it's", "a'b\"c", "back\\slash", "子进程1",
			     "\x1b[2J", "" };
	const char *want[] = { "'worker'", "'3'", "\"it's\"", "'a\\'b\"c'",
			       "'back\\\\slash'", "'子进程1'", "'\\e[2J'", "''" };
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		char *r = task_str_repr(in[i]);
		ck_assert_str_eq(r, want[i]);
		free(r);
	}
}
END_TEST

/* Joins an argv as "[a|b|c]" to compare in one go. */
static void argv_is(const char *cmd, const char *want)
{
	char **v = task_simple_argv(cmd), got[256] = "";
	if (!v) {
		ck_assert_msg(want == NULL, "%s: needs the shell, want %s", cmd, want);
		return;
	}
	ck_assert_msg(want != NULL, "%s: simple, want the shell", cmd);
	strcat(got, "[");
	for (size_t i = 0; v[i]; i++) {
		strcat(got, i ? "|" : "");
		strcat(got, v[i]);
	}
	strcat(got, "]");
	ck_assert_str_eq(got, want);
	task_strv_free(v);
}

START_TEST(simple_commands_need_no_shell)
{
	argv_is("sleep 30", "[sleep|30]");
	argv_is("  /bin/true\t-x  ", "[/bin/true|-x]");
	argv_is("python3 -c \"print('a b')\"", "[python3|-c|print('a b')]");
	argv_is("sh -c 'sleep 1 & wait'", "[sh|-c|sleep 1 & wait]");
	argv_is("echo \"a\\\"b\\$c\" 'x\\y' a\\ b \"\"", "[echo|a\"b$c|x\\y|a b|]");
	argv_is("a=b", NULL);
	argv_is("env a=b prog", "[env|a=b|prog]");
	argv_is("exit 3", NULL);
	argv_is("\"cd\" /", NULL);
	argv_is("if true", NULL);
	argv_is("sleep 1; echo hi", NULL);
	argv_is("a | b", NULL);
	argv_is("a & b", NULL);
	argv_is("a > f", NULL);
	argv_is("echo $HOME", NULL);
	argv_is("echo \"$HOME\"", NULL);
	argv_is("echo `id`", NULL);
	argv_is("ls *.c", NULL);
	argv_is("ls ~", NULL);
	argv_is("echo 'open", NULL);
	argv_is("echo \\", NULL);
	argv_is("a\nb", NULL);
	argv_is("", NULL);
	argv_is("   ", NULL);
	argv_is(NULL, NULL);
}
END_TEST

START_TEST(default_log_directory)
{
	char buf[256];
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/home/u", 1);
	ck_assert_int_eq(tasks_default_logdir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/x/state/forktop/logs");
	setenv("XDG_STATE_HOME", "relative", 1);	/* invalid: ignored */
	ck_assert_int_eq(tasks_default_logdir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/home/u/.local/state/forktop/logs");
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	ck_assert_int_eq(tasks_default_logdir(buf, sizeof buf), 0);
	snprintf(buf + 128, 128, "/tmp/forktop-%u/logs", (unsigned)getuid());
	ck_assert_str_eq(buf, buf + 128);
	ck_assert_int_eq(tasks_default_logdir(buf, 8), -1);
}
END_TEST

START_TEST(kwargs_parse)
{
	char **kw, err[128];
	int n = task_parse_kwargs("n=3, name='a b',x=\"c,d\"  empty=", &kw, err, sizeof err);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(kw[0], "n=3");
	ck_assert_str_eq(kw[1], "name=a b");
	ck_assert_str_eq(kw[2], "x=c,d");
	ck_assert_str_eq(kw[3], "empty=");
	ck_assert_ptr_null(kw[4]);
	task_strv_free(kw);
}
END_TEST

START_TEST(kwargs_empty)
{
	char **kw, err[128];
	ck_assert_int_eq(task_parse_kwargs("", &kw, err, sizeof err), 0);
	ck_assert_ptr_nonnull(kw);
	ck_assert_ptr_null(kw[0]);
	task_strv_free(kw);
	ck_assert_int_eq(task_parse_kwargs(" , ,", &kw, err, sizeof err), 0);
	task_strv_free(kw);
	ck_assert_int_eq(task_parse_kwargs(NULL, &kw, err, sizeof err), 0);
	task_strv_free(kw);
	task_strv_free(NULL);
}
END_TEST

START_TEST(kwargs_errors)
{
	char **kw, err[128];
	ck_assert_int_eq(task_parse_kwargs("n=1 x", &kw, err, sizeof err), -1);
	ck_assert_ptr_null(kw);
	ck_assert_str_eq(err, "bad kwarg 'x': expected key=value");
	ck_assert_int_eq(task_parse_kwargs("1x=2", &kw, err, sizeof err), -1);
	ck_assert_str_eq(err, "bad kwarg '1x=2': the key must be an identifier");
	ck_assert_int_eq(task_parse_kwargs("=2", &kw, err, sizeof err), -1);
	ck_assert_int_eq(task_parse_kwargs("a='b c", &kw, err, sizeof err), -1);
	ck_assert_str_eq(err, "bad kwarg 'a='b c': unterminated quote");
	ck_assert_int_eq(task_parse_kwargs("a='b'c", &kw, err, sizeof err), -1);
	ck_assert_int_eq(task_parse_kwargs("a=1 b=2 a=3", &kw, err, sizeof err), -1);
	ck_assert_str_eq(err, "bad kwarg 'a': given twice");
	ck_assert_int_eq(task_parse_kwargs("n-1=2", &kw, err, sizeof err), -1);
}
END_TEST

START_TEST(kwargs_error_is_escaped)
{
	char **kw, err[128];
	ck_assert_int_eq(task_parse_kwargs("\x1b[31m", &kw, err, sizeof err), -1);
	ck_assert_str_eq(err, "bad kwarg '\\e[31m': expected key=value");
	ck_assert_ptr_null(strchr(err, 0x1b));
}
END_TEST

/* Parses in and checks it gives the values want (NULL-terminated) and this repr. */
static void args_give(const char *in, const char *const *want, const char *repr)
{
	char **v, err[160];
	int n = task_parse_args(in, &v, err, sizeof err);
	ck_assert_msg(n >= 0, "%s: %s", in, err);
	for (int i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(want[i]);
		ck_assert_str_eq(v[i], want[i]);
	}
	ck_assert_ptr_null(want[n]);
	ck_assert_ptr_null(v[n]);
	char *r = task_args_repr(v, NULL);
	ck_assert_str_eq(r, repr);
	free(r);
	task_strv_free(v);
}

START_TEST(args_parse_python_literals)
{
	args_give("'uxjob', 40", (const char *[]){ "uxjob", "40", NULL }, "args=('uxjob', 40)");
	args_give("('uxjob', 40)", (const char *[]){ "uxjob", "40", NULL },
		  "args=('uxjob', 40)");
	args_give(" ( \"a,b\" , -1.5e3 , ) ", (const char *[]){ "a,b", "-1.5e3", NULL },
		  "args=('a,b', -1.5e3)");
	args_give("'x',", (const char *[]){ "x", NULL }, "args=('x',)");
	args_give("True, False, None, +7, .5",
		  (const char *[]){ "True", "False", "None", "7", ".5", NULL },
		  "args=(True, False, None, 7, .5)");
	args_give("'子进程 1', 3", (const char *[]){ "子进程 1", "3", NULL },
		  "args=('子进程 1', 3)");
	args_give("\"it's\", 'say \"hi\"'", (const char *[]){ "it's", "say \"hi\"", NULL },
		  "args=(\"it's\", 'say \"hi\"')");
	args_give("'a\\'b', 'c\\\\d', '\\q'", (const char *[]){ "a'b", "c\\d", "\\q", NULL },
		  "args=(\"a'b\", 'c\\\\d', '\\\\q')");
	args_give("'\\x41\\u00e9\\U0001F600\\101'", (const char *[]){ "Aé😀A", NULL },
		  "args=('Aé😀A',)");
	args_give("'', \"\"", (const char *[]){ "", "", NULL }, "args=('', '')");
	args_give("", (const char *[]){ NULL }, "");
	args_give("  ", (const char *[]){ NULL }, "");
	args_give("()", (const char *[]){ NULL }, "");
	args_give(NULL, (const char *[]){ NULL }, "");
}
END_TEST

/* Parses in, expects -1 with a message holding want. */
static void args_refused(const char *in, const char *want)
{
	char **v = (char **)1, err[160];
	ck_assert_int_eq(task_parse_args(in, &v, err, sizeof err), -1);
	ck_assert_ptr_null(v);
	ck_assert_msg(strstr(err, want), "%s: \"%s\" lacks \"%s\"", in, err, want);
	ck_assert_ptr_null(strchr(err, 0x1b));
}

START_TEST(args_parse_errors)
{
	args_refused("'uxjob, 40", "args: the quote ' is not closed at \"'uxjob, 40\"");
	args_refused("\"abc", "the quote \" is not closed");
	args_refused("'a\\'", "is not closed");
	args_refused("uxjob, 40", "not a Python literal (quote text");
	args_refused("'a' 'b'", "expected a comma between args at \"'b'\"");
	args_refused("1 2", "expected a comma");
	args_refused("'a',,", "expected a value");
	args_refused(",", "expected a value");
	args_refused("('a'", "the ( is not closed at the end");
	args_refused("'a')", "an unmatched )");
	args_refused("('a'))", "text after the closing )");
	args_refused("1e", "not a Python literal");
	args_refused("inf", "not a Python literal");
	args_refused("12abc", "not a Python literal");
	args_refused("'\\x4'", "a bad escape");
	args_refused("'a\\0b'", "a NUL character cannot be passed");
	args_refused("'\\ud800'", "a character that cannot be passed");
	args_refused("'\x1b[31m", "\\e[31m");
}
END_TEST

START_TEST(args_repr_python)
{
	char *one[] = { "子进程1", NULL }, *two[] = { "子进程1", "3", NULL };
	char *kw[] = { "n=3", "name=Bob", NULL }, *none[] = { NULL };
	char *r = task_args_repr(one, NULL);
	ck_assert_str_eq(r, "args=('子进程1',)");
	free(r);
	r = task_args_repr(two, kw);
	ck_assert_str_eq(r, "args=('子进程1', 3), kwargs={'n': 3, 'name': 'Bob'}");
	free(r);
	r = task_args_repr(NULL, kw);
	ck_assert_str_eq(r, "kwargs={'n': 3, 'name': 'Bob'}");
	free(r);
	r = task_args_repr(none, none);
	ck_assert_str_eq(r, "");
	free(r);
	r = task_args_repr(NULL, NULL);
	ck_assert_str_eq(r, "");
	free(r);
}
END_TEST

START_TEST(args_repr_quotes_and_escapes)
{
	char *a[] = { "it's", "a'b\"c", "back\\slash", "\x1b]0;x\x07", "", "1e3", NULL };
	char *r = task_args_repr(a, NULL);
	ck_assert_str_eq(r, "args=(\"it's\", 'a\\'b\"c', 'back\\\\slash', '\\e]0;x\\x07', '', "
			    "1e3)");
	free(r);
}
END_TEST

START_TEST(signal_names)
{
	ck_assert_str_eq(signal_name(SIGTERM), "SIGTERM");
	ck_assert_str_eq(signal_name(SIGKILL), "SIGKILL");
	ck_assert_str_eq(signal_name(SIGHUP), "SIGHUP");
	ck_assert_str_eq(signal_name(SIGSEGV), "SIGSEGV");
	ck_assert_str_eq(signal_name(SIGSTOP), "SIGSTOP");
	ck_assert_str_eq(signal_name(SIGSYS), "SIGSYS");
	ck_assert_str_eq(signal_name(37), "SIG37");
	ck_assert_str_eq(signal_name(0), "SIG0");
	ck_assert_str_eq(signal_name(-3), "SIG?");
	ck_assert_str_eq(signal_name(1000), "SIG?");
	/* Two unnamed results stay distinct in one call. */
	char buf[32];
	snprintf(buf, sizeof buf, "%s %s", signal_name(40), signal_name(41));
	ck_assert_str_eq(buf, "SIG40 SIG41");
}
END_TEST

START_TEST(events_ring)
{
	events_t *ev = events_new(3);
	ck_assert_uint_eq(events_count(ev), 0);
	ck_assert_ptr_null(events_get(ev, 0));
	for (int i = 1; i <= 5; i++)
		events_add(ev, EV_INFO, NULL, "event %d", i);
	ck_assert_uint_eq(events_count(ev), 3);
	ck_assert_str_eq(events_get(ev, 0)->text, "event 3");
	ck_assert_str_eq(events_get(ev, 1)->text, "event 4");
	ck_assert_str_eq(events_get(ev, 2)->text, "event 5");
	ck_assert_ptr_null(events_get(ev, 3));
	ck_assert(events_get(ev, 2)->time >= events_get(ev, 0)->time);
	ck_assert(events_get(ev, 0)->time > 1e9);	/* wall clock */
	events_free(ev);
	events_free(NULL);
}
END_TEST

START_TEST(events_fields)
{
	events_t *ev = events_new(0);	/* capacity 0 still keeps the newest */
	events_add(ev, EV_JOIN, "p.join() → exitcode 0 after 3.01 s (100%)",
		   "%s pid %d: exitcode %d", "子进程1", 951, 0);
	ck_assert_uint_eq(events_count(ev), 1);
	const struct event *e = events_get(ev, 0);
	ck_assert_int_eq(e->kind, EV_JOIN);
	ck_assert_str_eq(e->text, "子进程1 pid 951: exitcode 0");
	ck_assert_str_eq(e->python, "p.join() → exitcode 0 after 3.01 s (100%)");
	events_add(ev, EV_MAIN, NULL, "主");
	ck_assert_ptr_null(events_get(ev, 0)->python);
	events_free(ev);
}
END_TEST

START_TEST(events_escape_forgotten_text)
{
	events_t *ev = events_new(4);
	events_add(ev, EV_ERROR, "\x1b[2J", "bad \x1b[31m%s\n", "\xc2\x9b" "1m");
	const struct event *e = events_get(ev, 0);
	ck_assert_str_eq(e->text, "bad \\e[31m\\x9b1m\\n");
	ck_assert_str_eq(e->python, "\\e[2J");
	/* Already escaped text is left as it is. */
	events_add(ev, EV_INFO, NULL, "%s", "a \\e b \\x9b 子");
	ck_assert_str_eq(events_get(ev, 1)->text, "a \\e b \\x9b 子");
	events_free(ev);
}
END_TEST

START_TEST(event_kind_names)
{
	ck_assert_str_eq(events_kind_name(EV_START), "start");
	ck_assert_str_eq(events_kind_name(EV_EXIT), "exit");
	ck_assert_str_eq(events_kind_name(EV_JOIN), "join");
	ck_assert_str_eq(events_kind_name(EV_SIGNAL), "signal");
	ck_assert_str_eq(events_kind_name(EV_REPARENT), "reparent");
	ck_assert_str_eq(events_kind_name(EV_DAEMONIZE), "daemonize");
	ck_assert_str_eq(events_kind_name(EV_RENAME), "rename");
	ck_assert_str_eq(events_kind_name(EV_REFUSED), "refused");
	ck_assert_str_eq(events_kind_name(EV_ERROR), "error");
	ck_assert_str_eq(events_kind_name(EV_MAIN), "main");
	ck_assert_str_eq(events_kind_name(EV_INFO), "info");
	ck_assert_str_eq(events_kind_name((enum event_kind)99), "?");
}
END_TEST

START_TEST(demo_list)
{
	size_t n;
	const struct demo_info *d = demos_list(&n);
	const char *want[] = { "sleeper", "subclass", "join-trio", "isolation", "pid", "name", "terminate",
			       "daemon", "spawner", "zombie", "cpu", "pipeline", "pool",
			       "command" };
	ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_eq(d[i].name, want[i]);
		ck_assert_uint_gt(strlen(d[i].summary), 10);
		ck_assert_ptr_eq(demos_find(want[i]), &d[i]);
	}
	ck_assert_ptr_null(demos_find("nope"));
	ck_assert_ptr_null(demos_find(NULL));
	ck_assert_int_eq(demos_isolation_n(), 100);
}
END_TEST

static Suite *task_suite(void)
{
	Suite *s = suite_create("task");
	TCase *tc = tcase_create("task");
	tcase_add_test(tc, exitcode_from_siginfo);
	tcase_add_test(tc, exitcode_words);
	tcase_add_test(tc, state_words_utf8);
	tcase_add_test(tc, state_words_ascii);
	tcase_add_test(tc, state_words_truncate_safely);
	tcase_add_test(tc, words_for_tasks_not_our_children);
	tcase_add_test(tc, str_repr_python);
	tcase_add_test(tc, simple_commands_need_no_shell);
	tcase_add_test(tc, default_log_directory);
	tcase_add_test(tc, kwargs_parse);
	tcase_add_test(tc, kwargs_empty);
	tcase_add_test(tc, kwargs_errors);
	tcase_add_test(tc, kwargs_error_is_escaped);
	tcase_add_test(tc, args_parse_python_literals);
	tcase_add_test(tc, args_parse_errors);
	tcase_add_test(tc, args_repr_python);
	tcase_add_test(tc, args_repr_quotes_and_escapes);
	tcase_add_test(tc, signal_names);
	tcase_add_test(tc, events_ring);
	tcase_add_test(tc, events_fields);
	tcase_add_test(tc, events_escape_forgotten_text);
	tcase_add_test(tc, event_kind_names);
	tcase_add_test(tc, demo_list);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(task_suite());
}
