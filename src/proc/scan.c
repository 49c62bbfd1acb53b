/* scan.c - snapshots of every process through libproc2; command lines cached per identity. */
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <libproc2/misc.h>
#include <libproc2/pids.h>
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

/* Only fields of /proc/PID/stat: one file per process per refresh. */
static enum pids_item items[] = {
	PIDS_ID_PID, PIDS_ID_PPID, PIDS_STATE, PIDS_CMD, PIDS_TICS_ALL,
	PIDS_TICS_BEGAN, PIDS_RSS, PIDS_NLWP, PIDS_FLAGS,
};
enum { I_PID, I_PPID, I_STATE, I_CMD, I_TICS, I_BEGAN, I_RSS, I_NLWP, I_FLAGS };

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
	float cpu;		/* last CPU% shown */
	unsigned index;		/* position in procs[] of the current snapshot */
	unsigned cmdline_len;	/* at most CMDLINE_MAX */
	bool cmdline_cut;	/* /proc had more than CMDLINE_MAX bytes */
	char *comm;		/* as libproc2 gives it: control bytes and bad UTF-8 as '?' */
	char *raw_comm;		/* the kernel's own bytes when they differ, else NULL */
	char *cmdline;
};

struct user {
	unsigned uid;
	char *name;
};

struct scan {
	struct pids_info *info;
	struct entry *tab;	/* open addressing by pid, linear probing */
	size_t tabcap, tabused;
	struct proc *procs;
	size_t nprocs, procscap;
	unsigned gen;
	double now;		/* monotonic time of the refresh in progress */
	long pagekb;
	double btime;		/* /proc/stat's btime, read once */
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

/* Reads a file below an open /proc/PID directory; returns bytes read or -1. */
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

/* /proc/PID/stat read through an open /proc/PID directory. */
static bool stat_at(int dirfd, struct pstat *st)
{
	char buf[1024];
	ssize_t n = read_at(dirfd, "stat", buf, sizeof buf - 1);
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
	free(e->raw_comm);
	e->raw_comm = NULL;
	char *buf = xmalloc(CMDLINE_MAX);
	ssize_t n = read_at(dirfd, "cmdline", buf, CMDLINE_MAX);
	struct pstat ps;
	bool same = stat_at(dirfd, &ps) && ps.start == e->start;
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

scan_t *scan_new(char *err, size_t errlen)
{
	struct scan *s = xcalloc(1, sizeof *s);
	if (procps_pids_new(&s->info, items, (int)ARRAY_LEN(items)) < 0) {
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

static void fill_proc(struct scan *s, struct proc *p, struct pids_stack *st, double uptime)
{
	p->pid = PIDS_VAL(I_PID, s_int, st, s->info);
	p->ppid = PIDS_VAL(I_PPID, s_int, st, s->info);
	p->state = PIDS_VAL(I_STATE, s_ch, st, s->info);
	p->start = PIDS_VAL(I_BEGAN, ull_int, st, s->info);
	p->threads = PIDS_VAL(I_NLWP, s_int, st, s->info);
	p->rss_kb = PIDS_VAL(I_RSS, ul_int, st, s->info) * (unsigned long)s->pagekb;
	p->kthread = (PIDS_VAL(I_FLAGS, ul_int, st, s->info) & PF_KTHREAD) != 0;
	p->elapsed = uptime - (double)p->start / (double)s->si.hz;
	if (p->elapsed < 0)
		p->elapsed = 0;
	unsigned long long ticks = PIDS_VAL(I_TICS, ull_int, st, s->info);
	bool known;
	struct entry *e = entry_update(s, p->pid, p->start,
				       PIDS_VAL(I_CMD, str, st, s->info), p->kthread, &known);
	double cpu = cpu_percent(s, e, known, ticks, p->elapsed);
	p->cpu = cpu >= 0 ? cpu : e->cpu;
	e->cpu = (float)p->cpu;
	e->gen = s->gen;
	p->uid = e->uid;
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

static void read_system(struct scan *s)
{
	double idle;
	if (procps_uptime(&s->si.uptime, &idle) < 0)
		s->si.uptime = 0;
	if (procps_loadavg(&s->si.load[0], &s->si.load[1], &s->si.load[2]) < 0)
		s->si.load[0] = s->si.load[1] = s->si.load[2] = 0;
	if (s->btime <= 0)
		s->btime = read_btime();
	s->si.boot_time = s->btime > 0 ? s->btime : (double)time(NULL) - s->si.uptime;
}

int scan_refresh(scan_t *s, char *err, size_t errlen)
{
	struct pids_fetch *f = procps_pids_reap(s->info, PIDS_FETCH_TASKS_ONLY);
	if (!f) {
		snprintf(err, errlen, "cannot read processes: %s", strerror(errno));
		return -1;
	}
	s->now = clock_now();
	s->gen++;
	read_system(s);
	size_t n = (size_t)f->counts->total;
	s->procs = xgrow(s->procs, &s->procscap, n, sizeof *s->procs);
	s->nprocs = 0;
	s->si.nkthreads = s->si.running = 0;
	for (size_t i = 0; i < n; i++) {
		struct proc *p = &s->procs[s->nprocs];
		fill_proc(s, p, f->stacks[i], s->si.uptime);
		entry_find(s, p->pid)->index = (unsigned)s->nprocs++;
		s->si.nkthreads += p->kthread;
		s->si.running += p->state == 'R';
	}
	s->si.nprocs = s->nprocs;
	if (s->gen % 16 == 0 || s->tabused > s->nprocs * 2)
		table_sweep(s);
	return 0;
}

/* Updates the fields that change (state, CPU, memory, threads) of a known process. */
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
	bool ok = stat_at(dirfd, &ps);
	close(dirfd);
	if (!ok || ps.state != 'Z' || ps.start != start)
		return false;
	int ws = ps.exit_status;
	*exitcode = (ws & 0x7f) ? -(ws & 0x7f) : (ws >> 8) & 0xff;
	return true;
}
