/* stats.c - FORKTOP_STATS: forktop's own figures, rewritten whole (a temporary file and
 * a rename) after each refresh, one "key value" a line:
 *   refreshes, procs, files_last      refreshes so far, processes and files of the last
 *   refresh_ms_last                   its work (reading steps and rebuilding the rows)
 *   first_draw_ms                     process start (exec included) to the first screen
 *   age_max_refreshes, age_median_refreshes, age_max_ms, age_median_ms
 *                                     how old the rows not read whole at the last refresh
 *                                     were (state, memory; CPU% is always current)
 *   age_max_ever_refreshes, age_max_ever_ms   the oldest since the start
 *   keys, key_ms_median, key_ms_max   key read to the screen that shows it drawn
 *   busy_ms_max                       the longest a key could wait: the longest turn of
 *                                     the main loop, from poll's return to the next poll
 *                                     (a reading step, a rebuild, a drawing, a verb) */
#include "stats.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"
#include "scan.h"
#include "util.h"

#define KEY_SAMPLES 4096	/* the latest ones kept for the median */

static struct {
	char *path;
	unsigned long refreshes;
	double first_draw_ms;	/* < 0: not drawn yet */
	double key_at;		/* a key read and not drawn yet, 0: none */
	size_t keys;
	float key_ms[KEY_SAMPLES];
	double key_ms_max;
	unsigned age_max_ever;
	double age_max_ever_ms;
	struct scan_info si;	/* the last refresh's */
	double work_ms;
	double busy_ms_max;	/* the longest stretch keys waited for */
} st = { .first_draw_ms = -1 };

static void write_out(void);

void stats_open(void)
{
	const char *p = getenv("FORKTOP_STATS");
	if (p && *p)
		st.path = xstrdup(p);
}

void stats_key(double t)
{
	if (st.path && st.key_at == 0)
		st.key_at = t;
}

void stats_drawn(double t)
{
	if (!st.path)
		return;
	if (st.first_draw_ms < 0) {
		double age = proc_self_age();
		st.first_draw_ms = age >= 0 ? age * 1000.0 : 0;
		write_out();	/* at once: the first refresh was written before it */
	}
	if (st.key_at > 0) {
		double ms = (t - st.key_at) * 1000.0;
		st.key_ms[st.keys++ % KEY_SAMPLES] = (float)ms;
		st.key_ms_max = ms > st.key_ms_max ? ms : st.key_ms_max;
		st.key_at = 0;
	}
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

static double key_median(void)
{
	size_t n = st.keys < KEY_SAMPLES ? st.keys : KEY_SAMPLES;
	if (!n)
		return 0;
	float *v = xmalloc(n * sizeof *v);
	memcpy(v, st.key_ms, n * sizeof *v);
	qsort(v, n, sizeof *v, cmp_float);
	double m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
	free(v);
	return m;
}

void stats_busy(double ms)
{
	if (ms > st.busy_ms_max)
		st.busy_ms_max = ms;
}

void stats_refreshed(const struct scan_info *si, double work_ms)
{
	if (!st.path)
		return;
	st.refreshes++;
	st.si = *si;
	st.work_ms = work_ms;
	if (si->age_max_refreshes > st.age_max_ever)
		st.age_max_ever = si->age_max_refreshes;
	if (si->age_max_ms > st.age_max_ever_ms)
		st.age_max_ever_ms = si->age_max_ms;
	write_out();
}

static void write_out(void)
{
	const struct scan_info *si = &st.si;
	size_t len = strlen(st.path) + 8;
	char *tmp = xmalloc(len);
	snprintf(tmp, len, "%s.new", st.path);
	FILE *f = fopen(tmp, "we");
	if (f) {
		fprintf(f, "refreshes %lu\nprocs %zu\nfiles_last %zu\nrefresh_ms_last %.2f\n"
			"first_draw_ms %.1f\nage_max_refreshes %u\nage_median_refreshes %u\n"
			"age_max_ms %.0f\nage_median_ms %.0f\nage_max_ever_refreshes %u\n"
			"age_max_ever_ms %.0f\nkeys %zu\nkey_ms_median %.2f\nkey_ms_max %.2f\n"
			"busy_ms_max %.2f\n",
			st.refreshes, si->nprocs, si->files_read, st.work_ms,
			st.first_draw_ms < 0 ? 0 : st.first_draw_ms, si->age_max_refreshes,
			si->age_median_refreshes, si->age_max_ms, si->age_median_ms,
			st.age_max_ever, st.age_max_ever_ms, st.keys, key_median(), st.key_ms_max,
			st.busy_ms_max);
		if (fclose(f) == 0)
			rename(tmp, st.path);
		else
			remove(tmp);
	}
	free(tmp);
}
