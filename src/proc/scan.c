/* scan.c - snapshots of every process, read through libproc2 (the kernel's /proc) or
 * forktop's own reader (any other root); command lines cached per identity. */
#include "scan.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libproc2/misc.h>
#include <libproc2/pids.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "procfs.h"
#include "signals.h"
#include "util.h"

#define PF_KTHREAD 0x00200000UL	/* include/linux/sched.h */
#define CMDLINE_MAX (128 * 1024) /* longer command lines are cut: memory stays bounded */

/* Fields of /proc/PID/stat: one file per process per refresh; then, only when a column
 * shown needs it, the shared memory of /proc/PID/statm (one more file). The own reader
 * reads the same files. /proc/PID/io is read by forktop itself for both readers:
 * libproc2 gives zeros for a file it may not read, where the column must say "-". */
static const enum pids_item stat_items[] = {
	PIDS_ID_PID, PIDS_ID_PPID, PIDS_STATE, PIDS_CMD, PIDS_TICS_ALL,
	PIDS_TICS_BEGAN, PIDS_RSS, PIDS_NLWP, PIDS_FLAGS, PIDS_PRIORITY, PIDS_NICE,
	PIDS_VSIZE_BYTES, PIDS_TTY,
};
enum {
	I_PID, I_PPID, I_STATE, I_CMD, I_TICS, I_BEGAN, I_RSS, I_NLWP, I_FLAGS, I_PRIORITY,
	I_NICE, I_VSIZE, I_TTY,
	I_SHR,		/* PIDS_MEM_SHR, after the stat items when PROC_READ_STATM */
	I_COUNT
};

/* What is remembered about one process identity between refreshes. Kept small: the
 * table has a slot for every process on the machine and then some. */
struct entry {
	int pid;		/* 0: empty slot */
	int ppid;		/* parent at the previous full refresh, 0 before */
	unsigned gen;		/* refresh that last saw it */
	unsigned uid;
	unsigned long long start;
	unsigned long long ticks; /* at the previous read */
	double ticks_time;	/* monotonic time of that read */
	unsigned long long io_read, io_write;	/* /proc/PID/io's bytes at the last read */
	double io_time;		/* the time of that read, 0: none (the rates are unknown) */
	float cpu;		/* last CPU% shown */
	float io_read_rate, io_write_rate;	/* last shown, bytes/s */
	unsigned index;		/* position in procs[] of the current snapshot */
	unsigned cmdline_len;	/* at most CMDLINE_MAX */
	bool cmdline_cut;	/* /proc had more than CMDLINE_MAX bytes */
	char *comm;		/* as the reader gives it (libproc2: control bytes and bad
				 * UTF-8 as '?'; the own reader: the kernel's bytes) */
	char *raw_comm;		/* the kernel's own bytes when they differ, else NULL */
	char *cmdline;
	const char *user;	/* the owner's name, in the scan's users (NULL: not looked up) */
};

struct user {
	unsigned uid;
	char *name;
};

/* One process as a reader gives it: the fields of /proc/PID/stat a snapshot needs, and
 * statm's when read. */
struct raw {
	int pid, ppid;
	char state;
	int threads;
	const char *comm;
	unsigned long long start;	/* ticks after boot */
	unsigned long long ticks;	/* utime + stime */
	unsigned long rss_pages;
	unsigned long flags;
	int priority, nice;
	unsigned long vsize;		/* bytes */
	unsigned tty;
	unsigned long shared_kb;	/* 0 unless PROC_READ_STATM */
};

struct scan {
	struct pids_info *info;	/* libproc2's reader; NULL: the own reader */
	unsigned reads;		/* enum proc_reads: the files read besides stat */
	struct entry *tab;	/* open addressing by pid, linear probing */
	size_t tabcap, tabused;
	struct proc *procs;
	size_t nprocs, procscap;
	unsigned gen;
	double now;		/* clock of the refresh in progress (refresh_begin) */
	long pagekb;
	double btime;		/* btime of the root's stat, read once */
	struct scan_info si;
	struct user *users;
	size_t nusers, userscap;
	struct scan_reparent *moves;	/* re-parented since scan_forget_reparented */
	size_t nmoves, movescap;
};

static size_t slot_of(const struct scan *s, int pid)
{
	return ((unsigned)pid * 2654435761u) & (s->tabcap - 1);
}

