/* scan.c - snapshots of every process, read incrementally by forktop's own reader (or
 * whole by libproc2); command lines cached per identity. */
#include "scan.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libproc2/misc.h>
#include <libproc2/pids.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "procfs.h"
#include "signals.h"
#include "threads.h"
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
	int pid;		/* 0: empty slot, -1: a process that ended (probing goes on) */
	int ppid;		/* parent at the last whole read, 0 before */
	unsigned gen;		/* refresh that last saw it */
	unsigned read_gen;	/* refresh that last read it whole */
	unsigned files_gen;	/* ... with the columns' files (statm, io: reads_of) */
	unsigned parent_gen;	/* refresh whose snapshot had a child of it */
	double read_time;	/* the clock of that read */
	unsigned uid;
	unsigned long long start;
	unsigned long long ticks; /* utime + stime at the last whole read */
	double ticks_time;	/* clock of the read the CPU% by ticks is measured from */
	unsigned long long ticks_base;	/* the ticks of that read */
	unsigned long long run_ns;	/* schedstat's run time at its last read */
	double run_time;	/* clock of that read, 0: none yet */
	unsigned long long run_ns_read;	/* run time at the last whole read (TIME+) */
	int sched_fd;		/* /proc/PID/schedstat held open, or SCHED_* */
	/* stat's fields at the last whole read (and statm's shared memory) */
	char state;
	bool details;		/* command line (and a masked comm's bytes) read */
	bool reread;		/* read whole at the next refresh: its parent ended */
	int threads;
	int priority, nice;
	unsigned tty;
	unsigned long rss_pages, flags, vsize, shared_kb;
	unsigned long long io_read, io_write;	/* /proc/PID/io's bytes at the last read */
	double io_time;		/* the time of that read, 0: none (the rates are unknown) */
	float cpu;		/* last CPU% shown */
	float io_read_rate, io_write_rate;	/* last shown, bytes/s */
	unsigned index;		/* position in procs[] of the current snapshot */
	unsigned cmdline_len;	/* at most CMDLINE_MAX */
	bool cmdline_cut;	/* /proc had more than CMDLINE_MAX bytes */
	char *comm;		/* the kernel's bytes */
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
	const char *comm;		/* the kernel's bytes */
	unsigned long long start;	/* ticks after boot */
	unsigned long long ticks;	/* utime + stime */
	unsigned long rss_pages;
	unsigned long flags;
	int priority, nice;
	unsigned long vsize;		/* bytes */
	unsigned tty;
	unsigned long shared_kb;	/* 0 unless PROC_READ_STATM */
	bool has_owner;			/* the reader knows the owner: */
	unsigned owner;
};

/* entry.sched_fd when no descriptor is held: none yet (open it when there is room), or
 * the root has no schedstat for the process (its CPU% is read from stat every time). */
enum { SCHED_NONE = -1, SCHED_ABSENT = -2 };

/* A process is read whole (stat, and statm and io when asked) at least every SLICES
 * refreshes: its state and memory are at most SLICES - 1 = 5 refreshes old. */
#define SLICES 6
/* Command lines first read per refresh after the first one (which reads only those the
 * screen shows): the rest are read over the next refreshes. */
#define DETAILS_PER_REFRESH 2048

struct scan {
	struct pids_info *info;	/* libproc2's reader (scan_new_libproc2); NULL: the own */
	int rootfd;		/* the proc root, open (the own reader) */
	bool incremental;	/* the own reader: read whole only what is due */
	bool eager;		/* every command line at the first refresh (scan_set_eager) */
	unsigned reads;		/* enum proc_reads: the files read besides stat */
	struct entry *ents;	/* the entries, dense; pid 0: a free one (in free[]) */
	size_t nents, entscap;
	unsigned *free_ents;	/* indexes of the free entries */
	size_t nfree, freecap;
	unsigned *slots;	/* by pid, open addressing, linear probing: index + 1 of an
				 * entry, 0 empty, SLOT_GONE an entry removed (probing goes on) */
	size_t slotcap, slotused;	/* used: entries and SLOT_GONE */
	size_t held, held_max;	/* schedstat descriptors held, and how many may be */
	struct proc *procs;	/* the snapshot, as last published */
	size_t nprocs, procscap;
	struct proc *fresh;	/* the one the refresh in progress builds */
	size_t nfresh, freshcap;
	bool busy;		/* a refresh in progress (scan_begin, scan_step) */
	int *list;		/* its pids, from the listing of the root */
	size_t nlist, listcap, at;	/* at: the next to read */
	unsigned details_left;	/* command lines it may still read */
	void **later;		/* freed when it ends: the published rows point to them */
	size_t nlater, latercap;
	unsigned gen;
	double now;		/* clock of the refresh in progress (refresh_begin) */
	long pagekb;
	double btime;		/* btime of the root's stat, read once */
	struct scan_info si;
	struct user *users;
	size_t nusers, userscap;
	struct scan_reparent *moves;	/* re-parented since scan_forget_reparented */
	size_t nmoves, movescap;
	int *want;		/* pids read whole at every refresh (sorted): the screen's */
	size_t nwant, wantcap;
	int *ended;		/* pids that ended in the refresh in progress (sorted) */
	size_t nended, endedcap;
	threads_t *threads;	/* user threads as rows (scan_set_threads), else NULL */
	struct proc *trows;	/* scratch: their rows before they join the snapshot */
	size_t ntrows, trowscap;
	float *ages;		/* scratch: the ages of the rows not read whole */
	char *cmdbuf;		/* scratch: a command line as read (CMDLINE_MAX) */
	size_t agescap;
};

#define SLOT_GONE UINT_MAX

static size_t slot_of(const struct scan *s, int pid)
{
	return ((unsigned)pid * 2654435761u) & (s->slotcap - 1);
}

/* The slot holding pid's entry, or NULL. */
static unsigned *slot_find(struct scan *s, int pid)
{
	for (size_t i = slot_of(s, pid);; i = (i + 1) & (s->slotcap - 1)) {
		unsigned v = s->slots[i];
		if (v == 0)
			return NULL;
		if (v != SLOT_GONE && s->ents[v - 1].pid == pid)
			return &s->slots[i];
	}
}

