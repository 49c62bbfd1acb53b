/* test_columns.c - the column table: names, sorting, the sort menu, the files each needs,
 * and headers and cells that line up in any order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "columns.h"
#include "unit.h"

START_TEST(every_column_is_complete)
{
	for (int c = 0; c < COLUMN_COUNT; c++) {
		const struct column *col = column_get((enum column_id)c);
		ck_assert_ptr_nonnull(col);
		ck_assert(col->name && *col->name && col->heading && *col->heading);
		ck_assert(col->what && *col->what);
		ck_assert_uint_le(strlen(col->what), COLUMN_WHAT_MAX);
		ck_assert_int_eq(column_by_name(col->name, strlen(col->name)), c);
		if (col->alias)
			ck_assert_int_eq(column_by_name(col->alias, strlen(col->alias)), c);
		ck_assert(col->needs != 0);
		/* a cell without a width could not line up */
		ck_assert(!col->cell == (col->width == 0));
		ck_assert_int_ge(col->width, col->cell ? (int)strlen(col->heading) : 0);
		/* every column sorts but TASK (the task table is not the process's) */
		ck_assert(column_sortable((enum column_id)c) == (c != COLUMN_TASK));
		ck_assert(!(col->key && col->cmp));
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
	ck_assert_int_eq(column_by_name("rss", 3), COLUMN_RES);	/* the old name */
	ck_assert_int_eq(column_by_name("RES", 3), COLUMN_RES);
	ck_assert_int_eq(column_by_name("TIME+", 5), COLUMN_TIME);
	ck_assert_int_eq(column_by_name("mem%", 4), COLUMN_MEM);
	ck_assert_int_eq(column_by_name("io_w", 4), COLUMN_IO_WRITE);
	ck_assert_int_eq(column_by_name("PIDX", 4), -1);
	ck_assert_int_eq(column_by_name("", 0), -1);
}
END_TEST

/* < and > step through the columns shown that sort, in their order, wrapping round. */
START_TEST(sort_steps_over_columns_shown)
{
	static const enum column_id shown[] = { COLUMN_COMMAND, COLUMN_TASK, COLUMN_PID,
						COLUMN_STATE, COLUMN_TIME };
	const size_t n = sizeof shown / sizeof shown[0];
	ck_assert_int_eq(columns_sort_step(shown, n, COLUMN_PID, 1), COLUMN_STATE);
	ck_assert_int_eq(columns_sort_step(shown, n, COLUMN_TIME, 1), COLUMN_COMMAND);
	ck_assert_int_eq(columns_sort_step(shown, n, COLUMN_COMMAND, 1), COLUMN_PID); /* no TASK */
	ck_assert_int_eq(columns_sort_step(shown, n, COLUMN_PID, -1), COLUMN_COMMAND);
	ck_assert_int_eq(columns_sort_step(shown, n, COLUMN_COMMAND, -1), COLUMN_TIME);
	/* sorted by a column not shown: the first (or last) shown */
	ck_assert_int_eq(columns_sort_step(shown, n, COLUMN_CPU, 1), COLUMN_COMMAND);
	ck_assert_int_eq(columns_sort_step(shown, n, COLUMN_CPU, -1), COLUMN_TIME);
	ck_assert(column_get(COLUMN_CPU)->natural_desc && !column_get(COLUMN_PID)->natural_desc);
	ck_assert(column_get(COLUMN_TIME)->natural_desc && !column_get(COLUMN_USER)->natural_desc);
}
END_TEST