static struct entry *entry_find(struct scan *s, int pid)
{
	for (size_t i = slot_of(s, pid);; i = (i + 1) & (s->tabcap - 1)) {
		if (s->tab[i].pid == pid || s->tab[i].pid == 0)
			return &s->tab[i];
	}
}

static void entry_clear(struct entry *e)
{
	free(e->comm);
	free(e->raw_comm);
	free(e->cmdline);
	memset(e, 0, sizeof *e);
}

/* Moves the entries to a table of cap slots, dropping those last seen before refresh
 * oldest_gen (processes that are gone). */
static void table_rehash(struct scan *s, size_t cap, unsigned oldest_gen)
{
	struct entry *old = s->tab;
	size_t oldcap = s->tabcap;
	s->tab = xcalloc(cap, sizeof *s->tab);
	s->tabcap = cap;
	s->tabused = 0;
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].pid)
			continue;
		if (old[i].gen < oldest_gen) {
			entry_clear(&old[i]);
			continue;
		}
		*entry_find(s, old[i].pid) = old[i];
		s->tabused++;
	}
	free(old);
}

/* Drops processes not seen in this refresh; also keeps the table at most half full. */
static void table_sweep(struct scan *s)
{
	size_t live = 0;
	for (size_t i = 0; i < s->tabcap; i++)
		if (s->tab[i].pid && s->tab[i].gen == s->gen)
			live++;
	size_t cap = 1024;
	while (cap < live * 2)	/* at most half full, as entry_update keeps it */
		cap *= 2;
	table_rehash(s, cap, s->gen);	/* after a full refresh: not seen means gone */
}

/* Reads a file below an open /proc/PID directory (or a path, with AT_FDCWD); returns
 * bytes read or -1. */
