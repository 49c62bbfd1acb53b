/* test_meters.c - the meters' arithmetic from /proc/stat and /proc/meminfo text, their
 * human units, and how the header folds on small terminals and many cores. */
#include <math.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "format.h"
#include "procfs.h"
#include "meter_layout.h"
#include "sysstat.h"
#include "unit.h"

static const char stat1[] =
	"cpu  1000 100 500 8000 400 0 0 0 0 0\n"
	"cpu0 600 100 300 3800 200 0 0 0 0 0\n"
	"cpu1 400 0 200 4200 200 0 0 0 0 0\n"
	"intr 12345 0 0\n"
	"ctxt 999\n"
	"btime 1700000000\n";

/* One second later: core 0 busy in user and system, core 1 waiting on a disk. */
static const char stat2[] =
	"cpu  1060 100 530 8050 460 5 5 0 0 0\n"
	"cpu0 660 100 320 3800 200 5 5 0 0 0\n"
	"cpu1 400 0 210 4250 260 0 0 0 0 0\n"
	"btime 1700000000\n";

START_TEST(stat_lines_parsed)
{
	struct cpu_ticks total, cpus[4];
	ck_assert_int_eq(sysstat_parse_stat(stat1, &total, cpus, 4), 2);
	ck_assert_uint_eq(total.user, 1000);
	ck_assert_uint_eq(total.iowait, 400);
	ck_assert_uint_eq(cpus[1].idle, 4200);
	/* one core past max is not written, but counted only up to max */
	ck_assert_int_eq(sysstat_parse_stat(stat1, &total, cpus, 1), 1);
	ck_assert_int_eq(sysstat_parse_stat("intr 1\nctxt 2\n", &total, cpus, 4), -1);
	ck_assert_int_eq(sysstat_parse_stat("", &total, cpus, 4), -1);
	/* an old kernel's four fields: the rest are 0 */
	ck_assert_int_eq(sysstat_parse_stat("cpu 1 2 3 4\ncpu0 1 2 3 4\n", &total, cpus, 4), 1);
	ck_assert_uint_eq(total.idle, 4);
	ck_assert_uint_eq(total.steal, 0);
}
END_TEST

START_TEST(cpu_load_between_samples)
{
	struct cpu_ticks t1, t2, c1[2], c2[2];
	struct cpu_load l;
	sysstat_parse_stat(stat1, &t1, c1, 2);
	sysstat_parse_stat(stat2, &t2, c2, 2);
	sysstat_cpu_load(&c1[0], &c2[0], &l);	/* 60 user, 20+5+5 system of 90 */
	ck_assert_double_eq_tol(l.user, 100.0 * 60 / 90, 1e-9);
	ck_assert_double_eq_tol(l.system, 100.0 * 30 / 90, 1e-9);
	ck_assert_double_eq_tol(l.busy, 100, 1e-9);
	ck_assert_double_eq_tol(l.iowait, 0, 1e-9);
	sysstat_cpu_load(&c1[1], &c2[1], &l);	/* 10 system, 50 idle, 60 iowait */
	ck_assert_double_eq_tol(l.system, 100.0 * 10 / 120, 1e-9);
	ck_assert_double_eq_tol(l.iowait, 50, 1e-9);
	ck_assert_double_eq_tol(l.busy, 100.0 * 10 / 120, 1e-9);	/* iowait is not busy */
	/* no time passed, or counters that went back: nothing, not garbage */
	sysstat_cpu_load(&c2[0], &c1[0], &l);
	ck_assert_double_eq(l.busy, 0);
	ck_assert(!isnan(l.user));
}
END_TEST

/* Guest time is part of user time in /proc/stat: it is not counted twice. */
START_TEST(guest_time_counted_once)
{
	struct cpu_ticks a = { 0 }, b = { .user = 100, .guest = 40, .idle = 100 };
	struct cpu_load l;
	sysstat_cpu_load(&a, &b, &l);
	ck_assert_double_eq_tol(l.user, 30, 1e-9);
	ck_assert_double_eq_tol(l.steal, 20, 1e-9);
	ck_assert_double_eq_tol(l.busy, 50, 1e-9);
}
END_TEST