/* F6 lists every column that sorts: those shown in their order, then the others. */
START_TEST(sort_menu_lists_every_column)
{
	static const enum column_id shown[] = { COLUMN_COMMAND, COLUMN_TASK, COLUMN_STATE,
						COLUMN_PID };
	enum column_id out[COLUMN_COUNT];
	size_t n = columns_sort_menu(shown, 4, out);
	ck_assert_uint_eq(n, COLUMN_COUNT - 1);		/* all but TASK */
	ck_assert_int_eq(out[0], COLUMN_COMMAND);
	ck_assert_int_eq(out[1], COLUMN_STATE);
	ck_assert_int_eq(out[2], COLUMN_PID);
	ck_assert_int_eq(out[3], COLUMN_USER);		/* then the table's order */
	ck_assert_int_eq(out[n - 1], COLUMN_IO_WRITE);
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			ck_assert_int_ne(out[i], out[k]);
}
END_TEST

/* statm and io are read only for the columns that show them. */
START_TEST(reads_follow_the_columns)
{
	enum column_id def[COLUMNS_DEFAULT];
	for (int c = 0; c < COLUMNS_DEFAULT; c++)
		def[c] = (enum column_id)c;
	ck_assert_uint_eq(columns_reads(def, COLUMNS_DEFAULT), PROC_READ_STATM);	/* SHR */
	static const enum column_id lean[] = { COLUMN_PID, COLUMN_USER, COLUMN_CPU,
					       COLUMN_TIME, COLUMN_START, COLUMN_COMMAND };
	ck_assert_uint_eq(columns_reads(lean, 6), 0);
	static const enum column_id io[] = { COLUMN_IO_WRITE, COLUMN_COMMAND };
	ck_assert_uint_eq(columns_reads(io, 2), PROC_READ_IO);
}
END_TEST

/* The default set at 120 columns: headings over their cells, the sort column's span. */
START_TEST(header_and_cells_line_up)
{
	enum column_id cols[COLUMNS_DEFAULT];
	int x[COLUMN_COUNT], w[COLUMN_COUNT];
	for (int c = 0; c < COLUMNS_DEFAULT; c++)
		cols[c] = (enum column_id)c;
	const size_t n = COLUMNS_DEFAULT;
	struct proc p = { .pid = 4242, .ppid = 1, .state = 'S', .threads = 3, .cpu = 12.34,
			  .rss_kb = 48 * 1024, .elapsed = 61, .user = "alice", .priority = 25,
			  .nice = 5, .vsize_kb = 1536 * 1024, .shared_kb = 812, .mem = 0.61,
			  .time_cs = 6 * 6000 + 1234 };
	struct sbuf h, r;
	sbuf_init(&h);
	sbuf_init(&r);
	columns_place(cols, n, 32, 120, x, w);
	int at = -1, len = 0;
	columns_header(&h, cols, n, x, w, COLUMN_CPU, &at, &len);
	ck_assert_str_eq(sbuf_str(&h), "    PID USER      PRI  NI  VIRT   RES   SHR S  CPU% MEM%     "
			 "TIME+  TASK                              COMMAND");
	for (size_t i = 0; i < n; i++) {
		if (cols[i] == COLUMN_TASK || cols[i] == COLUMN_COMMAND)
			continue;
		while (r.len < (size_t)x[i])
			sbuf_addc(&r, ' ');
		column_cell(&r, cols[i], &p);
		ck_assert_int_eq((int)r.len, x[i] + w[i]);	/* exactly its width */
	}
	ck_assert_str_eq(sbuf_str(&r), "   4242 alice      25   5  1.5G   48M  812K S  12.3  0.6   "
			 "6:12.34");
	ck_assert_int_eq(w[n - 1], 120 - x[n - 1]);	/* COMMAND takes the rest */
	ck_assert_int_eq(at, x[8]);	/* "CPU%" marked as the sort column */
	ck_assert_int_eq(len, 5);
	ck_assert(memcmp(h.p + at, " CPU%", 5) == 0);
	ck_assert_int_eq(columns_width(cols, n, 32), x[n - 1]);
	sbuf_free(&h);
	sbuf_free(&r);
}
END_TEST