static ssize_t read_at(int dirfd, const char *name, char *buf, size_t size)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got < size) {
		ssize_t r = read(fd, buf + got, size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return (ssize_t)got;
}

/* A stat file (name below dirfd: "stat", "PID/stat") read and parsed. */
static bool stat_at(int dirfd, const char *name, struct pstat *st)
{
	char buf[1024];
	ssize_t n = read_at(dirfd, name, buf, sizeof buf - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return pstat_parse(buf, st) == 0;
}

/* Command line and owner, read through one /proc/PID fd and checked against the start
 * time, so a pid reused meanwhile cannot lend its command line to the old identity. */
static void entry_read_details(struct entry *e)
{
	char path[PROC_PATH_MAX];
	free(e->cmdline);
	e->cmdline = NULL;
	e->cmdline_len = 0;
	e->cmdline_cut = false;
	if (proc_path(path, sizeof path, "%d", e->pid) < 0)
		return;
	int dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return;
	struct stat st;
	if (fstat(dirfd, &st) == 0)
		e->uid = st.st_uid;
	e->user = NULL;		/* looked up again: an exec may have changed the owner */
	free(e->raw_comm);
	e->raw_comm = NULL;
	char *buf = xmalloc(CMDLINE_MAX);
	ssize_t n = read_at(dirfd, "cmdline", buf, CMDLINE_MAX);
	struct pstat ps;
	bool same = stat_at(dirfd, "stat", &ps) && ps.start == e->start;
	if (same && strchr(e->comm, '?')) {	/* maybe bytes libproc2 masked: the real name
						 * is shown escaped (\e, \x9b), not lost */
		char raw[64];
		ssize_t r = read_at(dirfd, "comm", raw, sizeof raw - 1);
		if (r > 0 && raw[r - 1] == '\n')
			r--;
		if (r > 0 && (raw[r] = '\0', strcmp(raw, e->comm) != 0))
			e->raw_comm = xstrndup(raw, (size_t)r);
	}
	if (n > 0 && same) {
		while (n > 0 && buf[n - 1] == '\0')
			n--;
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		e->cmdline_cut = n == CMDLINE_MAX;
		e->cmdline = xstrndup(buf, (size_t)n);
		e->cmdline_len = (unsigned)n;
	}
	free(buf);
	close(dirfd);
}

static scan_t *scan_create(bool own, char *err, size_t errlen)
{
	struct scan *s = xcalloc(1, sizeof *s);
	DIR *d = own ? opendir(proc_root()) : NULL;
	if (own && !d) {
		snprintf(err, errlen, "cannot read processes from %s: %s", proc_root(),
			 strerror(errno));
		free(s);
		return NULL;
	}
	if (d)
		closedir(d);
	if (!own && procps_pids_new(&s->info, (enum pids_item *)stat_items,
				    (int)ARRAY_LEN(stat_items)) < 0) {
		snprintf(err, errlen, "cannot read processes: is %s mounted?", proc_root());
		free(s);
		return NULL;
	}
	s->tabcap = 1024;
	s->tab = xcalloc(s->tabcap, sizeof *s->tab);
	s->pagekb = sysconf(_SC_PAGESIZE) / 1024;
	s->si.hz = procps_hertz_get();
	if (s->si.hz <= 0)
		s->si.hz = 100;
	return s;
}

scan_t *scan_new(char *err, size_t errlen)
{
	return scan_create(!proc_root_is_kernel(), err, errlen);
}

scan_t *scan_new_own(char *err, size_t errlen)
{
	return scan_create(true, err, errlen);
}

int scan_set_reads(scan_t *s, unsigned reads)
{
	_Static_assert(ARRAY_LEN(stat_items) == I_SHR, "the stat items come first");
	if (reads == s->reads)
		return 0;
	if (s->info && (reads & PROC_READ_STATM) != (s->reads & PROC_READ_STATM)) {
		enum pids_item items[I_COUNT];
		memcpy(items, stat_items, sizeof stat_items);
		items[I_SHR] = PIDS_MEM_SHR;
		if (procps_pids_reset(s->info, items, reads & PROC_READ_STATM ? I_COUNT : I_SHR) < 0)
			return -1;
	}
	s->reads = reads;
	return 1;
}

void scan_free(scan_t *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->tabcap; i++)
		if (s->tab[i].pid)
			entry_clear(&s->tab[i]);
	for (size_t i = 0; i < s->nusers; i++)
		free(s->users[i].name);
	free(s->users);
	free(s->tab);
	free(s->procs);
	free(s->moves);
	if (s->info)
		procps_pids_unref(&s->info);
	free(s);
}

/* CPU% of one process: tick delta since its previous read, or the lifetime average.
 * Updates the entry's ticks. */
static double cpu_percent(const struct scan *s, struct entry *e, bool known,
			  unsigned long long ticks, double elapsed)
{
	double hz = (double)s->si.hz, dt = s->now - e->ticks_time, cpu;
	if (known && e->ticks_time > 0 && dt > 0.01) {
		unsigned long long d = ticks >= e->ticks ? ticks - e->ticks : 0;
		cpu = (double)d / hz / dt * 100.0;
	} else if (known && e->ticks_time > 0) {
		return -1;	/* read again too soon to tell: keep the shown value */
	} else {
		cpu = elapsed > 0 ? (double)ticks / hz / elapsed * 100.0 : 0.0;
	}
	e->ticks = ticks;
	e->ticks_time = s->now;
	return cpu;
}

/* The identity's cache entry, (re)created on first sight, pid reuse or exec. */
static struct entry *entry_update(struct scan *s, int pid, unsigned long long start,
				  const char *comm, bool kthread, bool *known)
{
	if (s->tabused * 2 >= s->tabcap)
		table_rehash(s, s->tabcap * 2, s->gen - 1); /* mid-refresh: keep the last one's */
	struct entry *e = entry_find(s, pid);
	*known = e->pid == pid && e->start == start;
	if (e->pid == pid && !*known)
		entry_clear(e);		/* the pid was reused: a new process */
	if (!e->pid) {
		e->pid = pid;
		e->start = start;
		s->tabused++;
	}
	if (!e->comm || strcmp(e->comm, comm) != 0) {
		free(e->comm);
		e->comm = xstrdup(comm);
		if (!kthread)
			entry_read_details(e);
	}
	return e;
}

/* The storage bytes of /proc/PID/io; false when it cannot be read (another user's
 * process, unless forktop runs as root). */
static bool read_io(int pid, unsigned long long *rd, unsigned long long *wr)
{
	char path[PROC_PATH_MAX], buf[512];
	ssize_t n = proc_path(path, sizeof path, "%d/io", pid) == 0 ?
		    read_at(AT_FDCWD, path, buf, sizeof buf - 1) : -1;
	if (n <= 0)
		return false;
	buf[n] = '\0';
	const char *r = strstr(buf, "\nread_bytes: "), *w = strstr(buf, "\nwrite_bytes: ");
	if (!r || !w)
		return false;
	*rd = strtoull(r + strlen("\nread_bytes: "), NULL, 10);
	*wr = strtoull(w + strlen("\nwrite_bytes: "), NULL, 10);
	return true;
}

/* Read and write rates since the previous read of the same identity (PROC_READ_IO). */
static void io_rates(struct scan *s, struct entry *e, bool known, struct proc *p)
{
	unsigned long long rd, wr;
	p->io_read = p->io_write = -1;
	if (!(s->reads & PROC_READ_IO) || !read_io(p->pid, &rd, &wr)) {
		e->io_time = 0;
		return;
	}
	double dt = s->now - e->io_time;
	if (known && e->io_time > 0 && dt <= 0.01) {	/* too soon to tell: as shown */
		p->io_read = e->io_read_rate;
		p->io_write = e->io_write_rate;
		return;
	}
	if (known && e->io_time > 0) {
		p->io_read = rd >= e->io_read ? (double)(rd - e->io_read) / dt : 0;
		p->io_write = wr >= e->io_write ? (double)(wr - e->io_write) / dt : 0;
	}
	e->io_read = rd;
	e->io_write = wr;
	e->io_time = s->now;
	e->io_read_rate = (float)p->io_read;
	e->io_write_rate = (float)p->io_write;
}

/* Everything after the reading, whichever reader read r: identity, command line, CPU%,
 * I/O rates, re-parenting. */
static void fill_proc(struct scan *s, struct proc *p, const struct raw *r)
{
	double hz = (double)s->si.hz;
	p->pid = r->pid;
	p->ppid = r->ppid;
	p->state = r->state;
	p->start = r->start;
	p->threads = r->threads;
	p->rss_kb = r->rss_pages * (unsigned long)s->pagekb;
	p->kthread = (r->flags & PF_KTHREAD) != 0;
	p->priority = r->priority;
	p->nice = r->nice;
	p->vsize_kb = r->vsize / 1024;
	p->shared_kb = r->shared_kb;
	p->tty = r->tty;
	p->time_cs = r->ticks * 100 / (unsigned long long)s->si.hz;
	p->start_time = s->si.boot_time + (double)p->start / hz;
	p->elapsed = s->si.uptime - (double)p->start / hz;
	if (p->elapsed < 0)
		p->elapsed = 0;
	p->mem = s->si.mem_total_kb ? (double)p->rss_kb * 100.0 / (double)s->si.mem_total_kb : 0;
	bool known;
	struct entry *e = entry_update(s, p->pid, p->start, r->comm, p->kthread, &known);
	double cpu = cpu_percent(s, e, known, r->ticks, p->elapsed);
	p->cpu = cpu >= 0 ? cpu : e->cpu;
	e->cpu = (float)p->cpu;
	e->gen = s->gen;
	io_rates(s, e, known, p);
	p->uid = e->uid;
	if (!e->user)
		e->user = scan_user(s, e->uid);
	p->user = e->user;
	p->comm = e->raw_comm ? e->raw_comm : e->comm;
	p->cmdline = e->cmdline ? e->cmdline : "";
	p->cmdline_len = e->cmdline_len;
	p->cmdline_cut = e->cmdline && e->cmdline_cut;
	/* A zombie adopted by init has not moved: it ended (its parent first). */
	if (known && e->ppid && e->ppid != p->ppid && p->state != 'Z' && p->state != 'X') {
		s->moves = xgrow(s->moves, &s->movescap, s->nmoves + 1, sizeof *s->moves);
		s->moves[s->nmoves++] = (struct scan_reparent){ p->pid, p->start, e->ppid, p->ppid };
	}
	e->ppid = p->ppid;
}

/* The boot time the kernel keeps (btime in /proc/stat): the same on every run, so
 * start times computed from it do not drift with the clock's second; 0 if unreadable. */
static double read_btime(void)
{
	char path[PROC_PATH_MAX], line[256];
	double bt = 0;
	FILE *f = proc_path(path, sizeof path, "stat") == 0 ? fopen(path, "re") : NULL;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "btime ", 6) == 0) {
			bt = strtod(line + 6, NULL);
			break;
		}
	if (f)
		fclose(f);
	return bt;
}