static const char meminfo[] =
	"MemTotal:       24000000 kB\n"
	"MemFree:        10000000 kB\n"
	"MemAvailable:   20000000 kB\n"
	"Buffers:          500000 kB\n"
	"Cached:          8000000 kB\n"
	"SwapCached:        10000 kB\n"
	"Active:          5000000 kB\n"
	"Shmem:            300000 kB\n"
	"SReclaimable:     700000 kB\n"
	"SwapTotal:       2000000 kB\n"
	"SwapFree:        1500000 kB\n";

/* htop's arithmetic: used = total - free - buffers - cached - reclaimable slab; cache
 * holds the reclaimable slab and not shared memory; swap used leaves out swap cache. */
START_TEST(memory_as_htop_counts_it)
{
	struct meminfo m;
	struct mem_usage u;
	ck_assert_int_eq(sysstat_parse_meminfo(meminfo, &m), 0);
	ck_assert_uint_eq(m.sreclaimable, 700000);
	sysstat_mem_usage(&m, &u);
	ck_assert_uint_eq(u.total, 24000000);
	ck_assert_uint_eq(u.used, 24000000 - 10000000 - 500000 - 8000000 - 700000);
	ck_assert_uint_eq(u.buffers, 500000);
	ck_assert_uint_eq(u.cache, 8000000 + 700000 - 300000);
	ck_assert_uint_eq(u.swap_used, 2000000 - 1500000 - 10000);
	ck_assert_int_eq(sysstat_parse_meminfo("MemFree: 12 kB\n", &m), -1);
}
END_TEST

START_TEST(meter_units_three_figures)
{
	char b[16];
	format_kb_meter(b, sizeof b, 0);
	ck_assert_str_eq(b, "0K");
	format_kb_meter(b, sizeof b, 812);
	ck_assert_str_eq(b, "812K");
	format_kb_meter(b, sizeof b, 1023);
	ck_assert_str_eq(b, "1023K");
	format_kb_meter(b, sizeof b, 1024);
	ck_assert_str_eq(b, "1.00M");
	format_kb_meter(b, sizeof b, 512 * 1024);
	ck_assert_str_eq(b, "512M");
	format_kb_meter(b, sizeof b, 1290000);	/* 1.23 GiB */
	ck_assert_str_eq(b, "1.23G");
	format_kb_meter(b, sizeof b, 24000000);
	ck_assert_str_eq(b, "22.9G");
	format_kb_meter(b, sizeof b, 3ULL * 1024 * 1024 * 1024);
	ck_assert_str_eq(b, "3.00T");
}
END_TEST

/* htop's shape on two cores at 120x40: a bar each side, Mem and Swp under the left,
 * Tasks, Load average and Uptime under the right, graphs below. */
START_TEST(two_cores_tall_terminal)
{
	struct meter_layout ml;
	meter_layout(&ml, 2, 120, 40);
	ck_assert(ml.meters);
	ck_assert_int_eq(ml.cpus_left, 1);
	ck_assert_int_eq(ml.cpus_per_row, 1);
	ck_assert(!ml.compact);
	ck_assert_int_eq(ml.graph_rows, 2);
	ck_assert_int_eq(ml.rows, 4 + 2);
	ck_assert_int_eq(ml.col_width, 59);
}
END_TEST

