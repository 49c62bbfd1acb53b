/* test_form.c - the New-task dialog's checks: what is refused (and why, in words the
 * dialog shows) and the task_spec a valid form becomes. Nothing is started. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "unit.h"

static struct new_form form(const char *target, const char *count)
{
	return (struct new_form){ .target = target, .command = "", .args = "", .kwargs = "",
		.name = "", .count = count };
}

static void refused(const struct new_form *f, const char *want)
{
	struct task_spec spec;
	int count = -7;
	char err[256] = "";
	ck_assert_int_eq(form_parse(f, &spec, &count, err, sizeof err), -1);
	ck_assert_msg(strstr(err, want) != NULL, "error '%s' lacks '%s'", err, want);
	ck_assert_int_eq(count, -7);	/* untouched: nothing to start */
}

START_TEST(count_bounds)
{
	struct new_form f = form("sleeper", "0");
	refused(&f, "count must be a number from 1 to 1000");
	f.count = "1001";
	refused(&f, "from 1 to 1000");
	f.count = "abc";
	refused(&f, "from 1 to 1000");
	f.count = "";
	refused(&f, "from 1 to 1000");
	f.count = "-3";
	refused(&f, "from 1 to 1000");
	f.count = "99999999999999999999";
	refused(&f, "from 1 to 1000");
}
END_TEST

START_TEST(count_accepted)
{
	struct task_spec spec;
	int count;
	char err[256];
	struct new_form f = form("sleeper", "1000");
	ck_assert_int_eq(form_parse(&f, &spec, &count, err, sizeof err), 0);
	ck_assert_int_eq(count, 1000);
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
	f.count = " 3 ";
	ck_assert_int_eq(form_parse(&f, &spec, &count, err, sizeof err), 0);
	ck_assert_int_eq(count, 3);
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
}
END_TEST

START_TEST(unknown_demo_and_empty_command)
{
	struct new_form f = form("fork-bombz", "1");
	refused(&f, "unknown demo 'fork-bombz'");
	f.target = "";
	refused(&f, "unknown demo");
	f.target = "command";
	refused(&f, "type a command line");
	f.command = "   ";
	refused(&f, "type a command line");
}
END_TEST

START_TEST(bad_kwargs_refused)
{
	struct new_form f = form("sleeper", "1");
	f.kwargs = "n";
	refused(&f, "bad kwarg");
	f.kwargs = "1x=3";
	refused(&f, "bad kwarg");
}
END_TEST

START_TEST(detached_rules)
{
	struct new_form f = form("sleeper", "1");
	f.detached = true;
	refused(&f, "only a command can start detached");
	f.target = "command";
	f.command = "sleep 5";
	f.daemon = true;
	refused(&f, "choose one");
}
END_TEST

START_TEST(unclosed_quote_in_args)
{
	struct new_form f = form("sleeper", "1");
	f.args = "'子进程1";
	refused(&f, "args: the quote ' is not closed");
}
END_TEST

START_TEST(valid_demo_form)
{
	struct task_spec spec;
	int count;
	char err[256];
	struct new_form f = form("sleeper", "2");
	f.args = " ('子进程 1',  5) ";
	f.kwargs = "n=3, who='a b'";
	f.name = "worker";
	f.daemon = true;
	ck_assert_int_eq(form_parse(&f, &spec, &count, err, sizeof err), 0);
	ck_assert_int_eq(count, 2);
	ck_assert_str_eq(spec.demo, "sleeper");
	ck_assert_ptr_null(spec.command);
	ck_assert_str_eq(spec.args[0], "子进程 1");
	ck_assert_str_eq(spec.args[1], "5");
	ck_assert_ptr_null(spec.args[2]);
	ck_assert_str_eq(spec.kwargs[0], "n=3");
	ck_assert_str_eq(spec.kwargs[1], "who=a b");
	ck_assert_str_eq(spec.name, "worker");
	ck_assert(spec.daemon);
	ck_assert(!spec.detached);
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
}
END_TEST

START_TEST(valid_command_form)
{
	struct task_spec spec;
	int count;
	char err[256];
	struct new_form f = form("command", "1");
	f.command = "exit 3";
	f.detached = true;
	ck_assert_int_eq(form_parse(&f, &spec, &count, err, sizeof err), 0);
	ck_assert_str_eq(spec.command, "exit 3");
	ck_assert_ptr_null(spec.demo);
	ck_assert_ptr_null(spec.name);	/* Python's default Process-N */
	ck_assert(spec.detached);
	ck_assert_ptr_nonnull(spec.args);
	ck_assert_ptr_null(spec.args[0]);
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
}
END_TEST