/* pid's entry, or NULL. */
static struct entry *entry_find(struct scan *s, int pid)
{
	unsigned *slot = slot_find(s, pid);
	return slot ? &s->ents[*slot - 1] : NULL;
}

/* Frees p, or after the refresh in progress when the published snapshot may point to
 * it. */
static void free_later(struct scan *s, void *p)
{
	if (!s->busy || !p) {
		free(p);
		return;
	}
	s->later = xgrow(s->later, &s->latercap, s->nlater + 1, sizeof *s->later);
	s->later[s->nlater++] = p;
}

static void entry_release(struct scan *s, struct entry *e)
{
	if (e->sched_fd >= 0) {
		close(e->sched_fd);
		s->held--;
	}
	free_later(s, e->comm);
	free_later(s, e->cmdline);
}

/* The process ended: its entry goes back to the free ones. */
static void entry_end(struct scan *s, struct entry *e)
{
	*slot_find(s, e->pid) = SLOT_GONE;
	entry_release(s, e);
	memset(e, 0, sizeof *e);
	s->free_ents = xgrow(s->free_ents, &s->freecap, s->nfree + 1, sizeof *s->free_ents);
	s->free_ents[s->nfree++] = (unsigned)(e - s->ents);
}

/* Puts entry index i in pid's probe chain (pid is not in the table). */
static void slot_put(struct scan *s, int pid, unsigned i)
{
	size_t k = slot_of(s, pid);
	while (s->slots[k] != 0 && s->slots[k] != SLOT_GONE)
		k = (k + 1) & (s->slotcap - 1);
	if (s->slots[k] == 0)
		s->slotused++;
	s->slots[k] = i + 1;
}

/* The slots made again, at most a quarter full with the live entries (the removed ones
 * go). */
static void slots_rehash(struct scan *s)
{
	size_t live = s->nents - s->nfree, cap = 1024;
	while ((live + 1) * 4 > cap)
		cap *= 2;
	free(s->slots);
	s->slots = xcalloc(cap, sizeof *s->slots);
	s->slotcap = cap;
	s->slotused = 0;
	for (size_t i = 0; i < s->nents; i++)
		if (s->ents[i].pid)
			slot_put(s, s->ents[i].pid, (unsigned)i);
}

/* A new entry for pid (not in the table). Entries may move: pointers to others go
 * stale. */
static struct entry *entry_add(struct scan *s, int pid, unsigned long long start)
{
	if ((s->slotused + 1) * 2 > s->slotcap)
		slots_rehash(s);
	unsigned i;
	if (s->nfree) {
		i = s->free_ents[--s->nfree];
	} else {
		s->ents = xgrow(s->ents, &s->entscap, s->nents + 1, sizeof *s->ents);
		i = (unsigned)s->nents++;
	}
	struct entry *e = &s->ents[i];
	memset(e, 0, sizeof *e);
	e->pid = pid;
	e->start = start;
	e->sched_fd = SCHED_NONE;
	slot_put(s, pid, i);
	return e;
}

/* Reads a file below an open directory (or a path, with AT_FDCWD); returns bytes read or
 * -1. */
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
		if (proc_root_is_kernel())	/* /proc/PID/cmdline gives all it has up to */
			break;			/* the size asked: a short read is the end */
	}
	close(fd);
	return (ssize_t)got;
}

/* A small file below dirfd read with one read(): the kernel gives a file of /proc that
 * fits in size whole at the first read, and a second one to see the end would be one
 * more system call per file, per process. */
static ssize_t read_small(int dirfd, const char *name, char *buf, size_t size)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t r;
	do
		r = read(fd, buf, size);
	while (r < 0 && errno == EINTR);
	close(fd);
	return r;
}

/* A stat file (name below dirfd: "stat", "PID/stat") read and parsed; with uid, the
 * owner of the process too (its files are the process's: fstat on the open file costs
 * no path lookup, as fstatat of PID would). */