/* The first n numbers of a file below the root ("12345.67 890.12"), read as the kernel
 * writes them whatever the locale's decimal point. Returns how many there were. */
static int read_decimals(const char *name, double *v, int n)
{
	char path[PROC_PATH_MAX], buf[256];
	ssize_t len = proc_path(path, sizeof path, "%s", name) == 0 ?
		      read_at(AT_FDCWD, path, buf, sizeof buf - 1) : -1;
	if (len <= 0)
		return 0;
	buf[len] = '\0';
	const char *p = buf;
	int k = 0;
	for (; k < n; k++) {
		while (*p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			break;
		double x = 0, unit = 1;
		for (; isdigit((unsigned char)*p); p++)
			x = x * 10 + (*p - '0');
		if (*p == '.')
			for (p++; isdigit((unsigned char)*p); p++)
				x += (*p - '0') * (unit /= 10);
		v[k] = x;
	}
	return k;
}

/* MemTotal of the root's meminfo in KiB, 0 if unreadable. */
static unsigned long long read_mem_total(void)
{
	char path[PROC_PATH_MAX], buf[256];
	ssize_t n = proc_path(path, sizeof path, "meminfo") == 0 ?
		    read_at(AT_FDCWD, path, buf, sizeof buf - 1) : -1;
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	const char *t = strstr(buf, "MemTotal:");
	return t ? strtoull(t + strlen("MemTotal:"), NULL, 10) : 0;
}

/* Uptime, load, boot time and memory size, from the root as the processes are. */
static void read_system(struct scan *s)
{
	if (read_decimals("uptime", &s->si.uptime, 1) < 1)
		s->si.uptime = 0;
	if (read_decimals("loadavg", s->si.load, 3) < 3)
		s->si.load[0] = s->si.load[1] = s->si.load[2] = 0;
	if (s->btime <= 0)
		s->btime = read_btime();
	if (!s->si.mem_total_kb)
		s->si.mem_total_kb = read_mem_total();
	s->si.boot_time = s->btime > 0 ? s->btime : (double)time(NULL) - s->si.uptime;
}

/* Starts a refresh. CPU% deltas are measured by the monotonic clock with libproc2 (the
 * kernel's /proc); the own reader's clock is its root's uptime, so a tree of files says
 * how much time passed between two refreshes. */
static void refresh_begin(struct scan *s)
{
	s->gen++;
	read_system(s);
	s->now = s->info || s->si.uptime <= 0 ? clock_now() : s->si.uptime;
	s->nprocs = 0;
	s->si.nkthreads = s->si.running = 0;
}

static void refresh_add(struct scan *s, const struct raw *r)
{
	s->procs = xgrow(s->procs, &s->procscap, s->nprocs + 1, sizeof *s->procs);
	struct proc *p = &s->procs[s->nprocs];
	fill_proc(s, p, r);
	entry_find(s, p->pid)->index = (unsigned)s->nprocs++;
	s->si.nkthreads += p->kthread;
	s->si.running += p->state == 'R';
}

static void refresh_end(struct scan *s)
{
	s->si.nprocs = s->nprocs;
	if (s->gen % 16 == 0 || s->tabused > s->nprocs * 2)
		table_sweep(s);
}

/* libproc2: the kernel's /proc, one stat file per process. */
static int refresh_libproc2(struct scan *s, char *err, size_t errlen)
{
	struct pids_fetch *f = procps_pids_reap(s->info, PIDS_FETCH_TASKS_ONLY);
	if (!f) {
		snprintf(err, errlen, "cannot read processes: %s", strerror(errno));
		return -1;
	}
	refresh_begin(s);
	size_t n = (size_t)f->counts->total;
	s->procs = xgrow(s->procs, &s->procscap, n, sizeof *s->procs);
	for (size_t i = 0; i < n; i++) {
		struct pids_stack *st = f->stacks[i];
		struct raw r = {
			.pid = PIDS_VAL(I_PID, s_int, st, s->info),
			.ppid = PIDS_VAL(I_PPID, s_int, st, s->info),
			.state = PIDS_VAL(I_STATE, s_ch, st, s->info),
			.threads = PIDS_VAL(I_NLWP, s_int, st, s->info),
			.comm = PIDS_VAL(I_CMD, str, st, s->info),
			.start = PIDS_VAL(I_BEGAN, ull_int, st, s->info),
			.ticks = PIDS_VAL(I_TICS, ull_int, st, s->info),
			.rss_pages = PIDS_VAL(I_RSS, ul_int, st, s->info),
			.flags = PIDS_VAL(I_FLAGS, ul_int, st, s->info),
			.priority = PIDS_VAL(I_PRIORITY, s_int, st, s->info),
			.nice = PIDS_VAL(I_NICE, s_int, st, s->info),
			.vsize = PIDS_VAL(I_VSIZE, ul_int, st, s->info),
			.tty = (unsigned)PIDS_VAL(I_TTY, s_int, st, s->info),
		};
		if (s->reads & PROC_READ_STATM)
			r.shared_kb = PIDS_VAL(I_SHR, ul_int, st, s->info);
		refresh_add(s, &r);
	}
	refresh_end(s);
	return 0;
}

/* A directory name that is a pid, or 0. */
static int pid_of(const char *name)
{
	char *end;
	if (!isdigit((unsigned char)name[0]))
		return 0;
	errno = 0;
	long pid = strtol(name, &end, 10);
	return *end || errno || pid <= 0 || pid > INT_MAX ? 0 : (int)pid;
}

/* The shared memory of a statm file (third field, pages) in KiB; 0 if unreadable. */
static unsigned long statm_shared(const struct scan *s, int dir, const char *pid)
{
	char name[300], buf[256];
	unsigned long size, resident, shared;
	snprintf(name, sizeof name, "%s/statm", pid);
	ssize_t n = read_at(dir, name, buf, sizeof buf - 1);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "%lu %lu %lu", &size, &resident, &shared) != 3)
		return 0;
	return shared * (unsigned long)s->pagekb;
}