START_TEST(args_are_python_literals)
{
	struct task_spec spec;
	int count;
	char err[256];
	struct new_form f = form("sleeper", "1");
	f.args = "'uxjob', 40";
	ck_assert_int_eq(form_parse(&f, &spec, &count, err, sizeof err), 0);
	ck_assert_str_eq(spec.args[0], "uxjob");
	ck_assert_str_eq(spec.args[1], "40");
	ck_assert_ptr_null(spec.args[2]);
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
	f.args = "uxjob 40";
	refused(&f, "not a Python literal");
}
END_TEST

/* A command typed while a demo is the target is not dropped silently. */
START_TEST(command_needs_command_target)
{
	struct new_form f = form("sleeper", "1");
	f.command = "echo hi";
	refused(&f, "a command line is run only with target \"command\"");
}
END_TEST

/* 1e400 is inf to Python: a sleep that never ends. Seconds are finite, 0 to 1e6. */
START_TEST(demo_numbers_bounded)
{
	static const char *const bad[] = { "1e400", "-1", "1000001", "'x', -0.5" };
	static const char *const badkw[] = { "n=1e400", "n=inf", "n=nan", "n=-3", "s=2e6" };
	struct new_form f = form("sleeper", "1");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		f.args = bad[i];
		refused(&f, "must be a number from 0 to 1000000");
	}
	f.args = "";
	for (size_t i = 0; i < sizeof badkw / sizeof badkw[0]; i++) {
		f.kwargs = badkw[i];
		refused(&f, "must be a number from 0 to 1000000");
	}
	struct task_spec spec;
	int count;
	char err[256];
	f.args = "'w', 0.5";
	f.kwargs = "n=1000000";
	ck_assert_int_eq(form_parse(&f, &spec, &count, err, sizeof err), 0);
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
}
END_TEST

/* Typed characters go in as UTF-8; control characters (an escape sequence typed or
 * pasted) never reach a field; a character that does not fit is dropped whole. */
START_TEST(fields_hold_utf8_and_refuse_controls)
{
	char f[6] = "";
	field_add(f, sizeof f, 'a');
	field_add(f, sizeof f, 0x1b);
	field_add(f, sizeof f, '\n');
	field_add(f, sizeof f, 0x9b);		/* C1 CSI */
	field_add(f, sizeof f, 0x7f);
	field_add(f, sizeof f, 0x110000);
	ck_assert_str_eq(f, "a");
	field_add(f, sizeof f, 0xe9);		/* é: two bytes */
	ck_assert_str_eq(f, "a\xc3\xa9");
	field_add(f, sizeof f, 0x4e3b);		/* 主: three bytes, one too many for 6 */
	ck_assert_str_eq(f, "a\xc3\xa9");
	field_add(f, sizeof f, 'b');
	field_add(f, sizeof f, 'c');
	field_add(f, sizeof f, 'd');
	ck_assert_str_eq(f, "a\xc3\xa9" "bc");	/* full: 5 bytes and the NUL */
	field_backspace(f);
	field_backspace(f);
	field_backspace(f);			/* é goes whole, not byte by byte */
	ck_assert_str_eq(f, "a");
	field_backspace(f);
	field_backspace(f);
	ck_assert_str_eq(f, "");
}
END_TEST

/* join's prompt: empty waits for ever, 0 returns at once, the rest in seconds. */
START_TEST(join_timeout_parsed)
{
	double t;
	char err[200];
	ck_assert_int_eq(form_parse_timeout("", &t, err, sizeof err), 0);
	ck_assert(t < 0);
	ck_assert_int_eq(form_parse_timeout("  ", &t, err, sizeof err), 0);
	ck_assert(t < 0);
	ck_assert_int_eq(form_parse_timeout("0", &t, err, sizeof err), 0);
	ck_assert(t == 0);
	ck_assert_int_eq(form_parse_timeout(" 2.5 ", &t, err, sizeof err), 0);
	ck_assert(t == 2.5);
	ck_assert_int_eq(form_parse_timeout("86400", &t, err, sizeof err), 0);
	const char *bad[] = { "-1", "abc", "2s", "86401", "nan", "inf", "1e999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		ck_assert_msg(form_parse_timeout(bad[i], &t, err, sizeof err) < 0, "%s", bad[i]);
		ck_assert_ptr_nonnull(strstr(err, "seconds"));
	}
}
END_TEST

static Suite *form_suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("form");
	tcase_add_test(tc, count_bounds);
	tcase_add_test(tc, count_accepted);
	tcase_add_test(tc, unknown_demo_and_empty_command);
	tcase_add_test(tc, bad_kwargs_refused);
	tcase_add_test(tc, detached_rules);
	tcase_add_test(tc, unclosed_quote_in_args);
	tcase_add_test(tc, valid_demo_form);
	tcase_add_test(tc, valid_command_form);
	tcase_add_test(tc, args_are_python_literals);
	tcase_add_test(tc, demo_numbers_bounded);
	tcase_add_test(tc, command_needs_command_target);
	tcase_add_test(tc, fields_hold_utf8_and_refuse_controls);
	tcase_add_test(tc, join_timeout_parsed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(form_suite());
}
