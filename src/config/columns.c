/* columns.c - the column table and the cells it formats. */
#include "columns.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "theme.h"

static void cell_pid(char *b, size_t n, const struct proc *p) { snprintf(b, n, "%d", p->pid); }
static void cell_ppid(char *b, size_t n, const struct proc *p) { snprintf(b, n, "%d", p->ppid); }
static void cell_thr(char *b, size_t n, const struct proc *p) { snprintf(b, n, "%d", p->threads); }
static void cell_cpu(char *b, size_t n, const struct proc *p) { format_cpu(b, n, p->cpu); }
static void cell_rss(char *b, size_t n, const struct proc *p) { format_kb(b, n, p->rss_kb); }

static void cell_state(char *b, size_t n, const struct proc *p)
{
	/* One byte from the kernel; anything unprintable is shown as '?'. */
	snprintf(b, n, "%c", p->state > ' ' && p->state < 0x7f ? p->state : '?');
}

static void cell_elapsed(char *b, size_t n, const struct proc *p)
{
	format_elapsed(b, n, p->elapsed);
}

static double key_pid(const struct proc *p) { return p->pid; }
static double key_ppid(const struct proc *p) { return p->ppid; }
static double key_cpu(const struct proc *p) { return p->cpu; }
static double key_rss(const struct proc *p) { return (double)p->rss_kb; }
static double key_thr(const struct proc *p) { return p->threads; }
static double key_elapsed(const struct proc *p) { return p->elapsed; }

/* CPU% of one core: mid from 10 %, high from 50 %; RSS: mid from 100 MiB, high from 1 GiB. */
#define NO_LEVEL -1, 0, 0
static const struct column table[COLUMN_COUNT] = {
	[COLUMN_PID] = { "PID", NULL, "PID", 7, 0, false, NEED_STAT, cell_pid, key_pid,
			 NO_LEVEL },
	[COLUMN_PPID] = { "PPID", NULL, "PPID", 7, 1, false, NEED_STAT, cell_ppid, key_ppid,
			  NO_LEVEL },
	[COLUMN_STATE] = { "S", "STATE", "S", 1, 0, false, NEED_STAT, cell_state, NULL,
			   NO_LEVEL },
	[COLUMN_CPU] = { "CPU", "CPU%", "CPU%", 5, 5, true, NEED_STAT, cell_cpu, key_cpu,
			 TE_CPU_LOW, 10, 50 },
	[COLUMN_RSS] = { "RSS", NULL, "RSS", 5, 4, true, NEED_STATUS, cell_rss, key_rss,
			 TE_RSS_LOW, 100 * 1024, 1024 * 1024 },
	[COLUMN_THR] = { "THR", NULL, "THR", 4, 2, true, NEED_STAT, cell_thr, key_thr,
			 NO_LEVEL },
	[COLUMN_ELAPSED] = { "ELAPSED", NULL, "ELAPSED", 8, 3, true, NEED_STAT, cell_elapsed,
			     key_elapsed, NO_LEVEL },
	[COLUMN_TASK] = { "TASK", NULL, "TASK", 0, 0, false, NEED_TASK, NULL, NULL, NO_LEVEL },
	[COLUMN_COMMAND] = { "COMMAND", NULL, "COMMAND", 0, 0, false, NEED_CMDLINE, NULL, NULL,
			     NO_LEVEL },
};

int column_level_elem(enum column_id id, const struct proc *p)
{
	const struct column *c = column_get(id);
	if (!c || c->level_elem < 0 || !c->key)
		return -1;
	double v = c->key(p);
	return c->level_elem + (v >= c->high ? 2 : v >= c->mid ? 1 : 0);
}

const struct column *column_get(enum column_id id)
{
	return (unsigned)id < COLUMN_COUNT ? &table[id] : NULL;
}

static bool named(const char *want, const char *name, size_t len)
{
	return want && strlen(want) == len && strncasecmp(name, want, len) == 0;
}

int column_by_name(const char *name, size_t len)
{
	for (int c = 0; c < COLUMN_COUNT; c++)
		if (named(table[c].name, name, len) || named(table[c].alias, name, len))
			return c;
	return -1;
}

enum column_id column_sort_step(enum column_id id, int step)
{
	int c = (unsigned)id < COLUMN_COUNT ? (int)id : 0;
	for (int i = 0; i < COLUMN_COUNT; i++) {
		c = (c + COLUMN_COUNT + step) % COLUMN_COUNT;
		if (table[c].key)
			break;
	}
	return (enum column_id)c;
}

void columns_header(struct sbuf *b, const enum column_id *cols, size_t n,
		    enum column_id sort, int *at, int *len)
{
	for (size_t i = 0; i < n; i++) {
		const struct column *c = &table[cols[i]];
		if (i)
			sbuf_addc(b, ' ');
		if (cols[i] == sort) {
			*at = (int)b->len;
			*len = c->width;
		}
		sbuf_printf(b, "%*s", c->width, c->heading);
	}
}

void columns_row(struct sbuf *b, const enum column_id *cols, size_t n, const struct proc *p)
{
	char v[32];
	for (size_t i = 0; i < n; i++) {
		const struct column *c = &table[cols[i]];
		if (i)
			sbuf_addc(b, ' ');
		c->cell(v, sizeof v, p);
		sbuf_printf(b, "%*s", c->width, v);
	}
}

int columns_width(const enum column_id *cols, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += table[cols[i]].width + (i ? 1 : 0);
	return w;
}