static bool stat_owner_at(int dirfd, const char *name, struct pstat *st, unsigned *uid)
{
	char buf[1024];
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat sb;
	if (uid)
		*uid = fstat(fd, &sb) == 0 ? sb.st_uid : 0;
	ssize_t n;
	do
		n = read(fd, buf, sizeof buf - 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return pstat_parse(buf, st) == 0;
}

static bool stat_at(int dirfd, const char *name, struct pstat *st)
{
	return stat_owner_at(dirfd, name, st, NULL);
}

/* The owner of pid's directory below the root (cheap: no file is generated). */
static unsigned owner_of(const struct scan *s, int pid)
{
	char name[16];
	struct stat st;
	snprintf(name, sizeof name, "%d", pid);
	return fstatat(s->rootfd, name, &st, 0) == 0 ? st.st_uid : 0;
}

/* Command line. Checked against the start time when the scan keeps it (a pid reused
 * meanwhile must not lend its command line to the old identity for good): through the
 * schedstat descriptor held for the identity, else by reading stat again. */
static void entry_read_details(struct scan *s, struct entry *e)
{
	char name[24];
	free_later(s, e->cmdline);
	e->cmdline = NULL;
	e->cmdline_len = 0;
	e->cmdline_cut = false;
	e->details = true;
	snprintf(name, sizeof name, "%d/cmdline", e->pid);
	s->si.files_read++;
	if (!s->cmdbuf)
		s->cmdbuf = xmalloc(CMDLINE_MAX);
	char *buf = s->cmdbuf;
	ssize_t n = read_at(s->rootfd, name, buf, CMDLINE_MAX);
	bool same = n > 0;
	if (same && s->incremental && e->sched_fd >= 0) {
		char st[64];
		same = pread(e->sched_fd, st, sizeof st, 0) > 0;
	} else if (same && s->incremental) {
		struct pstat ps;
		snprintf(name, sizeof name, "%d/stat", e->pid);
		s->si.files_read++;
		same = stat_at(s->rootfd, name, &ps) && ps.start == e->start;
	}
	if (same) {
		while (n > 0 && buf[n - 1] == '\0')
			n--;
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		e->cmdline_cut = n == CMDLINE_MAX;
		e->cmdline = xstrndup(buf, (size_t)n);
		e->cmdline_len = (unsigned)n;
	}
}

static scan_t *scan_create(bool libproc2, char *err, size_t errlen)
{
	struct scan *s = xcalloc(1, sizeof *s);
	s->rootfd = open(proc_root(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->rootfd < 0) {
		snprintf(err, errlen, "cannot read processes from %s: %s", proc_root(),
			 strerror(errno));
		free(s);
		return NULL;
	}
	if (libproc2 && procps_pids_new(&s->info, (enum pids_item *)stat_items,
					(int)ARRAY_LEN(stat_items)) < 0) {
		snprintf(err, errlen, "cannot read processes: is %s mounted?", proc_root());
		close(s->rootfd);
		free(s);
		return NULL;
	}
	s->incremental = !libproc2;
	s->slotcap = 1024;
	s->slots = xcalloc(s->slotcap, sizeof *s->slots);
	s->pagekb = sysconf(_SC_PAGESIZE) / 1024;
	s->si.hz = procps_hertz_get();
	if (s->si.hz <= 0)
		s->si.hz = 100;
	/* Seven eighths of the descriptors forktop may open are for schedstat files, the
	 * rest (at least 1,024) for tasks, their pipes and pidfds (a task's start is refused
	 * with a message when they run out). */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		s->held_max = rl.rlim_cur > 2048 ? (size_t)(rl.rlim_cur - (rl.rlim_cur / 8 > 1024 ?
							       rl.rlim_cur / 8 : 1024)) : 0;
	else
		s->held_max = 1 << 20;
	return s;
}

scan_t *scan_new(char *err, size_t errlen)
{
	return scan_create(false, err, errlen);
}

scan_t *scan_new_libproc2(char *err, size_t errlen)
{
	return scan_create(true, err, errlen);
}

bool scan_set_threads(scan_t *s, bool on)
{
	if (on == (s->threads != NULL))
		return false;
	if (on) {
		s->threads = threads_new();
	} else {
		threads_free(s->threads);
		s->threads = NULL;
	}
	return true;
}

bool scan_threads(const scan_t *s)
{
	return s->threads != NULL;
}

void scan_set_eager(scan_t *s, bool eager)
{
	s->eager = eager;
}

void scan_set_incremental(scan_t *s, bool incremental)
{
	s->incremental = incremental && !s->info;
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

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static bool in_sorted(const int *v, size_t n, int pid)
{
	return n && bsearch(&pid, v, n, sizeof *v, cmp_int);
}

/* What is read besides stat for pid: the columns' files for the rows on screen, for
 * every row only when asked (PROC_READ_ALL: sorted by such a column, or --tree), so
 * that a column shown costs a file per row on screen, not per process. */
static unsigned reads_of(const struct scan *s, int pid)
{
	if (!s->incremental || s->eager || (s->reads & PROC_READ_ALL) ||
	    in_sorted(s->want, s->nwant, pid))
		return s->reads;
	return 0;
}

void scan_want(scan_t *s, const int *pids, size_t n)
{
	s->want = xgrow(s->want, &s->wantcap, n ? n : 1, sizeof *s->want);
	if (n)
		memcpy(s->want, pids, n * sizeof *pids);
	qsort(s->want, n, sizeof *s->want, cmp_int);
	s->nwant = n;
}

void scan_free(scan_t *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nents; i++)
		if (s->ents[i].pid)
			entry_release(s, &s->ents[i]);
	for (size_t i = 0; i < s->nusers; i++)
		free(s->users[i].name);
	free(s->users);
	free(s->ents);
	free(s->free_ents);
	free(s->slots);
	free(s->procs);
	free(s->fresh);
	free(s->list);
	for (size_t i = 0; i < s->nlater; i++)
		free(s->later[i]);
	free(s->later);
	free(s->moves);
	free(s->want);
	free(s->ended);
	free(s->ages);
	free(s->cmdbuf);
	threads_free(s->threads);
	free(s->trows);
	if (s->info)
		procps_pids_unref(&s->info);
	close(s->rootfd);
	free(s);
}

/* The storage bytes of /proc/PID/io; false when it cannot be read (another user's
 * process, unless forktop runs as root). */
static bool read_io(struct scan *s, int pid, unsigned long long *rd, unsigned long long *wr)
{
	char name[24], buf[512];
	snprintf(name, sizeof name, "%d/io", pid);
	s->si.files_read++;
	ssize_t n = read_small(s->rootfd, name, buf, sizeof buf - 1);
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

/* Read and write rates since the previous read of the same identity (PROC_READ_IO), at
 * a whole read; between them the rates shown stay. */
static void io_rates(struct scan *s, struct entry *e, bool known)
{
	unsigned long long rd, wr;
	if (s->reads & PROC_READ_IO && !(reads_of(s, e->pid) & PROC_READ_IO))
		return;		/* off screen: the rates stay as last read */
	if (!(s->reads & PROC_READ_IO) || !read_io(s, e->pid, &rd, &wr)) {
		e->io_time = 0;
		e->io_read_rate = e->io_write_rate = -1;
		return;
	}
	double dt = s->now - e->io_time;
	if (known && e->io_time > 0 && dt <= 0.01)	/* too soon to tell: as shown */
		return;
	e->io_read_rate = e->io_write_rate = -1;
	if (known && e->io_time > 0) {
		e->io_read_rate = rd >= e->io_read ? (float)((double)(rd - e->io_read) / dt) : 0;
		e->io_write_rate = wr >= e->io_write ? (float)((double)(wr - e->io_write) / dt) : 0;
	}
	e->io_read = rd;
	e->io_write = wr;
	e->io_time = s->now;
}

/* The run time of the process in ns (schedstat's first field) through the descriptor
 * held for it, opened on first use while there is room, else opened for this read.
 * Returns 1 read, 0 not to be had (no such file below this root: use stat), -1 the
 * process of the held descriptor is gone (its pid may be another's now). */
static int sched_read(struct scan *s, struct entry *e, unsigned long long *ns)
{
	char buf[128];
	ssize_t n;
	if (e->sched_fd == SCHED_ABSENT)
		return 0;
	if (e->sched_fd >= 0) {
		n = pread(e->sched_fd, buf, sizeof buf - 1, 0);
		if (n < 0 && errno == ESRCH)
			return -1;
	} else {
		char name[24];
		snprintf(name, sizeof name, "%d/schedstat", e->pid);
		int fd = openat(s->rootfd, name, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT && s->rootfd >= 0 && !proc_root_is_kernel())
				e->sched_fd = SCHED_ABSENT;	/* a tree of files without it */
			return 0;
		}
		n = pread(fd, buf, sizeof buf - 1, 0);
		if (s->held < s->held_max && n > 0) {
			e->sched_fd = fd;
			s->held++;
		} else {
			close(fd);
		}
	}
	s->si.files_read++;
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *end;
	*ns = strtoull(buf, &end, 10);
	return end != buf;
}

/* CPU% by ticks: the delta since the read it is measured from, or the lifetime average
 * on first sight; -1: read again too soon to tell (keep the shown value). */
static double cpu_by_ticks(const struct scan *s, struct entry *e, bool known,
			   unsigned long long ticks, double elapsed)
{
	double hz = (double)s->si.hz, dt = s->now - e->ticks_time, cpu;
	if (known && e->ticks_time > 0 && dt > 0.01) {
		unsigned long long d = ticks >= e->ticks_base ? ticks - e->ticks_base : 0;
		cpu = (double)d / hz / dt * 100.0;
	} else if (known && e->ticks_time > 0) {
		return -1;
	} else {
		cpu = elapsed > 0 ? (double)ticks / hz / elapsed * 100.0 : 0.0;
	}
	e->ticks_base = ticks;
	e->ticks_time = s->now;
	return cpu;
}

/* CPU% by schedstat's run time since its previous read; -1: no previous read, or too
 * soon to tell. */
static double cpu_by_runtime(const struct scan *s, struct entry *e, unsigned long long ns)
{
	double dt = s->now - e->run_time, cpu = -1;
	if (e->run_time > 0 && dt <= 0.01)
		return -1;
	if (e->run_time > 0)
		cpu = (double)(ns >= e->run_ns ? ns - e->run_ns : 0) / 1e9 / dt * 100.0;
	e->run_ns = ns;
	e->run_time = s->now;
	return cpu;
}

/* A whole read's fields into the entry: the new identity's, or the same one's again. */
static void entry_take(struct scan *s, struct entry *e, const struct raw *r)
{
	if (!e->comm || strcmp(e->comm, r->comm) != 0) {	/* first sight or an exec */
		free_later(s, e->comm);
		e->comm = xstrdup(r->comm);
		e->details = false;
		e->user = NULL;		/* an exec may have changed the owner */
	}
	e->state = r->state;
	e->threads = r->threads;
	e->ticks = r->ticks;
	e->rss_pages = r->rss_pages;
	e->flags = r->flags;
	e->priority = r->priority;
	e->nice = r->nice;
	e->vsize = r->vsize;
	e->tty = r->tty;
	if (reads_of(s, r->pid) & PROC_READ_STATM)
		e->shared_kb = r->shared_kb;
	e->read_gen = s->gen;
	if (reads_of(s, r->pid) == s->reads)
		e->files_gen = s->gen;
	e->read_time = s->now;
	e->run_ns_read = e->run_ns;
	e->reread = false;
}

/* The snapshot's row of an entry, as last read (whole or not). */
static void proc_of(struct scan *s, struct proc *p, struct entry *e)
{
	double hz = (double)s->si.hz;
	bool kthread = (e->flags & PF_KTHREAD) != 0;
	*p = (struct proc){
		.pid = e->pid, .ppid = e->ppid, .start = e->start, .state = e->state,
		.kthread = kthread, .threads = e->threads, .cpu = e->cpu,
		.rss_kb = e->rss_pages * (unsigned long)s->pagekb, .uid = e->uid,
		.priority = e->priority, .nice = e->nice, .vsize_kb = e->vsize / 1024,
		.shared_kb = s->reads & PROC_READ_STATM ? e->shared_kb : 0, .tty = e->tty,
		.io_read = s->reads & PROC_READ_IO ? e->io_read_rate : -1,
		.io_write = s->reads & PROC_READ_IO ? e->io_write_rate : -1,
	};
	/* TIME+ goes on by schedstat between whole reads (one thread: the same clock) */
	unsigned long long cs = e->ticks * 100 / (unsigned long long)s->si.hz;
	if (e->threads <= 1 && e->run_ns > e->run_ns_read && e->read_gen != s->gen)
		cs += (e->run_ns - e->run_ns_read) / 10000000ULL;
	p->time_cs = cs;
	p->start_time = s->si.boot_time + (double)e->start / hz;
	p->elapsed = s->si.uptime - (double)e->start / hz;
	if (p->elapsed < 0)
		p->elapsed = 0;
	p->mem = s->si.mem_total_kb ? (double)p->rss_kb * 100.0 / (double)s->si.mem_total_kb : 0;
	if (!e->user)
		e->user = scan_user(s, e->uid);
	p->user = e->user;
	p->comm = e->comm;
	p->cmdline = e->cmdline ? e->cmdline : "";
	p->cmdline_len = e->cmdline_len;
	p->cmdline_cut = e->cmdline && e->cmdline_cut;
}

/* The parent of a whole read: a live process whose parent changed is re-parented. */
static void note_parent(struct scan *s, struct entry *e, bool known, int ppid, char state)
{
	/* A zombie adopted by init has not moved: it ended (its parent first). */
	if (known && e->ppid && e->ppid != ppid && state != 'Z' && state != 'X') {
		s->moves = xgrow(s->moves, &s->movescap, s->nmoves + 1, sizeof *s->moves);
		s->moves[s->nmoves++] = (struct scan_reparent){ e->pid, e->start, e->ppid, ppid };
	}
	e->ppid = ppid;
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
static int read_decimals(const struct scan *s, const char *name, double *v, int n)
{
	char buf[256];
	ssize_t len = read_small(s->rootfd, name, buf, sizeof buf - 1);
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
static unsigned long long read_mem_total(const struct scan *s)
{
	char buf[256];
	ssize_t n = read_small(s->rootfd, "meminfo", buf, sizeof buf - 1);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	const char *t = strstr(buf, "MemTotal:");
	return t ? strtoull(t + strlen("MemTotal:"), NULL, 10) : 0;
}

/* Uptime, load, boot time and memory size, from the root as the processes are. */
static void read_system(struct scan *s)
{
	if (read_decimals(s, "uptime", &s->si.uptime, 1) < 1)
		s->si.uptime = 0;
	if (read_decimals(s, "loadavg", s->si.load, 3) < 3)
		s->si.load[0] = s->si.load[1] = s->si.load[2] = 0;
	if (s->btime <= 0)
		s->btime = read_btime();
	if (!s->si.mem_total_kb)
		s->si.mem_total_kb = read_mem_total(s);
	s->si.boot_time = s->btime > 0 ? s->btime : (double)time(NULL) - s->si.uptime;
}

/* Starts a refresh. CPU% deltas are measured by the monotonic clock on the kernel's
 * /proc; on another root by its uptime, so a tree of files says how much time passed
 * between two refreshes. */
static void refresh_begin(struct scan *s)
{
	s->gen++;
	read_system(s);
	s->now = proc_root_is_kernel() || s->si.uptime <= 0 ? clock_now() : s->si.uptime;
	s->nfresh = 0;
	s->si.files_read = 3;
}

static struct proc *refresh_add(struct scan *s, struct entry *e)
{
	s->fresh = xgrow(s->fresh, &s->freshcap, s->nfresh + 1, sizeof *s->fresh);
	struct proc *p = &s->fresh[s->nfresh];
	e->gen = s->gen;
	e->index = (unsigned)s->nfresh++;
	proc_of(s, p, e);
	return p;
}

/* The entry of a whole read, (re)made on first sight or pid reuse; *known: the same
 * identity as before. */
static struct entry *entry_of(struct scan *s, const struct raw *r, bool *known,
			      const unsigned *uid)
{
	struct entry *e = entry_find(s, r->pid);
	*known = e && e->start == r->start;
	if (e && !*known)
		entry_end(s, e);	/* the pid was reused: a new process */
	if (!*known) {
		e = entry_add(s, r->pid, r->start);
		e->uid = uid ? *uid : r->has_owner ? r->owner : owner_of(s, r->pid);
	}
	return e;
}

/* A whole read given to its entry: CPU% by ticks (libproc2, or where schedstat cannot
 * tell: a process of several threads, or none to be had), the command line on first
 * sight (unless left for later), the I/O rates. */
static void take_whole(struct scan *s, struct entry *e, bool known, const struct raw *r,
		       bool sched_ok, bool details_now)
{
	double elapsed = s->si.uptime - (double)r->start / (double)s->si.hz;
	note_parent(s, e, known, r->ppid, r->state);
	entry_take(s, e, r);
	double cpu = cpu_by_ticks(s, e, known, r->ticks, elapsed > 0 ? elapsed : 0);
	if (!sched_ok || r->threads > 1 || !known)
		e->cpu = cpu >= 0 ? (float)cpu : e->cpu;
	if (!e->details && !(r->flags & PF_KTHREAD) && details_now)
		entry_read_details(s, e);
	io_rates(s, e, known);
}

/* The shared memory of a statm file (third field, pages) in KiB; 0 if unreadable.
 * Touches nothing of the scan but *files: the first refresh's workers call it too. */
static unsigned long statm_at(const struct scan *s, int pid, size_t *files)
{
	char name[32], buf[256];
	unsigned long size, resident, shared;
	snprintf(name, sizeof name, "%d/statm", pid);
	(*files)++;
	ssize_t n = read_small(s->rootfd, name, buf, sizeof buf - 1);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *p = buf, *end;
	size = strtoul(p, &end, 10);	/* size resident shared ... in pages */
	resident = end > p ? strtoul(p = end, &end, 10) : 0;
	shared = end > p ? strtoul(p = end, &end, 10) : 0;
	(void)size, (void)resident;
	return end > p ? shared * (unsigned long)s->pagekb : 0;
}

static unsigned long statm_shared(struct scan *s, int pid)
{
	return statm_at(s, pid, &s->si.files_read);
}

static void raw_of(struct raw *r, int pid, const struct pstat *ps, unsigned long shared_kb)
{
	*r = (struct raw){
		.pid = pid, .ppid = ps->ppid, .state = ps->state, .threads = ps->threads,
		.comm = ps->comm, .start = ps->start, .ticks = ps->utime + ps->stime,
		.rss_pages = ps->rss, .flags = ps->flags, .priority = ps->priority,
		.nice = ps->nice, .vsize = ps->vsize, .tty = ps->tty, .shared_kb = shared_kb,
	};
}

/* The own reader's whole read of pid: stat, and statm when asked. */
static bool read_whole(struct scan *s, int pid, struct pstat *ps, struct raw *r)
{
	char name[24];
	snprintf(name, sizeof name, "%d/stat", pid);
	s->si.files_read++;
	unsigned owner;
	if (!stat_owner_at(s->rootfd, name, ps, &owner))
		return false;
	raw_of(r, pid, ps, reads_of(s, pid) & PROC_READ_STATM ? statm_shared(s, pid) : 0);
	r->has_owner = true;
	r->owner = owner;
	return true;
}

/* Whether a process seen before is read whole in this refresh. */
static bool due_whole(const struct scan *s, const struct entry *e, int sched)
{
	return !s->incremental || sched != 1 || e->run_time == 0 || e->reread || e->threads > 1 ||
	       e->parent_gen + 1 == s->gen ||	/* a parent: its end moves its children */
	       ((unsigned)e->pid + s->gen) % SLICES == 0 || in_sorted(s->want, s->nwant, e->pid);
}

/* One pid of the listing: sampled (schedstat) and, when due, read whole. Command lines
 * are read on first sight, but at the first refresh only for the screen's rows (the
 * rest follow, DETAILS_PER_REFRESH at each refresh), unless scan_set_eager. */
static void refresh_pid(struct scan *s, int pid, unsigned *details_left)
{
	struct entry *e = entry_find(s, pid);
	unsigned long long ns = 0;
	int sched = 0;
	double cpu = -1;
	if (e) {
		sched = sched_read(s, e, &ns);
		if (sched < 0) {	/* ended; the pid is another process's now */
			entry_end(s, e);
			e = NULL;
			sched = 0;
		}
	}
	bool known = e != NULL;
	if (!known || due_whole(s, e, sched)) {
		struct pstat ps;
		struct raw r;
		if (!read_whole(s, pid, &ps, &r))
			return;		/* gone meanwhile */
		e = entry_of(s, &r, &known, NULL);
		if (!known && s->incremental)
			sched = sched_read(s, e, &ns);
		if (sched == 1)
			cpu = cpu_by_runtime(s, e, ns);
		take_whole(s, e, known, &r, cpu >= 0, false);	/* by ticks if not by runtime */
	} else if (sched == 1) {
		cpu = cpu_by_runtime(s, e, ns);
	}
	if (cpu >= 0 && e->threads <= 1)
		e->cpu = (float)cpu;
	if (!e->details && !(e->flags & PF_KTHREAD)) {
		bool wanted = s->eager || in_sorted(s->want, s->nwant, pid);
		if (wanted || (s->gen > 1 && *details_left > 0)) {
			*details_left -= !wanted;
			entry_read_details(s, e);
		}
	}
	refresh_add(s, e);
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

/* A pid of the listing, in the refresh's list. */
static void list_add(struct scan *s, int pid)
{
	s->list = xgrow(s->list, &s->listcap, s->nlist + 1, sizeof *s->list);
	s->list[s->nlist++] = pid;
}

/* The first refresh reads every process whole: with several cores, workers read the
 * files ahead (stat, statm, owner, and the command lines when eager) while nothing of
 * the scan changes; the scan then takes their results in the listing's order. */
#define AHEAD_MIN 512		/* fewer processes: not worth a thread */
#define AHEAD_WORKERS 4		/* at most, the caller included */
#define AHEAD_CHUNK 64

struct ahead {
	int pid;
	bool ok;		/* stat was read */
	bool cmdline_read;	/* cmdline was (eager) */
	bool cut;
	unsigned uid;
	unsigned cmdline_len;
	unsigned long shared_kb;
	char *cmdline;		/* the workers' copy, NULL: none */
	struct pstat ps;
};

struct ahead_job {
	const struct scan *s;
	struct ahead *v;
	size_t listed;		/* entries of v the listing has filled (atomic) */
	bool done;		/* the listing has ended (atomic) */
	size_t next;		/* the next chunk to take (atomic) */
	size_t files;		/* files read (atomic) */
};

static void ahead_one(const struct scan *s, struct ahead *a, char *buf, size_t *files)
{
	char name[32];
	snprintf(name, sizeof name, "%d/stat", a->pid);
	(*files)++;
	if (!stat_owner_at(s->rootfd, name, &a->ps, &a->uid))
		return;
	a->ok = true;
	if (s->reads & PROC_READ_STATM && (s->eager || (s->reads & PROC_READ_ALL)))
		a->shared_kb = statm_at(s, a->pid, files);
	if (!s->eager || (a->ps.flags & PF_KTHREAD))
		return;
	snprintf(name, sizeof name, "%d/cmdline", a->pid);
	(*files)++;
	ssize_t n = read_at(s->rootfd, name, buf, CMDLINE_MAX);
	a->cmdline_read = true;
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	if (n <= 0)
		return;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	a->cut = n == CMDLINE_MAX;
	a->cmdline = xstrndup(buf, (size_t)n);
	a->cmdline_len = (unsigned)n;
}

/* A worker: takes chunks of the listing as it grows (the listing is far quicker than the
 * reading: it seldom waits) until the listing has ended and nothing is left. */
static void *ahead_work(void *arg)
{
	struct ahead_job *job = arg;
	char *buf = xmalloc(CMDLINE_MAX);
	size_t files = 0;
	for (;;) {
		size_t i = __atomic_fetch_add(&job->next, AHEAD_CHUNK, __ATOMIC_RELAXED), end;
		for (;;) {
			bool done = __atomic_load_n(&job->done, __ATOMIC_ACQUIRE);
			size_t listed = __atomic_load_n(&job->listed, __ATOMIC_ACQUIRE);
			if (done || listed >= i + AHEAD_CHUNK) {
				end = listed < i + AHEAD_CHUNK ? listed : i + AHEAD_CHUNK;
				break;
			}
			sched_yield();
		}
		if (i >= end)
			break;
		for (size_t k = i; k < end; k++)
			ahead_one(job->s, &job->v[k], buf, &files);
	}
	__atomic_fetch_add(&job->files, files, __ATOMIC_RELAXED);
	free(buf);
	return NULL;
}

/* The first refresh's listing, read ahead as it is listed by workers on the other cores
 * (then this one too), when the root says there are enough processes (its link count)
 * and there are several cores; s->list gets every pid, *v those read ahead (the first
 * *n: beyond the room the link count gave, the steps read the rest). False: not done. */
static bool list_ahead(struct scan *s, DIR *d, struct ahead **v, size_t *n)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t workers = cores > AHEAD_WORKERS ? AHEAD_WORKERS : cores > 1 ? (size_t)cores : 1;
	struct stat sb;
	if (workers < 2 || fstat(dirfd(d), &sb) < 0 || sb.st_nlink < AHEAD_MIN)
		return false;
	size_t cap = (size_t)sb.st_nlink + 4096;
	struct ahead_job job = { .s = s, .v = xcalloc(cap, sizeof *job.v) };
	pthread_t tid[AHEAD_WORKERS];
	size_t started = 0;
	for (; started + 1 < workers; started++)
		if (pthread_create(&tid[started], NULL, ahead_work, &job) != 0)
			break;
	struct dirent *de;
	size_t listed = 0;
	while ((de = readdir(d))) {
		int pid = pid_of(de->d_name);
		if (!pid)
			continue;
		list_add(s, pid);
		if (listed < cap) {
			job.v[listed].pid = pid;
			if (++listed % AHEAD_CHUNK == 0)
				__atomic_store_n(&job.listed, listed, __ATOMIC_RELEASE);
		}
	}
	__atomic_store_n(&job.listed, listed, __ATOMIC_RELEASE);
	__atomic_store_n(&job.done, true, __ATOMIC_RELEASE);
	ahead_work(&job);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	s->si.files_read += job.files;
	*v = job.v;
	*n = listed;
	return true;
}

/* A process read ahead, taken into the first refresh as refresh_pid would have read it. */
static void refresh_ahead(struct scan *s, struct ahead *a)
{
	if (!a->ok)
		return;
	struct raw r;
	bool known;
	raw_of(&r, a->pid, &a->ps, a->shared_kb);
	struct entry *e = entry_of(s, &r, &known, &a->uid);
	take_whole(s, e, known, &r, false, false);
	if (a->cmdline_read) {
		free_later(s, e->cmdline);
		e->cmdline = a->cmdline;
		e->cmdline_len = a->cmdline_len;
		e->cmdline_cut = a->cut;
		e->details = true;
		a->cmdline = NULL;
	}
	refresh_add(s, e);
}

/* The median of v (n > 0), which it reorders. */
static float median(float *v, size_t n)
{
	size_t lo = 0, hi = n - 1, k = n / 2;
	while (lo < hi) {
		float pivot = v[(lo + hi) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				float t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return v[k];
}

/* How old the rows not read whole in this refresh are (scan_info's ages). */
static void measure_ages(struct scan *s)
{
	size_t n = 0;
	double max_ms = 0;
	unsigned max_r = 0;
	s->ages = xgrow(s->ages, &s->agescap, 2 * (s->nprocs + 1), sizeof *s->ages);
	float *ms = s->ages + s->nprocs + 1;
	for (size_t i = 0; i < s->nprocs; i++) {
		struct entry *e = s->procs[i].thread ? NULL : entry_find(s, s->procs[i].pid);
		if (!e || e->read_gen == s->gen)
			continue;
		unsigned r = s->gen - e->read_gen;
		max_r = r > max_r ? r : max_r;
		ms[n] = (float)((s->now - e->read_time) * 1000.0);
		max_ms = ms[n] > max_ms ? ms[n] : max_ms;
		s->ages[n++] = (float)r;
	}
	s->si.age_max_refreshes = max_r;
	s->si.age_median_refreshes = n ? (unsigned)median(s->ages, n) : 0;
	s->si.age_max_ms = max_ms;
	s->si.age_median_ms = n ? median(ms, n) : 0;
}

/* After the listing: the processes not seen have ended, and so have the parents seen
 * as zombies (parents are read whole at every refresh: their children move when they
 * exit, not when they are reaped). The entries of the first go, and the children of
 * both are read whole now, so a parent change shows in this very refresh. */
static void refresh_ended(struct scan *s)
{
	s->nended = 0;
	for (size_t i = 0; i < s->nents; i++) {
		struct entry *e = &s->ents[i];
		bool zombie = e->pid && e->gen == s->gen && e->read_gen == s->gen &&
			      e->parent_gen + 1 == s->gen && (e->state == 'Z' || e->state == 'X');
		if (!e->pid || (e->gen == s->gen && !zombie))
			continue;
		s->ended = xgrow(s->ended, &s->endedcap, s->nended + 1, sizeof *s->ended);
		s->ended[s->nended++] = e->pid;
		if (!zombie)
			entry_end(s, e);
	}
	if (!s->nended)
		return;
	qsort(s->ended, s->nended, sizeof *s->ended, cmp_int);
	for (size_t i = 0; i < s->nfresh; i++) {
		struct proc *p = &s->fresh[i];
		if (!in_sorted(s->ended, s->nended, p->ppid))
			continue;
		struct entry *e = entry_find(s, p->pid);
		struct pstat ps;
		struct raw r;
		if (e->read_gen == s->gen || !read_whole(s, p->pid, &ps, &r) || r.start != e->start) {
			e->reread = true;	/* gone or another one: the next refresh tells */
			continue;
		}
		take_whole(s, e, true, &r, e->sched_fd >= 0, true);
		proc_of(s, p, e);
	}
}

/* The snapshot built becomes the one shown; the last one's array is kept for the next. */
static void publish(struct scan *s)
{
	struct proc *p = s->procs;
	size_t cap = s->procscap;
	s->procs = s->fresh;
	s->procscap = s->freshcap;
	s->nprocs = s->nfresh;
	s->fresh = p;
	s->freshcap = cap;
	s->nfresh = 0;
	s->si.nprocs = s->nprocs;
	s->si.nkthreads = s->si.running = 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		s->si.nkthreads += s->procs[i].kthread;
		s->si.running += s->procs[i].state == 'R';
	}
	if (s->threads) {	/* the user threads' rows after the processes' */
		s->ntrows = 0;
		threads_append(s->threads, s->procs, s->nprocs, &s->trows, &s->ntrows,
			       &s->trowscap, s->now, s->si.hz, s->si.uptime);
		s->procs = xgrow(s->procs, &s->procscap, s->nprocs + s->ntrows, sizeof *s->procs);
		memcpy(s->procs + s->nprocs, s->trows, s->ntrows * sizeof *s->trows);
		s->nprocs += s->ntrows;
	}
}

/* The refresh ends: its snapshot is published, and what the last one pointed to goes. */
static void refresh_end(struct scan *s)
{
	publish(s);
	for (size_t i = 0; i < s->nprocs; i++) {	/* the parents, read whole next time */
		struct entry *e = s->procs[i].ppid > 0 && !s->procs[i].thread ?
				  entry_find(s, s->procs[i].ppid) : NULL;
		if (e)
			e->parent_gen = s->gen;
	}
	s->busy = false;
	for (size_t i = 0; i < s->nlater; i++)
		free(s->later[i]);
	s->nlater = 0;
	measure_ages(s);
}

/* libproc2: the kernel's /proc, every stat file at every refresh. */
static int refresh_libproc2(struct scan *s, char *err, size_t errlen)
{
	struct pids_fetch *f = procps_pids_reap(s->info, PIDS_FETCH_TASKS_ONLY);
	if (!f) {
		snprintf(err, errlen, "cannot read processes: %s", strerror(errno));
		return -1;
	}
	refresh_begin(s);
	size_t n = (size_t)f->counts->total;
	s->fresh = xgrow(s->fresh, &s->freshcap, n, sizeof *s->fresh);
	for (size_t i = 0; i < n; i++) {
		struct pids_stack *st = f->stacks[i];
		char raw[64];
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
		if (strchr(r.comm, '?')) {	/* maybe bytes libproc2 masked: the kernel's */
			char name[32];
			snprintf(name, sizeof name, "%d/comm", r.pid);
			ssize_t k = read_small(s->rootfd, name, raw, sizeof raw - 1);
			if (k > 0 && raw[k - 1] == '\n')
				k--;
			if (k > 0) {
				raw[k] = '\0';
				r.comm = raw;
			}
		}
		bool known;
		struct entry *e = entry_of(s, &r, &known, NULL);
		take_whole(s, e, known, &r, false, true);
		refresh_add(s, e);
	}
	s->si.files_read += n;
	refresh_ended(s);
	refresh_end(s);
	return 0;
}


/* The own reader: every pid directory below the root; each process sampled (schedstat)
 * and read whole (stat, statm, io) when due. A process that is gone, unreadable or
 * garbled is left out; the refresh goes on. The listing is read at once; the processes
 * in steps (refresh_step). The first refresh reads everything whole, ahead. */
static int refresh_own_begin(struct scan *s, char *err, size_t errlen)
{
	/* The root opened again by its path: one that was removed or replaced says so */
	int fd = open(proc_root(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		snprintf(err, errlen, "cannot read processes from %s: %s", proc_root(),
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int again = fcntl(fd, F_DUPFD_CLOEXEC, 0);	/* the files are read below it */
	if (again >= 0) {
		close(s->rootfd);
		s->rootfd = again;
	} else {
		snprintf(err, errlen, "cannot read processes from %s: %s", proc_root(),
			 strerror(errno));
		closedir(d);
		return -1;
	}
	refresh_begin(s);
	s->busy = true;
	s->nlist = s->at = 0;
	s->details_left = DETAILS_PER_REFRESH;
	struct ahead *v;
	size_t nv;
	if (s->gen == 1 && list_ahead(s, d, &v, &nv)) {	/* all read whole: ahead */
		for (size_t i = 0; i < nv; i++) {
			refresh_ahead(s, &v[i]);
			free(v[i].cmdline);
		}
		s->at = nv;
		free(v);
		closedir(d);
		return 0;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		int pid = pid_of(de->d_name);
		if (!pid)
			continue;
		list_add(s, pid);
	}
	closedir(d);
	return 0;
}

/* Reads on until the clock says until (or to the end); true when the refresh ended. */
static bool refresh_own_step(struct scan *s, double until)
{
	while (s->at < s->nlist) {
		size_t end = s->at + 64 < s->nlist ? s->at + 64 : s->nlist;
		for (; s->at < end; s->at++)
			refresh_pid(s, s->list[s->at], &s->details_left);
		if (s->at < s->nlist && clock_now() >= until)
			return false;
	}
	refresh_ended(s);
	refresh_end(s);
	return true;
}

int scan_begin(scan_t *s, char *err, size_t errlen)
{
	if (s->busy)
		return 0;
	if (s->info)
		return refresh_libproc2(s, err, errlen);
	return refresh_own_begin(s, err, errlen);
}

bool scan_step(scan_t *s, double until)
{
	return s->busy && refresh_own_step(s, until);
}

bool scan_busy(const scan_t *s)
{
	return s->busy;
}

int scan_refresh(scan_t *s, char *err, size_t errlen)
{
	if (s->busy)	/* the one in progress ends first: its entries are half read */
		refresh_own_step(s, INFINITY);
	if (scan_begin(s, err, errlen) < 0)
		return -1;
	if (s->busy)
		refresh_own_step(s, INFINITY);
	return 0;
}

size_t scan_complete(scan_t *s)
{
	size_t done = 0;
	if (s->busy)
		return 0;	/* the entries are the next snapshot's: after it */
	for (size_t i = 0; i < s->nwant; i++) {
		struct entry *e = entry_find(s, s->want[i]);
		if (!e || e->gen != s->gen || e->index >= s->nprocs)
			continue;
		struct proc *p = &s->procs[e->index];
		bool details = !e->details && !(e->flags & PF_KTHREAD);
		if (e->read_gen != s->gen ||
		    (s->reads & (PROC_READ_STATM | PROC_READ_IO) && e->files_gen != s->gen)) {
			struct pstat ps;
			struct raw r;
			if (!read_whole(s, e->pid, &ps, &r) || r.start != e->start) {
				e->reread = true;
				continue;
			}
			float cpu = e->cpu;
			take_whole(s, e, true, &r, true, true);
			e->cpu = cpu;	/* measured at the refresh, over a whole interval */
		} else if (details) {
			entry_read_details(s, e);
		} else {
			continue;
		}
		proc_of(s, p, e);
		done++;
	}
	return done;
}

int scan_update(scan_t *s, const int *pids, size_t n)
{
	if (s->busy)	/* its listing may be older than these pids: it ends first */
		refresh_own_step(s, INFINITY);
	bool *gone = xcalloc(s->nprocs + 1, sizeof *gone);
	size_t changed = 0;
	s->fresh = xgrow(s->fresh, &s->freshcap, s->nprocs + n + 1, sizeof *s->fresh);
	memcpy(s->fresh, s->procs, s->nprocs * sizeof *s->procs);
	s->nfresh = s->nprocs;
	for (size_t i = 0; i < n; i++) {
		struct entry *e = entry_find(s, pids[i]);
		bool shown = e && e->gen == s->gen && e->index < s->nprocs;
		struct pstat ps;
		struct raw r;
		if (!read_whole(s, pids[i], &ps, &r)) {
			if (shown) {	/* ended (and reaped) */
				gone[e->index] = true;
				entry_end(s, e);
				changed++;
			}
			continue;
		}
		bool known;
		e = entry_of(s, &r, &known, NULL);
		take_whole(s, e, known, &r, e->sched_fd >= 0, true);
		if (known && shown) {
			proc_of(s, &s->fresh[e->index], e);
		} else {
			e->gen = s->gen;
			e->index = (unsigned)s->nfresh;
			proc_of(s, &s->fresh[s->nfresh++], e);
		}
		changed++;
	}
	size_t k = 0;
	for (size_t i = 0; i < s->nfresh; i++) {
		if (i < s->nprocs && gone[i])
			continue;
		struct entry *e = s->fresh[i].thread ? NULL : entry_find(s, s->fresh[i].pid);
		if (!e || e->start != s->fresh[i].start)
			continue;	/* a reused pid's old row (its new one is further on), or
					 * a thread's (publish reads them again) */
		e->index = (unsigned)k;
		s->fresh[k++] = s->fresh[i];
	}
	s->nfresh = k;
	free(gone);
	publish(s);
	return (int)changed;
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
