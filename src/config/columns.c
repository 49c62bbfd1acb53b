/* columns.c - the column table, the cells it formats, and a line's layout. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1		/* strverscmp */
#endif
#include "columns.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "theme.h"

static void cell_pid(char *b, size_t n, const struct proc *p) { snprintf(b, n, "%d", p->pid); }
static void cell_ppid(char *b, size_t n, const struct proc *p) { snprintf(b, n, "%d", p->ppid); }
static void cell_thr(char *b, size_t n, const struct proc *p) { snprintf(b, n, "%d", p->threads); }
static void cell_ni(char *b, size_t n, const struct proc *p) { snprintf(b, n, "%d", p->nice); }
static void cell_cpu(char *b, size_t n, const struct proc *p) { format_cpu(b, n, p->cpu); }
static void cell_mem(char *b, size_t n, const struct proc *p) { format_cpu(b, n, p->mem); }
static void cell_res(char *b, size_t n, const struct proc *p) { format_kb(b, n, p->rss_kb); }
static void cell_virt(char *b, size_t n, const struct proc *p) { format_kb(b, n, p->vsize_kb); }
static void cell_shr(char *b, size_t n, const struct proc *p) { format_kb(b, n, p->shared_kb); }
static void cell_time(char *b, size_t n, const struct proc *p) { format_time(b, n, p->time_cs); }
static void cell_tty(char *b, size_t n, const struct proc *p) { format_tty(b, n, p->tty); }
static void cell_io_read(char *b, size_t n, const struct proc *p) { format_rate(b, n, p->io_read); }
static void cell_io_write(char *b, size_t n, const struct proc *p)
{
	format_rate(b, n, p->io_write);
}

static void cell_state(char *b, size_t n, const struct proc *p)
{
	/* One byte from the kernel; anything unprintable is shown as '?'. */
	snprintf(b, n, "%c", p->state > ' ' && p->state < 0x7f ? p->state : '?');
}

static void cell_elapsed(char *b, size_t n, const struct proc *p)
{
	format_elapsed(b, n, p->elapsed);
}

static void cell_start(char *b, size_t n, const struct proc *p)
{
	format_start(b, n, p->start_time, p->elapsed);
}

/* Real-time tasks have priorities from -2 to -100: htop shows "RT" for the top one. */
static void cell_pri(char *b, size_t n, const struct proc *p)
{
	if (p->priority <= -100)
		snprintf(b, n, "RT");
	else
		snprintf(b, n, "%d", p->priority);
}

/* The name from the password database (or a directory service): printable ASCII only. */
static void cell_user(char *b, size_t n, const struct proc *p)
{
	if (!p->user) {
		snprintf(b, n, "%u", p->uid);
		return;
	}
	snprintf(b, n, "%s", p->user);
	for (char *c = b; *c; c++)
		if (*c <= ' ' || *c >= 0x7f)
			*c = '?';
}

static double key_pid(const struct proc *p) { return p->pid; }
static double key_ppid(const struct proc *p) { return p->ppid; }
static double key_pri(const struct proc *p) { return p->priority; }
static double key_ni(const struct proc *p) { return p->nice; }
static double key_state(const struct proc *p) { return (unsigned char)p->state; }
static double key_cpu(const struct proc *p) { return p->cpu; }
static double key_mem(const struct proc *p) { return p->mem; }
static double key_res(const struct proc *p) { return (double)p->rss_kb; }
static double key_virt(const struct proc *p) { return (double)p->vsize_kb; }
static double key_shr(const struct proc *p) { return (double)p->shared_kb; }
static double key_time(const struct proc *p) { return (double)p->time_cs; }
static double key_thr(const struct proc *p) { return p->threads; }
static double key_elapsed(const struct proc *p) { return p->elapsed; }
static double key_start(const struct proc *p) { return (double)p->start; }
static double key_io_read(const struct proc *p) { return p->io_read; }
static double key_io_write(const struct proc *p) { return p->io_write; }

static int cmp_user(const struct proc *a, const struct proc *b)
{
	char x[32], y[32];
	cell_user(x, sizeof x, a);
	cell_user(y, sizeof y, b);
	return strcmp(x, y);
}

/* By name, numbers within names by value: pts/2 before pts/10. */
static int cmp_tty(const struct proc *a, const struct proc *b)
{
	char x[32], y[32];
	format_tty(x, sizeof x, a->tty);
	format_tty(y, sizeof y, b->tty);
	return strverscmp(x, y);
}

/* The command as shown: its command line, or its name for those without one. */
static int cmp_command(const struct proc *a, const struct proc *b)
{
	const char *x = a->cmdline_len ? a->cmdline : a->comm ? a->comm : "";
	const char *y = b->cmdline_len ? b->cmdline : b->comm ? b->comm : "";
	size_t nx = a->cmdline_len ? a->cmdline_len : strlen(x);
	size_t ny = b->cmdline_len ? b->cmdline_len : strlen(y);
	int r = memcmp(x, y, nx < ny ? nx : ny);
	return r ? r : (nx > ny) - (nx < ny);
}

