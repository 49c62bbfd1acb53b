/* test_pstat.c - the one parser of /proc/PID/stat, on lines as the kernel writes them,
 * hostile process names among them. */
#include <stdio.h>
#include <string.h>

#include "signals.h"
#include "unit.h"

/* A stat line of 52 fields: pid 4242, comm as given, state S, ppid 17, pgrp 4242, tty
 * pts/2 (field 7), flags 0x400040 (field 9), priority 39 and nice 19 (fields 18, 19),
 * start 98765 (field 22), vsize 2211840 (23), exit status 0x0f00 (field 52). */
static const char *line(const char *comm, char state)
{
	static char buf[1024];
	snprintf(buf, sizeof buf, "4242 (%s) %c 17 4242 4242 34818 -1 4194368 100 0 0 0 5 3 0 0 "
		 "39 19 1 0 98765 2211840 130 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 "
		 "0 0 0 0 0 0 0 0 0 0 0 0 3840\n", comm, state);
	return buf;
}

START_TEST(fields)
{
	struct pstat st;
	ck_assert_int_eq(pstat_parse(line("sleep", 'S'), &st), 0);
	ck_assert_str_eq(st.comm, "sleep");
	ck_assert_int_eq(st.state, 'S');
	ck_assert_int_eq(st.ppid, 17);
	ck_assert_int_eq(st.pgrp, 4242);
	ck_assert_uint_eq(st.flags, 4194368);
	ck_assert_uint_eq(st.start, 98765);
	ck_assert_int_eq(st.exit_status, 3840);	/* exit(15) of a zombie */
	ck_assert_uint_eq(st.tty, 34818);
	ck_assert_int_eq(st.priority, 39);
	ck_assert_int_eq(st.nice, 19);
	ck_assert_uint_eq(st.vsize, 2211840);
	ck_assert_uint_eq(st.utime + st.stime, 8);
}
END_TEST

/* A name may hold spaces, parentheses and ") Z 1 1": the comm ends at the last ')'. */
START_TEST(hostile_names)
{
	struct pstat st;
	ck_assert_int_eq(pstat_parse(line("a) Z 1 1 (b", 'R'), &st), 0);
	ck_assert_str_eq(st.comm, "a) Z 1 1 (b");
	ck_assert_int_eq(st.state, 'R');
	ck_assert_int_eq(st.ppid, 17);
	ck_assert_uint_eq(st.start, 98765);
	ck_assert_int_eq(pstat_parse(line("\033[2J\xff", 'Z'), &st), 0);
	ck_assert_str_eq(st.comm, "\033[2J\xff");	/* raw bytes: escaping is the screen's */
	ck_assert_int_eq(pstat_parse(line("", 'S'), &st), 0);
	ck_assert_str_eq(st.comm, "");
}
END_TEST

START_TEST(malformed)
{
	struct pstat st;
	ck_assert_int_eq(pstat_parse("", &st), -1);
	ck_assert_int_eq(pstat_parse("4242 sleep S 17", &st), -1);	/* no parentheses */
	ck_assert_int_eq(pstat_parse("4242 (sleep)", &st), -1);	/* nothing after */
	ck_assert_int_eq(pstat_parse("4242 (sleep) S 17 4242", &st), -1);	/* cut before 22 */
	ck_assert_int_eq(pstat_parse("4242 (sleep) S 17 x 4242", &st), -1);
	/* an older kernel's line that ends after the start time is enough */
	ck_assert_int_eq(pstat_parse("1 (init) S 0 1 1 0 -1 4194560 1 1 0 0 1 1 1 1 20 0 1 0 "
				     "7", &st), 0);
	ck_assert_uint_eq(st.start, 7);
	ck_assert_int_eq(st.exit_status, 0);
}
END_TEST

static Suite *pstat_suite(void)
{
	Suite *s = suite_create("pstat");
	TCase *tc = tcase_create("pstat");
	tcase_add_test(tc, fields);
	tcase_add_test(tc, hostile_names);
	tcase_add_test(tc, malformed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(pstat_suite());
}
