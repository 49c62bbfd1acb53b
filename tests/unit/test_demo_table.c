/* test_demo_table.c - the demo table (demos/table.c) is the one list of demos: every
 * line has what its task runs and what main does, the names are unique, --list-demos
 * prints exactly the table, and a name not in it is refused. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demos_int.h"
#include "events.h"
#include "task.h"
#include "unit.h"

START_TEST(every_demo_has_a_body_and_a_main)
{
	size_t n;
	const struct demo_info *d = demos_list(&n);
	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert_msg(d[i].name && d[i].name[0], "line %zu has no name", i);
		ck_assert_msg(d[i].summary && strlen(d[i].summary) > 10, "%s: no summary",
			      d[i].name);
		ck_assert_msg(!strchr(d[i].summary, '\n'), "%s: the summary is one line",
			      d[i].name);
		ck_assert_msg(d[i].body != NULL, "%s: nothing for its task to run", d[i].name);
		ck_assert_msg(d[i].start != NULL, "%s: no main process", d[i].name);
		ck_assert_msg(!d[i].finish || d[i].tick, "%s: a finish without a tick never runs",
			      d[i].name);
		/* A demo whose tasks run another's body shows them as that demo's. */
		const struct demo_info *owner = demos_find_body(d[i].body);
		ck_assert_msg(owner && owner <= &d[i], "%s: its body is not found", d[i].name);
	}
}
END_TEST

/* A name is typed after --demo and into the New dialog: one word, found as itself. */
START_TEST(names_are_unique_words)
{
	size_t n;
	const struct demo_info *d = demos_list(&n);
	for (size_t i = 0; i < n; i++) {
		for (const char *c = d[i].name; *c; c++)
			ck_assert_msg(*c > ' ' && *c != 0x7f, "%s: not one word", d[i].name);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(strcmp(d[i].name, d[j].name) != 0, "%s: twice in the table",
				      d[i].name);
		ck_assert_ptr_eq(demos_find(d[i].name), &d[i]);
	}
	ck_assert_ptr_null(demos_find("no-such-demo"));
	ck_assert_ptr_null(demos_find(""));
	ck_assert_ptr_null(demos_find(NULL));
}
END_TEST

/* forktop --list-demos: "  NAME SUMMARY", one line per demo of the table, in its order. */
START_TEST(list_demos_prints_the_table)
{
	size_t n, i = 0;
	char line[1024];
	const struct demo_info *d = demos_list(&n);
	ck_assert_msg(getenv("FORKTOP"), "FORKTOP: the forktop binary (make check sets it)");
	FILE *p = popen("\"$FORKTOP\" --list-demos", "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(line, sizeof line, p)) {
		line[strcspn(line, "\n")] = '\0';
		ck_assert_msg(i < n, "a line not in the table: %s", line);
		ck_assert_msg(strncmp(line, "  ", 2) == 0, "not indented: %s", line);
		const char *name = line + 2;
		size_t len = strcspn(name, " ");
		const char *summary = name + len + strspn(name + len, " ");
		ck_assert_msg(len == strlen(d[i].name) && strncmp(name, d[i].name, len) == 0,
			      "line %zu: %s, the table has %s", i, line, d[i].name);
		ck_assert_str_eq(summary, d[i].summary);
		i++;
	}
	ck_assert_int_eq(pclose(p), 0);
	ck_assert_uint_eq(i, n);
}
END_TEST

/* A name not in the table starts nothing: scenario_start says so, escaped. */
START_TEST(unknown_demo_is_refused)
{
	char err[256];
	events_t *ev = events_new(100);
	tasks_t *ts = tasks_new(ev);
	ck_assert_ptr_null(scenario_start("no-such-demo", ts, ev, err, sizeof err));
	ck_assert_str_eq(err, "unknown demo 'no-such-demo'");
	ck_assert_ptr_null(scenario_start("sleeper\n", ts, ev, err, sizeof err));
	ck_assert_str_eq(err, "unknown demo 'sleeper\\n'");
	ck_assert_ptr_null(scenario_start(NULL, ts, ev, err, sizeof err));
	ck_assert_str_eq(err, "unknown demo ''");
	ck_assert_uint_eq(tasks_count(ts), 0);
	ck_assert_uint_eq(events_count(ev), 0);
	tasks_free(ts);
	events_free(ev);
}
END_TEST

static Suite *demo_table_suite(void)
{
	Suite *s = suite_create("demo_table");
	TCase *tc = tcase_create("demo_table");
	tcase_add_test(tc, every_demo_has_a_body_and_a_main);
	tcase_add_test(tc, names_are_unique_words);
	tcase_add_test(tc, list_demos_prints_the_table);
	tcase_add_test(tc, unknown_demo_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(demo_table_suite());
}
