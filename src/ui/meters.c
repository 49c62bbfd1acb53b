/* meters.c - the header: htop's meters (a bar per core, Mem, Swp, Tasks, Load average,
 * Uptime) and btop's history graphs of CPU and memory, laid out by meter_layout. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "meter_layout.h"

/* A part of a bar: its share (percent of the bar) and its colour. */
struct seg {
	double pct;
	enum theme_elem elem;
};

/* The characters of the parts on a screen without colours, as htop's: the parts stay
 * apart. With colours every part is a '|'. */
static const char mono_chars[] = "|#*@";

/* "LABEL[|||||||      12.5%]" in w columns at (y, x). */
static void draw_bar(int y, int x, int w, const char *label, int label_w,
		     const struct seg *segs, int nsegs, const char *text)
{
	int inner = w - label_w - 2;
	if (inner < 1)
		return;
	char buf[32];
	snprintf(buf, sizeof buf, "%*.*s", label_w, label_w, label);
	ui_put(y, x, buf, label_w, ui_attr(TE_METER_LABEL));
	ui_put(y, x + label_w, "[", 1, ui_attr(TE_METER_BRACKET));
	bool mono = ui_theme.depth == THEME_DEPTH_MONO;
	int tlen = (int)strlen(text), tx = inner - tlen;	/* the figures, right-aligned */
	double sum = 0;
	int at = 0;
	for (int s = 0; s < nsegs; s++) {
		sum += segs[s].pct;
		int end = (int)(sum / 100.0 * inner + 0.5);
		end = end > inner ? inner : end;
		for (; at < end; at++) {
			bool under_text = at >= tx;
			char c[2] = { under_text ? text[at - tx] : mono ? mono_chars[s % 4] : '|', 0 };
			move(y, x + label_w + 1 + at);
			attrset(under_text ? ui_attr(TE_METER_TEXT) : ui_attr(segs[s].elem));
			addstr(c);
		}
	}
	for (; at < inner; at++) {
		char c[2] = { at >= tx ? text[at - tx] : ' ', 0 };
		move(y, x + label_w + 1 + at);
		attrset(at >= tx ? ui_attr(TE_METER_TEXT) : ui_attr(TE_NORMAL));
		addstr(c);
	}
	ui_put(y, x + label_w + 1 + inner, "]", 1, ui_attr(TE_METER_BRACKET));
}

static void draw_cpu(const struct app *a, int core, int label_w, int y, int x, int w)
{
	const struct cpu_load *l = sysstat_cpu(a->sys, core);
	struct seg segs[] = {
		{ l->nice, TE_CPU_NICE }, { l->user, TE_CPU_USER },
		{ l->system + l->steal, TE_CPU_SYSTEM }, { l->iowait, TE_CPU_IOWAIT },
	};
	char label[16], text[16];
	snprintf(label, sizeof label, "%d", core + 1);
	snprintf(text, sizeof text, "%.1f%%", l->busy);
	draw_bar(y, x, w, label, label_w, segs, 4, text);
}

static void draw_cpus(const struct app *a, const struct meter_layout *ml, int first,
		      int count, int y, int x)
{
	char digits[16];
	int label_w = snprintf(digits, sizeof digits, "%zu", sysstat_ncpus(a->sys));
	int per = ml->cpus_per_row, cell = (ml->col_width - (per - 1)) / per;
	for (int i = 0; i < count; i++)
		draw_cpu(a, first + i, label_w, y + i / per, x + (i % per) * (cell + 1), cell);
}

/* A memory bar: the parts as shares of the total, "used/total" as its figures. */
static void draw_memory(int y, int x, int w, const char *label, const struct seg *parts,
			int nparts, unsigned long long used_kb, unsigned long long total_kb)
{
	double t = total_kb ? (double)total_kb : 1;
	struct seg segs[3];
	for (int i = 0; i < nparts && i < 3; i++)
		segs[i] = (struct seg){ 100 * parts[i].pct / t, parts[i].elem };
	char used[16], total[16], text[40];
	format_kb_meter(used, sizeof used, used_kb);
	format_kb_meter(total, sizeof total, total_kb);
	snprintf(text, sizeof text, "%s/%s", used, total);
	draw_bar(y, x, w, label, 3, segs, nparts, text);
}

/* Used memory, buffers and cache; swap used and swap cache (parts in KiB here). */
static void draw_mem(const struct app *a, int y, int x, int w)
{
	const struct mem_usage *m = sysstat_mem(a->sys);
	struct seg parts[] = {
		{ (double)m->used, TE_MEM_USED }, { (double)m->buffers, TE_MEM_BUFFERS },
		{ (double)m->cache, TE_MEM_CACHE },
	};
	draw_memory(y, x, w, "Mem", parts, 3, m->used, m->total);
}