/* 80x24: three lines of meters, no graphs, so the tree keeps most of the screen. */
START_TEST(small_terminal_folds)
{
	struct meter_layout ml;
	meter_layout(&ml, 2, 80, 24);
	ck_assert(ml.meters && ml.compact);
	ck_assert_int_eq(ml.graph_rows, 0);
	ck_assert_int_eq(ml.rows, 3);
	/* 16 cores at 80x24: several bars to a row, at most a sixth of the lines */
	meter_layout(&ml, 16, 80, 24);
	ck_assert_int_gt(ml.cpus_per_row, 1);
	ck_assert_int_le(ml.rows, 24 / 6 + 2);
	ck_assert_int_ge((ml.col_width - (ml.cpus_per_row - 1)) / ml.cpus_per_row, 14);
	/* a tiny terminal keeps its one header line */
	meter_layout(&ml, 2, 80, 12);
	ck_assert(!ml.meters);
	ck_assert_int_eq(ml.rows, 1);
}
END_TEST

/* Many cores: every core has a bar, and the header stays within a third of the lines
 * as long as bars stay readable. */
START_TEST(many_cores_share_rows)
{
	static const size_t counts[] = { 1, 3, 8, 9, 64, 128, 4096 };
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		struct meter_layout ml;
		size_t n = counts[i];
		meter_layout(&ml, n, 200, 60);
		int per = ml.cpus_per_row;
		int left = (ml.cpus_left + per - 1) / per, right = ((int)n - ml.cpus_left + per - 1) / per;
		ck_assert_int_ge(left * per + right * per, (int)n);	/* room for every core */
		ck_assert_int_ge(ml.rows, (left > right ? left : right) + 3);
		if (n <= 64)
			ck_assert_int_le(ml.rows, 60 / 3 + 2);
		ck_assert_int_ge((ml.col_width - (per - 1)) / per, 14);
	}
}
END_TEST

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* The reader on a proc root the test writes: two samples give each core's load, the
 * memory figures, and one history sample per refresh; a root without the files fails
 * with a message and keeps the last figures. */
START_TEST(reader_follows_the_files)
{
	char dir[] = "/tmp/ftmeters.XXXXXX";
	char err[256];
	float hist[8];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file(dir, "stat", stat1);
	write_file(dir, "meminfo", meminfo);
	ck_assert_int_eq(proc_set_root(dir), 0);
	sysstat_t *s = sysstat_new();
	ck_assert_int_eq(sysstat_refresh(s, err, sizeof err), 0);
	ck_assert_uint_eq(sysstat_ncpus(s), 2);
	write_file(dir, "stat", stat2);
	ck_assert_int_eq(sysstat_refresh(s, err, sizeof err), 0);
	ck_assert_double_eq_tol(sysstat_cpu(s, 0)->busy, 100, 1e-9);
	ck_assert_double_eq_tol(sysstat_cpu(s, 1)->iowait, 50, 1e-9);
	ck_assert_uint_eq(sysstat_mem(s)->used, 4800000);
	ck_assert_uint_eq(sysstat_history(s, SERIES_MEM, hist, 8), 2);
	ck_assert_double_eq_tol(hist[1], 20, 1e-4);
	unlink(strcat(strcpy((char[600]){ 0 }, dir), "/meminfo"));
	ck_assert_int_eq(sysstat_refresh(s, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "meminfo"));
	ck_assert_uint_eq(sysstat_mem(s)->used, 4800000);	/* the last figures stay */
	sysstat_free(s);
	proc_set_root(NULL);
	unlink(strcat(strcpy((char[600]){ 0 }, dir), "/stat"));
	rmdir(dir);
}
END_TEST

static Suite *meters_suite(void)
{
	Suite *s = suite_create("meters");
	TCase *tc = tcase_create("meters");
	tcase_add_test(tc, stat_lines_parsed);
	tcase_add_test(tc, cpu_load_between_samples);
	tcase_add_test(tc, guest_time_counted_once);
	tcase_add_test(tc, memory_as_htop_counts_it);
	tcase_add_test(tc, meter_units_three_figures);
	tcase_add_test(tc, two_cores_tall_terminal);
	tcase_add_test(tc, small_terminal_folds);
	tcase_add_test(tc, many_cores_share_rows);
	tcase_add_test(tc, reader_follows_the_files);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(meters_suite());
}