/* The own reader: every pid directory below the root, its stat file through pstat_parse.
 * A process that is gone, unreadable or garbled is left out; the refresh goes on. */
static int refresh_own(struct scan *s, char *err, size_t errlen)
{
	DIR *d = opendir(proc_root());
	if (!d) {
		snprintf(err, errlen, "cannot read processes from %s: %s", proc_root(),
			 strerror(errno));
		return -1;
	}
	refresh_begin(s);
	struct dirent *de;
	while ((de = readdir(d))) {
		char name[sizeof de->d_name + 8];
		struct pstat ps;
		int pid = pid_of(de->d_name);
		snprintf(name, sizeof name, "%s/stat", de->d_name);
		if (!pid || !stat_at(dirfd(d), name, &ps))
			continue;
		struct raw r = {
			.pid = pid, .ppid = ps.ppid, .state = ps.state, .threads = ps.threads,
			.comm = ps.comm, .start = ps.start, .ticks = ps.utime + ps.stime,
			.rss_pages = ps.rss, .flags = ps.flags, .priority = ps.priority,
			.nice = ps.nice, .vsize = ps.vsize, .tty = ps.tty,
		};
		if (s->reads & PROC_READ_STATM)
			r.shared_kb = statm_shared(s, dirfd(d), de->d_name);
		refresh_add(s, &r);
	}
	closedir(d);
	refresh_end(s);
	return 0;
}