/* CPU% of one core: mid from 10 %, high from 50 %; RES: mid from 100 MiB, high from 1 GiB. */
static const struct column_levels cpu_levels = { TE_CPU_LOW, 10, 50 };
static const struct column_levels res_levels = { TE_RSS_LOW, 100 * 1024, 1024 * 1024 };

/* drop: what a narrow terminal leaves out first, so that the command keeps its room. */
static const struct column table[COLUMN_COUNT] = {
	[COLUMN_PID] = { .name = "PID", .heading = "PID", .what = "process id", .width = 7,
		.needs = NEED_STAT, .cell = cell_pid, .key = key_pid },
	[COLUMN_USER] = { .name = "USER", .heading = "USER", .what = "the owner's user name",
		.width = 9, .left = true, .drop = 14, .needs = NEED_OWNER, .cell = cell_user,
		.cmp = cmp_user },
	[COLUMN_PRI] = { .name = "PRI", .alias = "PRIORITY", .heading = "PRI",
		.what = "kernel priority (20 + nice; RT: real time)", .width = 3, .drop = 1,
		.needs = NEED_STAT, .cell = cell_pri, .key = key_pri },
	[COLUMN_NI] = { .name = "NI", .alias = "NICE", .heading = "NI",
		.what = "nice value, -20 (favoured) to 19", .width = 3, .drop = 11,
		.needs = NEED_STAT, .cell = cell_ni, .key = key_ni },
	[COLUMN_VIRT] = { .name = "VIRT", .heading = "VIRT", .what = "virtual memory size",
		.width = 5, .drop = 3, .natural_desc = true, .needs = NEED_STAT,
		.cell = cell_virt, .key = key_virt },
	[COLUMN_RES] = { .name = "RES", .alias = "RSS", .heading = "RES",
		.what = "resident memory (RSS)", .width = 5, .drop = 15, .natural_desc = true,
		.needs = NEED_STAT, .cell = cell_res, .key = key_res,
		.levels = &res_levels },
	[COLUMN_SHR] = { .name = "SHR", .heading = "SHR",
		.what = "shared memory (file-backed and shared pages)", .width = 5, .drop = 2,
		.natural_desc = true, .needs = NEED_STATM, .cell = cell_shr, .key = key_shr },
	[COLUMN_STATE] = { .name = "S", .alias = "STATE", .heading = "S",
		.what = "state: R run, S sleep, D disk, T stopped, Z zombie",
		.width = 1, .needs = NEED_STAT, .cell = cell_state, .key = key_state },
	[COLUMN_CPU] = { .name = "CPU", .alias = "CPU%", .heading = "CPU%",
		.what = "CPU use since the last refresh, % of one core", .width = 5,
		.drop = 16, .natural_desc = true, .needs = NEED_STAT, .cell = cell_cpu,
		.key = key_cpu, .levels = &cpu_levels },
	[COLUMN_MEM] = { .name = "MEM", .alias = "MEM%", .heading = "MEM%",
		.what = "resident memory, % of the machine's", .width = 4, .drop = 13,
		.natural_desc = true, .needs = NEED_STAT | NEED_MEMINFO, .cell = cell_mem,
		.key = key_mem },
	[COLUMN_TIME] = { .name = "TIME", .alias = "TIME+", .heading = "TIME+",
		.what = "CPU time used, user + system (m:ss.cc, h:mm:ss)", .width = 9,
		.drop = 12, .natural_desc = true, .needs = NEED_STAT, .cell = cell_time,
		.key = key_time },
	[COLUMN_TASK] = { .name = "TASK", .heading = "TASK",
		.what = "forktop's tasks: their state (once there are tasks)",
		.needs = NEED_TASK },
	[COLUMN_COMMAND] = { .name = "COMMAND", .heading = "COMMAND",
		.what = "command line, in the tree", .left = true, .needs = NEED_CMDLINE,
		.cmp = cmp_command },
	[COLUMN_PPID] = { .name = "PPID", .heading = "PPID", .what = "parent's process id",
		.width = 7, .drop = 6, .needs = NEED_STAT, .cell = cell_ppid, .key = key_ppid },
	[COLUMN_THR] = { .name = "THR", .alias = "NLWP", .heading = "THR",
		.what = "threads", .width = 4, .drop = 7, .natural_desc = true,
		.needs = NEED_STAT, .cell = cell_thr, .key = key_thr },
	[COLUMN_ELAPSED] = { .name = "ELAPSED", .heading = "ELAPSED",
		.what = "time since it started", .width = 8, .drop = 8, .natural_desc = true,
		.needs = NEED_STAT, .cell = cell_elapsed, .key = key_elapsed },
	[COLUMN_START] = { .name = "START", .heading = "START",
		.what = "start time: of day, or the date past a day", .width = 5,
		.drop = 5, .needs = NEED_STAT, .cell = cell_start, .key = key_start },
	[COLUMN_TTY] = { .name = "TTY", .heading = "TTY",
		.what = "controlling terminal (? for none)", .width = 8, .left = true,
		.drop = 4, .needs = NEED_STAT, .cell = cell_tty, .cmp = cmp_tty },
	[COLUMN_IO_READ] = { .name = "IO_R", .alias = "IO_READ_RATE", .heading = "IO_R",
		.what = "bytes/s read from storage (- when not readable)", .width = 5,
		.drop = 9, .natural_desc = true, .needs = NEED_IO, .cell = cell_io_read,
		.key = key_io_read },
	[COLUMN_IO_WRITE] = { .name = "IO_W", .alias = "IO_WRITE_RATE", .heading = "IO_W",
		.what = "bytes/s written to storage (- when not readable)", .width = 5,
		.drop = 10, .natural_desc = true, .needs = NEED_IO, .cell = cell_io_write,
		.key = key_io_write },
};

