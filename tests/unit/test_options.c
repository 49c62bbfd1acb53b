/* test_options.c - the command line: every option, every bad value. */
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "unit.h"

static char err[256];

static int parse(struct options *o, const char *a1, const char *a2, const char *a3)
{
	char *argv[] = { "forktop", (char *)a1, (char *)a2, (char *)a3, NULL };
	int argc = 1 + (a1 != NULL) + (a1 && a2) + (a1 && a2 && a3);
	err[0] = '\0';
	return options_parse(o, argc, argv, err, sizeof err);
}

START_TEST(defaults)
{
	struct options o;
	ck_assert_int_eq(parse(&o, NULL, NULL, NULL), 0);
	ck_assert_int_eq(o.mode, MODE_SCREEN);
	ck_assert_int_eq(o.delay, 15);
	ck_assert_int_eq(o.pid, 0);
	ck_assert(!o.list && !o.kthreads && !o.ascii);
}
END_TEST

START_TEST(delay_forms)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "-d", "5", NULL), 0);
	ck_assert_int_eq(o.delay, 5);
	ck_assert_int_eq(parse(&o, "--delay=600", NULL, NULL), 0);
	ck_assert_int_eq(o.delay, 600);
	ck_assert_int_eq(parse(&o, "-d1", NULL, NULL), 0);
	ck_assert_int_eq(o.delay, 1);
}
END_TEST

START_TEST(delay_bad_values)
{
	struct options o;
	const char *bad[] = { "0", "601", "-1", "abc", "12x", "", "99999999999999999999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(parse(&o, "-d", bad[i], NULL), EXIT_USAGE);
		ck_assert_msg(strstr(err, "--delay"), "message names the option: %s", err);
	}
}
END_TEST

START_TEST(pid_values)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "--pid", "951", NULL), 0);
	ck_assert_int_eq(o.pid, 951);
	ck_assert_int_eq(parse(&o, "-p", "0", NULL), EXIT_USAGE);
	ck_assert_int_eq(parse(&o, "--pid=-5", NULL, NULL), EXIT_USAGE);
	ck_assert_int_eq(parse(&o, "--pid", "abc", NULL), EXIT_USAGE);
	ck_assert(strstr(err, "'abc'") != NULL);
}
END_TEST

START_TEST(modes)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "--tree", NULL, NULL), 0);
	ck_assert_int_eq(o.mode, MODE_TREE);
	ck_assert_int_eq(parse(&o, "--json", "--pid", "1"), 0);
	ck_assert_int_eq(o.mode, MODE_JSON);
	ck_assert_int_eq(o.pid, 1);
	ck_assert_int_eq(parse(&o, "--tree", "--json", NULL), EXIT_USAGE);
}
END_TEST

START_TEST(flags)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "-l", "-K", "-U"), 0);
	ck_assert(o.list && o.kthreads && o.ascii);
	ck_assert_int_eq(parse(&o, "-lKU", NULL, NULL), 0);
	ck_assert(o.list && o.kthreads && o.ascii);
}
END_TEST

START_TEST(help_and_version)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "--help", NULL, NULL), 0);
	ck_assert_int_eq(o.mode, MODE_HELP);
	ck_assert_int_eq(parse(&o, "-V", NULL, NULL), 0);
	ck_assert_int_eq(o.mode, MODE_VERSION);
	ck_assert(strstr(options_help(), "--pid") != NULL);
	ck_assert(strstr(options_help(), "--json") != NULL);
}
END_TEST

START_TEST(unknown_options)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "--bogus", NULL, NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "unknown option '--bogus'");
	ck_assert_int_eq(parse(&o, "-x", NULL, NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "unknown option '-x'");
	ck_assert_int_eq(parse(&o, "-lx", NULL, NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "unknown option '-x'");
}
END_TEST

START_TEST(missing_value)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "--pid", NULL, NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "option '--pid' needs a value");
	ck_assert_int_eq(parse(&o, "-d", NULL, NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "option '-d' needs a value");
}
END_TEST