static void draw_swap(const struct app *a, int y, int x, int w)
{
	const struct mem_usage *m = sysstat_mem(a->sys);
	struct seg parts[] = {
		{ (double)m->swap_used, TE_SWAP_USED }, { (double)m->swap_cache, TE_MEM_CACHE },
	};
	draw_memory(y, x, w, "Swp", parts, 2, m->swap_used, m->swap_total);
}

/* "Label: figures": the label in the meter label's colour, the rest as figures. */
static void draw_text_meter(int y, int x, int w, const char *label, const char *text)
{
	int lw = (int)strlen(label);
	ui_put(y, x, label, w < lw ? w : lw, ui_attr(TE_METER_LABEL));
	if (w > lw)
		ui_put(y, x + lw, text, w - lw, ui_attr(TE_METER_TEXT));
}

static void draw_tasks(const struct app *a, int y, int x, int w)
{
	const struct scan_info *si = scan_info(a->scan);
	size_t n, threads = 0, procs = 0;
	const struct proc *p = scan_procs(a->scan, &n);
	for (size_t i = 0; i < n; i++)
		if (!p[i].kthread && !p[i].thread) {	/* the rows of H are counted as thr */
			procs++;
			threads += p[i].threads > 1 ? (size_t)p[i].threads - 1 : 0;
		}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, " %zu, %zu thr", procs, threads);
	if (tree_show_kthreads(a->tree))
		sbuf_printf(&b, ", %zu kthr", si->nkthreads);
	sbuf_printf(&b, "; %zu running", si->running);
	if (tasks_count(a->tasks))
		sbuf_printf(&b, "; own tasks %zu (%zu alive)", tasks_count(a->tasks),
			    tasks_alive(a->tasks));
	draw_text_meter(y, x, w, "Tasks:", sbuf_str(&b));
	sbuf_free(&b);
}

static void draw_load_uptime(const struct app *a, bool compact, int y, int x, int w)
{
	const struct scan_info *si = scan_info(a->scan);
	char load[64], up[32], line[128];
	format_uptime(up, sizeof up, si->uptime);
	snprintf(load, sizeof load, " %.2f %.2f %.2f", si->load[0], si->load[1], si->load[2]);
	if (compact) {
		snprintf(line, sizeof line, "%s  up %s", load, up);
		draw_text_meter(y, x, w, "Load:", line);
		return;
	}
	draw_text_meter(y, x, w, "Load average:", load);
	snprintf(line, sizeof line, " %s", up);
	draw_text_meter(y + 1, x, w, "Uptime:", line);
}

/* A series of the header as a graph, newest at the right, its last value beside it. */
static void draw_graph(const struct app *a, enum sysstat_series which, const char *label,
		       enum theme_elem elem, int y, int x, int w, int rows)
{
	float samples[SYSSTAT_HISTORY];
	size_t n = sysstat_history(a->sys, which, samples, SYSSTAT_HISTORY);
	char v[16];
	snprintf(v, sizeof v, n ? " %5.1f%%" : "", n ? samples[n - 1] : 0.0f);
	struct ui_graph g = { .samples = samples, .n = n, .label = label, .label_w = 4,
			      .value = v, .value_w = 7, .elem = elem, .rows = rows,
			      .utf8 = a->utf8 };
	ui_draw_graph(&g, y, x, w);
}

void ui_meters_layout(const struct app *a, int width, int height, struct meter_layout *ml)
{
	meter_layout(ml, a->sys ? sysstat_ncpus(a->sys) : 0, width, height);
	if (!a->sys)
		*ml = (struct meter_layout){ .rows = 1, .cpus_per_row = 1 };
}

void ui_draw_meters(const struct app *a, const struct meter_layout *ml, int width)
{
	int n = (int)sysstat_ncpus(a->sys), cw = ml->col_width, rx = cw + 1;
	int per = ml->cpus_per_row;
	int left_rows = (ml->cpus_left + per - 1) / per;
	int right_rows = (n - ml->cpus_left + per - 1) / per;
	draw_cpus(a, ml, 0, ml->cpus_left, 0, 0);
	draw_cpus(a, ml, ml->cpus_left, n - ml->cpus_left, 0, rx);
	draw_mem(a, left_rows, 0, cw);
	draw_swap(a, left_rows + 1, 0, cw);
	draw_tasks(a, right_rows, rx, width - rx);
	draw_load_uptime(a, ml->compact, right_rows + 1, rx, width - rx);
	if (ml->graph_rows) {
		int gy = ml->rows - ml->graph_rows;
		draw_graph(a, SERIES_CPU, "CPU", TE_GRAPH_CPU, gy, 0, cw, ml->graph_rows);
		draw_graph(a, SERIES_MEM, "Mem", TE_GRAPH_MEM, gy, rx, width - rx, ml->graph_rows);
	}
}