/* forktoprc's order is the line's: COMMAND first takes what the others leave. */
START_TEST(command_first)
{
	static const enum column_id cols[] = { COLUMN_COMMAND, COLUMN_PID, COLUMN_STATE };
	int x[3], w[3], at = -1, len = 0;
	struct sbuf h;
	sbuf_init(&h);
	columns_place(cols, 3, 0, 40, x, w);
	ck_assert_int_eq(x[0], 0);
	ck_assert_int_eq(w[0], 40 - 2 - 7 - 1 - 1);
	ck_assert_int_eq(x[1], w[0] + 2);
	ck_assert_int_eq(x[2], 39);
	columns_header(&h, cols, 3, x, w, COLUMN_STATE, &at, &len);
	ck_assert_str_eq(sbuf_str(&h), "COMMAND                            PID S");
	ck_assert_int_eq(at, 39);
	ck_assert_int_eq(len, 1);
	sbuf_reset(&h);
	at = -1;
	columns_header(&h, cols, 3, x, w, COLUMN_CPU, &at, &len);	/* not shown: not marked */
	ck_assert_int_eq(at, -1);
	sbuf_free(&h);
}
END_TEST

static const char *cell(enum column_id c, const struct proc *p)
{
	static char buf[64];
	struct sbuf b;
	sbuf_init(&b);
	column_cell(&b, c, p);
	snprintf(buf, sizeof buf, "%s", sbuf_str(&b));
	sbuf_free(&b);
	return buf;
}

/* Cells as a user reads them: TIME+, START, units, MEM%, RT, a long user name, a tty, an
 * unknown I/O rate, a state byte that is no letter. */
START_TEST(cells)
{
	setenv("TZ", "UTC", 1);
	tzset();
	struct proc p = { .pid = 7, .priority = -100, .nice = -20, .time_cs = 3600 * 100 + 99,
			  .start_time = 1700000000, .elapsed = 90, .mem = 100, .tty = 136 << 8 | 3,
			  .io_read = -1, .io_write = 2.5 * 1024 * 1024, .uid = 1234,
			  .user = "averyveryverylongname", .state = '\033' };
	ck_assert_str_eq(cell(COLUMN_TIME, &p), "  1:00:00");
	ck_assert_str_eq(cell(COLUMN_START, &p), "22:13");
	ck_assert_str_eq(cell(COLUMN_MEM, &p), " 100");
	ck_assert_str_eq(cell(COLUMN_PRI, &p), " RT");
	ck_assert_str_eq(cell(COLUMN_NI, &p), "-20");
	ck_assert_str_eq(cell(COLUMN_USER, &p), "averyver+");
	ck_assert_str_eq(cell(COLUMN_TTY, &p), "pts/3   ");
	ck_assert_str_eq(cell(COLUMN_IO_READ, &p), "    -");
	ck_assert_str_eq(cell(COLUMN_IO_WRITE, &p), " 2.5M");
	ck_assert_str_eq(cell(COLUMN_STATE, &p), "?");	/* never reaches the terminal */
	p.user = NULL;	/* not looked up: the number */
	ck_assert_str_eq(cell(COLUMN_USER, &p), "1234     ");
	p.user = "bad\033name";
	ck_assert_str_eq(cell(COLUMN_USER, &p), "bad?name ");
	p.pid = 123456789;	/* a number wider than its column is kept whole */
	ck_assert_str_eq(cell(COLUMN_PID, &p), "123456789");
	ck_assert_str_eq(cell(COLUMN_COMMAND, &p), "");	/* drawn by its owner */
}
END_TEST

static Suite *columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("columns");
	tcase_add_test(tc, every_column_is_complete);
	tcase_add_test(tc, names_any_case_and_aliases);
	tcase_add_test(tc, sort_steps_over_columns_shown);
	tcase_add_test(tc, sort_menu_lists_every_column);
	tcase_add_test(tc, reads_follow_the_columns);
	tcase_add_test(tc, header_and_cells_line_up);
	tcase_add_test(tc, command_first);
	tcase_add_test(tc, cells);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(columns_suite());
}