START_TEST(stray_argument)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "--tree", "extra", NULL), EXIT_USAGE);
	ck_assert(strstr(err, "'extra'") != NULL);
}
END_TEST

/* What the user typed is shown escaped: an argument holding ESC [2J cannot clear the
 * terminal the error message goes to. */
START_TEST(grace_is_decimal)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "--grace", "2.5", NULL), 0);
	ck_assert(o.grace == 2.5);
	ck_assert_int_eq(parse(&o, "--grace", "0x10", NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "invalid value '0x10' for --grace: expected seconds from 0.1 to 600");
	ck_assert_int_eq(parse(&o, "--grace", "1e2", NULL), EXIT_USAGE);
	ck_assert_int_eq(parse(&o, "--grace", "nan", NULL), EXIT_USAGE);
}
END_TEST

START_TEST(hostile_arguments_are_escaped)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "-d", "\033[2J", NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "invalid value '\\e[2J' for --delay: expected tenths of a second "
			 "from 1 to 600");
	ck_assert_int_eq(parse(&o, "--\033]0;x\007", NULL, NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "unknown option '--\\e]0;x\\x07'");
	ck_assert_int_eq(parse(&o, "--tree", "\xc2\x9b\xff", NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "unexpected argument '\\x9b\xef\xbf\xbd': --tree takes none");
	/* C1, U+FFFD */
}
END_TEST

/* Every option that takes no operand refuses a stray word, with a message naming it. */
START_TEST(stray_arguments_refused)
{
	static const char *const opts[] = { "--list-demos", "--list-themes", "--help", "-h",
		"--version", "-V", "--tree", "--json" };
	static const char *const names[] = { "--list-demos", "--list-themes", "--help",
		"--help", "--version", "--version", "--tree", "--json" };
	struct options o;
	char want[128];
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		ck_assert_int_eq(parse(&o, opts[i], "extra", NULL), EXIT_USAGE);
		snprintf(want, sizeof want, "unexpected argument 'extra': %s takes none", names[i]);
		ck_assert_str_eq(err, want);
		ck_assert_int_eq(parse(&o, "extra", opts[i], NULL), EXIT_USAGE);
		ck_assert_str_eq(err, want);
	}
	ck_assert_int_eq(parse(&o, "-l", "foo", NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "unexpected argument 'foo': forktop takes options only");
	ck_assert_int_eq(parse(&o, "--list-demos", "--tree", NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "--list-demos and --tree cannot be combined");
	ck_assert_int_eq(parse(&o, "--json", "--list-themes", NULL), EXIT_USAGE);
	ck_assert_str_eq(err, "--json and --list-themes cannot be combined");
	ck_assert_int_eq(parse(&o, "--tree", "--help", NULL), 0);
	ck_assert_int_eq(o.mode, MODE_HELP);
	ck_assert_int_eq(parse(&o, "--version", "--list-demos", NULL), 0);
	ck_assert_int_eq(o.mode, MODE_VERSION);
	ck_assert_int_eq(parse(&o, "--list-demos", "-l", NULL), 0);
	ck_assert_int_eq(o.mode, MODE_LIST_DEMOS);
}
END_TEST

START_TEST(parse_twice_resets)
{
	struct options o;
	ck_assert_int_eq(parse(&o, "-d", "3", "-l"), 0);
	ck_assert_int_eq(parse(&o, NULL, NULL, NULL), 0);
	ck_assert_int_eq(o.delay, 15);
	ck_assert(!o.list);
}
END_TEST

static Suite *options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("options");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, delay_forms);
	tcase_add_test(tc, delay_bad_values);
	tcase_add_test(tc, pid_values);
	tcase_add_test(tc, modes);
	tcase_add_test(tc, flags);
	tcase_add_test(tc, help_and_version);
	tcase_add_test(tc, unknown_options);
	tcase_add_test(tc, missing_value);
	tcase_add_test(tc, stray_argument);
	tcase_add_test(tc, hostile_arguments_are_escaped);
	tcase_add_test(tc, grace_is_decimal);
	tcase_add_test(tc, stray_arguments_refused);
	tcase_add_test(tc, parse_twice_resets);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(options_suite());
}
