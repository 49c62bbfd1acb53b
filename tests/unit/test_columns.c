/* test_columns.c - the column table: names, sorting, and header and cells that line up. */
#include <string.h>

#include "columns.h"
#include "unit.h"

START_TEST(every_column_is_complete)
{
	for (int c = 0; c < COLUMN_COUNT; c++) {
		const struct column *col = column_get((enum column_id)c);
		ck_assert_ptr_nonnull(col);
		ck_assert(col->name && *col->name && col->heading && *col->heading);
		ck_assert_int_eq(column_by_name(col->name, strlen(col->name)), c);
		ck_assert(col->needs != 0);
		/* a cell without a width could not line up; a key without a cell sorts blind */
		ck_assert(!col->cell == (col->width == 0));
		ck_assert(!col->key || col->cell);
		ck_assert_int_ge(col->width, col->cell ? (int)strlen(col->heading) : 0);
	}
	ck_assert_ptr_null(column_get(COLUMN_COUNT));
	ck_assert_ptr_null(column_get((enum column_id)-1));
}
END_TEST

START_TEST(names_any_case_and_aliases)
{
	ck_assert_int_eq(column_by_name("cpu%", 4), COLUMN_CPU);
	ck_assert_int_eq(column_by_name("Cpu", 3), COLUMN_CPU);
	ck_assert_int_eq(column_by_name("state", 5), COLUMN_STATE);
	ck_assert_int_eq(column_by_name("S,PID", 1), COLUMN_STATE);	/* len counts */
	ck_assert_int_eq(column_by_name("PIDX", 4), -1);
	ck_assert_int_eq(column_by_name("", 0), -1);
}
END_TEST

/* F6 and < step through the columns that sort, in the table's order, wrapping round. */
START_TEST(sort_steps_over_sortable_columns)
{
	enum column_id c = COLUMN_PID;
	int seen = 0;
	do {
		ck_assert_ptr_nonnull(column_get(c)->key);
		c = column_sort_step(c, 1);
		seen++;
	} while (c != COLUMN_PID && seen < 100);
	ck_assert_int_eq(seen, 6);	/* PID PPID CPU% RSS THR ELAPSED */
	ck_assert_int_eq(column_sort_step(COLUMN_PPID, 1), COLUMN_CPU);	/* S has no key */
	ck_assert_int_eq(column_sort_step(COLUMN_CPU, -1), COLUMN_PPID);
	ck_assert_int_eq(column_sort_step(COLUMN_PID, -1), COLUMN_ELAPSED);
	ck_assert(column_get(COLUMN_CPU)->natural_desc && !column_get(COLUMN_PID)->natural_desc);
}
END_TEST

START_TEST(header_and_cells_line_up)
{
	static const enum column_id cols[] = { COLUMN_PID, COLUMN_PPID, COLUMN_STATE, COLUMN_CPU,
					       COLUMN_RSS, COLUMN_THR, COLUMN_ELAPSED };
	const size_t n = sizeof cols / sizeof cols[0];
	struct proc p = { .pid = 4242, .ppid = 1, .state = 'S', .threads = 3, .cpu = 12.34,
			  .rss_kb = 48 * 1024, .elapsed = 61 };
	struct sbuf h, r;
	sbuf_init(&h);
	sbuf_init(&r);
	int at = -1, len = 0;
	columns_header(&h, cols, n, COLUMN_CPU, &at, &len);
	columns_row(&r, cols, n, &p);
	ck_assert_str_eq(sbuf_str(&h), "    PID    PPID S  CPU%   RSS  THR  ELAPSED");
	ck_assert_str_eq(sbuf_str(&r), "   4242       1 S  12.3   48M    3    01:01");
	ck_assert_int_eq((int)h.len, columns_width(cols, n));
	ck_assert_int_eq(at, 18);	/* "CPU%" marked as the sort column */
	ck_assert_int_eq(len, 5);
	ck_assert(memcmp(h.p + at, " CPU%", 5) == 0);
	sbuf_reset(&r);
	p.state = '\033';	/* a byte from the kernel never reaches the terminal */
	columns_row(&r, cols + 2, 1, &p);
	ck_assert_str_eq(sbuf_str(&r), "?");
	at = -1;
	sbuf_reset(&h);
	columns_header(&h, cols, 2, COLUMN_CPU, &at, &len);	/* not shown: not marked */
	ck_assert_int_eq(at, -1);
	sbuf_free(&h);
	sbuf_free(&r);
}
END_TEST

static Suite *columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("columns");
	tcase_add_test(tc, every_column_is_complete);
	tcase_add_test(tc, names_any_case_and_aliases);
	tcase_add_test(tc, sort_steps_over_sortable_columns);
	tcase_add_test(tc, header_and_cells_line_up);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(columns_suite());
}