int column_level_elem(enum column_id id, const struct proc *p)
{
	const struct column *c = column_get(id);
	if (!c || !c->levels || !c->key)
		return -1;
	double v = c->key(p);
	return c->levels->elem + (v >= c->levels->high ? 2 : v >= c->levels->mid ? 1 : 0);
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

bool column_sortable(enum column_id id)
{
	const struct column *c = column_get(id);
	return c && (c->key || c->cmp);
}

int column_compare(enum column_id id, const struct proc *a, const struct proc *b)
{
	const struct column *c = column_get(id);
	if (c && c->cmp)
		return c->cmp(a, b);
	if (!c || !c->key)
		return 0;
	double x = c->key(a), y = c->key(b);
	return (x > y) - (x < y);
}

enum column_id columns_sort_step(const enum column_id *cols, size_t n, enum column_id id,
				 int step)
{
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (cols[i] == id)
			at = i;
	if (at == n)	/* not shown: the first that sorts, as if stepping from the end */
		at = step > 0 ? n - 1 : 0;
	for (size_t k = 0; k < n; k++) {
		at = (at + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
		if (column_sortable(cols[at]))
			return cols[at];
	}
	return COLUMN_PID;
}

size_t columns_sort_menu(const enum column_id *cols, size_t n, enum column_id *out)
{
	bool listed[COLUMN_COUNT] = { false };
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (column_sortable(cols[i]) && !listed[cols[i]]) {
			listed[cols[i]] = true;
			out[k++] = cols[i];
		}
	for (int c = 0; c < COLUMN_COUNT; c++)
		if (column_sortable((enum column_id)c) && !listed[c])
			out[k++] = (enum column_id)c;
	return k;
}

unsigned columns_reads(const enum column_id *cols, size_t n)
{
	unsigned r = 0;
	for (size_t i = 0; i < n; i++)
		if (column_get(cols[i]))
			r |= table[cols[i]].needs & (PROC_READ_STATM | PROC_READ_IO);
	return r;
}

static bool wide_gap(enum column_id c)
{
	return c == COLUMN_TASK || c == COLUMN_COMMAND;
}

int columns_gap(enum column_id before, enum column_id after)
{
	return wide_gap(before) || wide_gap(after) ? 2 : 1;
}

int columns_width(const enum column_id *cols, size_t n, int task_width)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			w += columns_gap(cols[i - 1], cols[i]);
		w += cols[i] == COLUMN_TASK ? task_width :
		     cols[i] == COLUMN_COMMAND ? 0 : table[cols[i]].width;
	}
	return w;
}

void columns_place(const enum column_id *cols, size_t n, int task_width, int width, int *x,
		   int *w)
{
	int rest = width - columns_width(cols, n, task_width), at = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			at += columns_gap(cols[i - 1], cols[i]);
		x[i] = at;
		w[i] = cols[i] == COLUMN_TASK ? task_width :
		       cols[i] == COLUMN_COMMAND ? (rest > 1 ? rest : 1) : table[cols[i]].width;
		at += w[i];
	}
}

/* text aligned in width: a name cut with '+', a number kept whole. */
static void aligned(struct sbuf *b, const char *text, int width, bool left)
{
	int len = (int)strlen(text);
	if (left && len > width && width > 0) {
		sbuf_add(b, text, (size_t)width - 1);
		sbuf_addc(b, '+');
		return;
	}
	if (!left)
		sbuf_fill(b, ' ', width - len);
	sbuf_add(b, text, (size_t)len);
	if (left)
		sbuf_fill(b, ' ', width - len);
}

void columns_header(struct sbuf *b, const enum column_id *cols, size_t n, const int *x,
		    const int *w, enum column_id sort, int *at, int *len)
{
	size_t start = b->len;
	for (size_t i = 0; i < n; i++) {
		const struct column *c = &table[cols[i]];
		while (b->len - start < (size_t)x[i])
			sbuf_addc(b, ' ');
		if (cols[i] == sort) {
			*at = (int)b->len;
			*len = i + 1 < n ? w[i] : (int)strlen(c->heading);
		}
		if (i + 1 < n)
			aligned(b, c->heading, w[i], c->left || !c->cell);
		else
			sbuf_adds(b, c->heading);
	}
}

void column_cell(struct sbuf *b, enum column_id id, const struct proc *p)
{
	const struct column *c = column_get(id);
	char v[64];
	if (!c || !c->cell)
		return;
	c->cell(v, sizeof v, p);
	aligned(b, v, c->width, c->left);
}
