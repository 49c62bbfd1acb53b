/* threads.c - user threads as rows: /proc/PID/task listed for processes of several
 * threads, each thread's stat read; CPU% by tick deltas per thread identity. */
#include "threads.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"
#include "signals.h"
#include "util.h"

/* A thread seen at the last call: its ticks then, for the next call's CPU%, and the CPU%
 * shown. */
struct seen {
	int tid;
	unsigned long long start, ticks;
	double at, cpu;
};

/* Calls closer than this (seconds) measure nothing: the figure of the last one stands. */
#define CPU_MIN_INTERVAL 0.01

struct threads {
	struct seen *last, *now;	/* the last call's threads (sorted by tid), this one's */
	size_t nlast, lastcap, nnow, nowcap;
	char **names[2];		/* comm strings of the last two calls */
	size_t nnames[2], namescap[2];
	unsigned turn;
};

threads_t *threads_new(void)
{
	return xcalloc(1, sizeof(struct threads));
}

static void names_free(struct threads *t, unsigned k)
{
	for (size_t i = 0; i < t->nnames[k]; i++)
		free(t->names[k][i]);
	t->nnames[k] = 0;
}

void threads_free(threads_t *t)
{
	if (!t)
		return;
	names_free(t, 0);
	names_free(t, 1);
	free(t->names[0]);
	free(t->names[1]);
	free(t->last);
	free(t->now);
	free(t);
}

static int cmp_tid(const void *a, const void *b)
{
	int x = ((const struct seen *)a)->tid, y = ((const struct seen *)b)->tid;
	return (x > y) - (x < y);
}

/* A copy of s kept until the call after the next one. */
static const char *keep(struct threads *t, const char *s)
{
	unsigned k = t->turn & 1;
	t->names[k] = xgrow(t->names[k], &t->namescap[k], t->nnames[k] + 1, sizeof(char *));
	return t->names[k][t->nnames[k]++] = xstrdup(s);
}

/* The thread's CPU% since the last call that saw it (the same tid and start time: a tid
 * given again is another thread), else its average over its life. Read again at the same
 * clock (the scan's update of a few rows between refreshes), its last figure stands, and
 * the next call measures from the sample that figure came from. */
static double cpu_of(struct threads *t, int tid, const struct pstat *ps, double now, long hz,
		     double uptime)
{
	unsigned long long ticks = ps->utime + ps->stime;
	struct seen key = { .tid = tid }, *was = t->nlast ?
		bsearch(&key, t->last, t->nlast, sizeof *t->last, cmp_tid) : NULL;
	if (was && was->start != ps->start)
		was = NULL;
	t->now = xgrow(t->now, &t->nowcap, t->nnow + 1, sizeof *t->now);
	if (was && now - was->at <= CPU_MIN_INTERVAL) {
		t->now[t->nnow++] = *was;
		return was->cpu;
	}
	double cpu, life = uptime - (double)ps->start / (double)hz;
	if (was)
		cpu = (double)(ticks >= was->ticks ? ticks - was->ticks : 0) / (double)hz /
		      (now - was->at) * 100.0;
	else
		cpu = life > 0 ? (double)ticks / (double)hz / life * 100.0 : 0;
	t->now[t->nnow++] = (struct seen){ tid, ps->start, ticks, now, cpu };
	return cpu;
}

/* The threads of process p (several) appended as rows. */
static void append_of(struct threads *t, const struct proc *p, struct proc **rows, size_t *n,
		      size_t *cap, double now, long hz, double uptime)
{
	char path[PROC_PATH_MAX];
	if (proc_path(path, sizeof path, "%d/task", p->pid) < 0)
		return;
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		char *end;
		long tid = strtol(de->d_name, &end, 10);
		if (*end || tid <= 0 || tid == p->pid)
			continue;
		char name[64], buf[1024];
		snprintf(name, sizeof name, "%ld/stat", tid);
		int fd = openat(dirfd(d), name, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		ssize_t len = read(fd, buf, sizeof buf - 1);
		close(fd);
		struct pstat ps;
		if (len <= 0 || (buf[len] = '\0', pstat_parse(buf, &ps) < 0))
			continue;
		*rows = xgrow(*rows, cap, *n + 1, sizeof **rows);
		struct proc *r = &(*rows)[(*n)++];
		*r = *p;	/* the process's memory, owner, command line, tty */
		r->pid = (int)tid;
		r->ppid = p->pid;
		r->thread = true;
		r->start = ps.start;
		r->state = ps.state;
		r->threads = 1;
		r->priority = ps.priority;
		r->nice = ps.nice;
		r->time_cs = (ps.utime + ps.stime) * 100 / (unsigned long long)hz;
		r->cpu = cpu_of(t, (int)tid, &ps, now, hz, uptime);
		r->comm = keep(t, ps.comm);
		char braced[80];	/* shown as pstree shows a thread: {name} */
		snprintf(braced, sizeof braced, "{%s}", ps.comm);
		r->cmdline = keep(t, braced);
		r->cmdline_len = strlen(r->cmdline);
		r->cmdline_cut = false;
		r->elapsed = uptime - (double)ps.start / (double)hz;
		r->start_time = p->start_time + ((double)ps.start - (double)p->start) / (double)hz;
		if (r->elapsed < 0)
			r->elapsed = 0;
		r->io_read = r->io_write = -1;	/* per thread: not read */
	}
	closedir(d);
}

void threads_append(threads_t *t, const struct proc *procs, size_t nprocs,
		    struct proc **rows, size_t *n, size_t *cap, double now, long hz,
		    double uptime)
{
	t->turn++;
	names_free(t, t->turn & 1);	/* those of the call before the last */
	t->nnow = 0;
	if (hz <= 0)
		hz = 100;
	for (size_t i = 0; i < nprocs; i++)
		if (procs[i].threads > 1 && !procs[i].kthread && !procs[i].thread)
			append_of(t, &procs[i], rows, n, cap, now, hz, uptime);
	qsort(t->now, t->nnow, sizeof *t->now, cmp_tid);
	struct seen *sw = t->last;
	size_t swcap = t->lastcap;
	t->last = t->now;
	t->lastcap = t->nowcap;
	t->nlast = t->nnow;
	t->now = sw;
	t->nowcap = swcap;
}