int scan_refresh(scan_t *s, char *err, size_t errlen)
{
	return s->info ? refresh_libproc2(s, err, errlen) : refresh_own(s, err, errlen);
}

const struct proc *scan_procs(const scan_t *s, size_t *n)
{
	*n = s->nprocs;
	return s->procs;
}

const struct scan_reparent *scan_reparented(const scan_t *s, size_t *n)
{
	*n = s->nmoves;
	return s->moves;
}

void scan_forget_reparented(scan_t *s)
{
	s->nmoves = 0;
}

const struct scan_info *scan_info(const scan_t *s)
{
	return &s->si;
}

const char *scan_user(scan_t *s, unsigned uid)
{
	for (size_t i = 0; i < s->nusers; i++)
		if (s->users[i].uid == uid)
			return s->users[i].name;
	char num[16];
	struct passwd *pw = getpwuid(uid);
	snprintf(num, sizeof num, "%u", uid);
	s->users = xgrow(s->users, &s->userscap, s->nusers + 1, sizeof *s->users);
	s->users[s->nusers].uid = uid;
	s->users[s->nusers].name = xstrdup(pw ? pw->pw_name : num);
	return s->users[s->nusers++].name;
}

bool scan_zombie_exitcode(int pid, unsigned long long start, int *exitcode)
{
	char path[PROC_PATH_MAX];
	if (proc_path(path, sizeof path, "%d", pid) < 0)
		return false;
	int dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return false;
	struct pstat ps;
	bool ok = stat_at(dirfd, "stat", &ps);
	close(dirfd);
	if (!ok || ps.state != 'Z' || ps.start != start)
		return false;
	int ws = ps.exit_status;
	*exitcode = (ws & 0x7f) ? -(ws & 0x7f) : (ws >> 8) & 0xff;
	return true;
}
