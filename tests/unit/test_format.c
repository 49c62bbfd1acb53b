/* test_format.c - column formatting and tree connectors. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"
#include "text.h"
#include "unit.h"

START_TEST(memory)
{
	char b[16];
	format_kb(b, sizeof b, 0);
	ck_assert_str_eq(b, "0");
	format_kb(b, sizeof b, 812);
	ck_assert_str_eq(b, "812K");
	format_kb(b, sizeof b, 48 * 1024);
	ck_assert_str_eq(b, "48M");
	format_kb(b, sizeof b, 1536 * 1024);
	ck_assert_str_eq(b, "1.5G");
	format_kb(b, sizeof b, 7372);
	ck_assert_str_eq(b, "7.2M");
	format_kb(b, sizeof b, 999UL * 1024 * 1024 * 1024);
	ck_assert(strlen(b) <= 5);
}
END_TEST

START_TEST(elapsed)
{
	char b[16];
	format_elapsed(b, sizeof b, 41);
	ck_assert_str_eq(b, "00:41");
	format_elapsed(b, sizeof b, 3599);
	ck_assert_str_eq(b, "59:59");
	format_elapsed(b, sizeof b, 3723);
	ck_assert_str_eq(b, "01:02:03");
	format_elapsed(b, sizeof b, 3 * 86400 + 4 * 3600 + 12 * 60);
	ck_assert_str_eq(b, "3d04:12");
	format_elapsed(b, sizeof b, 412.0 * 86400);
	ck_assert_str_eq(b, "412d");
	format_elapsed(b, sizeof b, -5);
	ck_assert_str_eq(b, "00:00");
}
END_TEST

/* The text a formatter writes for one value. */
#define SHOWN(fn, ...) ({ static char b_[32]; fn(b_, sizeof b_, __VA_ARGS__); b_; })

/* TIME+ as htop shows it: m:ss.cc below an hour, h:mm:ss from there. */
START_TEST(cpu_time)
{
	ck_assert_str_eq(SHOWN(format_time, 0), "0:00.00");
	ck_assert_str_eq(SHOWN(format_time, 1234), "0:12.34");
	ck_assert_str_eq(SHOWN(format_time, 359999), "59:59.99");
	ck_assert_str_eq(SHOWN(format_time, 360000), "1:00:00");	/* an hour */
	ck_assert_str_eq(SHOWN(format_time, (3600ULL * 123 + 62) * 100 + 99), "123:01:02");
	ck_assert_str_eq(SHOWN(format_time, 3600ULL * 1000 * 100), "41d16h");	/* 1000 h */
}
END_TEST

/* START: the time of day within a day, the date within a year, else the year (UTC). */
START_TEST(start_time)
{
	setenv("TZ", "UTC", 1);
	tzset();
	double t = 1700000000;	/* 2023-11-14 22:13:20 UTC */
	ck_assert_str_eq(SHOWN(format_start, t, 60), "22:13");
	ck_assert_str_eq(SHOWN(format_start, t, 86399), "22:13");
	ck_assert_str_eq(SHOWN(format_start, t, 86400), "Nov14");
	ck_assert_str_eq(SHOWN(format_start, t, 400 * 86400.0), "2023");
}
END_TEST

START_TEST(terminals)
{
	ck_assert_str_eq(SHOWN(format_tty, 0), "?");
	ck_assert_str_eq(SHOWN(format_tty, 136 << 8 | 3), "pts/3");
	ck_assert_str_eq(SHOWN(format_tty, 137 << 8 | 4), "pts/260");	/* the next 256 */
	ck_assert_str_eq(SHOWN(format_tty, 136 << 8 | 1 << 20 | 5), "pts/261");	/* minor > 255 */
	ck_assert_str_eq(SHOWN(format_tty, 4 << 8 | 1), "tty1");
	ck_assert_str_eq(SHOWN(format_tty, 4 << 8 | 64), "ttyS0");
	ck_assert_str_eq(SHOWN(format_tty, 5 << 8 | 1), "console");
	ck_assert_str_eq(SHOWN(format_tty, 204 << 8 | 64), "204:64");
}
END_TEST

/* I/O rates in htop's units, at most 5 characters; "-" when unknown. */
START_TEST(rates)
{
	ck_assert_str_eq(SHOWN(format_rate, -1), "-");
	ck_assert_str_eq(SHOWN(format_rate, 0), "0");
	ck_assert_str_eq(SHOWN(format_rate, 512), "512B");
	ck_assert_str_eq(SHOWN(format_rate, 1536), "1.5K");
	ck_assert_str_eq(SHOWN(format_rate, 48 * 1024), "48K");
	ck_assert_str_eq(SHOWN(format_rate, 2.5 * 1024 * 1024), "2.5M");
	ck_assert_str_eq(SHOWN(format_rate, 999.9 * 1024), "1.0M");
	ck_assert_uint_le(strlen(SHOWN(format_rate, 1e15)), 5);
}
END_TEST

START_TEST(uptime_and_cpu)
{
	char b[32];
	format_uptime(b, sizeof b, 3 * 86400 + 4 * 3600 + 12 * 60 + 5);
	ck_assert_str_eq(b, "3d 04:12");
	format_uptime(b, sizeof b, 4 * 3600 + 12 * 60 + 9);
	ck_assert_str_eq(b, "04:12:09");
	format_cpu(b, sizeof b, 1.234);
	ck_assert_str_eq(b, "1.2");
	format_cpu(b, sizeof b, 199.6);
	ck_assert_str_eq(b, "200");
	format_cpu(b, sizeof b, -1);
	ck_assert_str_eq(b, "0.0");
}
END_TEST

static const char *prefix(const bool *levels, int depth, bool last, bool collapsed,
			  bool utf8, int max)
{
	static struct sbuf b;
	sbuf_reset(&b);
	format_tree_prefix(&b, levels, depth, last, collapsed, utf8, max);
	return sbuf_str(&b);
}

START_TEST(connectors_utf8)
{
	bool lv[] = { true, false, true };
	ck_assert_str_eq(prefix(lv, 0, true, false, true, 10), "");
	ck_assert_str_eq(prefix(lv, 1, false, false, true, 10), "├─ ");
	ck_assert_str_eq(prefix(lv, 1, true, false, true, 10), "└─ ");
	ck_assert_str_eq(prefix(lv, 3, true, false, true, 10), "│     └─ ");
	ck_assert_str_eq(prefix(lv, 2, false, true, true, 10), "│  ├+ ");
}
END_TEST

START_TEST(connectors_ascii)
{
	bool lv[] = { true, true };
	ck_assert_str_eq(prefix(lv, 3, false, false, false, 10), "|  |  |- ");
	ck_assert_str_eq(prefix(lv, 1, true, false, false, 10), "\\- ");
	ck_assert_str_eq(prefix(lv, 1, true, true, false, 10), "\\+ ");
	ck_assert_str_eq(prefix(lv, 0, true, true, false, 10), "+ ");
}
END_TEST

START_TEST(deep_connectors_are_bounded)
{
	static bool lv[5000];
	const char *p = prefix(lv, 5000, true, false, true, 20);
	ck_assert(strstr(p, "…5000 ") != NULL);
	ck_assert_int_lt(text_width(p, strlen(p)), 80);
}
END_TEST

START_TEST(command_falls_back_to_comm)
{
	struct sbuf b;
	sbuf_init(&b);
	struct proc p = { .comm = "kworker/0:1", .cmdline = "", .cmdline_len = 0 };
	format_command(&b, &p, 0);
	ck_assert_str_eq(b.p, "[kworker/0:1]");
	sbuf_reset(&b);
	struct proc q = { .comm = "x", .cmdline = "sleep\033[2J 1", .cmdline_len = 11 };
	format_command(&b, &q, 0);
	ck_assert_str_eq(b.p, "sleep\\e[2J 1");
	sbuf_free(&b);
}
END_TEST

static Suite *format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("format");
	tcase_add_test(tc, memory);
	tcase_add_test(tc, elapsed);
	tcase_add_test(tc, cpu_time);
	tcase_add_test(tc, start_time);
	tcase_add_test(tc, terminals);
	tcase_add_test(tc, rates);
	tcase_add_test(tc, uptime_and_cpu);
	tcase_add_test(tc, connectors_utf8);
	tcase_add_test(tc, connectors_ascii);
	tcase_add_test(tc, deep_connectors_are_bounded);
	tcase_add_test(tc, command_falls_back_to_comm);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(format_suite());
}
