/* scan.h - snapshots of every process, the only user of libproc2 and of /proc.
 *
 * One full refresh reads the cheap /proc/PID/stat fields of every process below the proc
 * root (procfs.h), through one of two readers that fill the same struct proc: libproc2
 * for the kernel's /proc, and forktop's own reader (readdir, stat parsed by pstat_parse)
 * for any other root, such as the tree of files the unit tests build. The own reader is
 * the one the incremental refresh (re-reading only some pids) will build on. What comes
 * after the reading is one code for both. Command line and owner are read once per
 * process identity (pid + start time) and again only when the process's comm changes (an
 * exec), so a reused pid is a new process with its own command line. CPU% comes from
 * tick deltas between refreshes of the same identity; on the first sight of a process it
 * is the average over its lifetime (as ps shows it). Shared memory (statm) and I/O rates
 * (io) cost a file each per process: they are read only when asked (scan_set_reads). */
#ifndef FORKTOP_SCAN_H
#define FORKTOP_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "proc.h"

typedef struct scan scan_t;

struct scan_info {
	double uptime;		/* seconds since boot */
	double load[3];
	double boot_time;	/* seconds since the epoch */
	size_t nprocs;		/* processes in the snapshot (kernel threads included) */
	size_t nkthreads;
	size_t running;		/* state R */
	long hz;		/* clock ticks per second */
	unsigned long long mem_total_kb;	/* MemTotal: what MEM% is a percent of */
	/* How old the figures of the last refresh are, over the processes it did not read
	 * whole (state, memory; CPU% is always current): the oldest and the median, in
	 * refreshes and in milliseconds. 0 when every process was read whole. */
	unsigned age_max_refreshes, age_median_refreshes;
	double age_max_ms, age_median_ms;
	size_t files_read;	/* files the last refresh read (held ones count once per read) */
};

/* NULL with a message in err when the proc root cannot be read. The reader follows the
 * root: libproc2 for the kernel's /proc, the own reader otherwise. */
scan_t *scan_new(char *err, size_t errlen);
/* The own reader whatever the root (the kernel's /proc too): to compare the readers. */
scan_t *scan_new_own(char *err, size_t errlen);
/* What the next refreshes read besides stat (enum proc_reads, proc.h): /proc/PID/statm
 * for the shared memory, /proc/PID/io for the read and write rates (first known at the
 * second refresh that reads it). None at first. Returns 1 when they changed, 0 when they
 * were so already, -1 when libproc2 refused (they stay as they were). */
int scan_set_reads(scan_t *s, unsigned reads);
void scan_free(scan_t *s);

/* Reads every process. Returns 0, or -1 with a message in err (the previous snapshot
 * is kept). Uptime, load and boot time are read from the root too (uptime, loadavg,
 * stat). CPU% is measured by the monotonic clock with libproc2, by the root's uptime
 * with the own reader. */
int scan_refresh(scan_t *s, char *err, size_t errlen);

/* A live process whose parent changed between two full refreshes (its parent ended and
 * it was re-parented to PID 1 or a subreaper, or it was daemonized); not a zombie. */
struct scan_reparent {
	int pid;
	unsigned long long start;
	int from, to;
};

/* The processes re-parented in the full refreshes since scan_forget_reparented (so a
 * refresh made for an action loses none), valid until the next refresh. */
const struct scan_reparent *scan_reparented(const scan_t *s, size_t *n);
void scan_forget_reparented(scan_t *s);

/* The current snapshot, valid until the next refresh. */
const struct proc *scan_procs(const scan_t *s, size_t *n);
const struct scan_info *scan_info(const scan_t *s);

/* The exit status of a process that is a zombie of another parent (field 52 of
 * /proc/PID/stat, a wait status). Returns true and sets *exitcode the Python way (N or
 * -signal) when pid with this start time is still there as a zombie. */
bool scan_zombie_exitcode(int pid, unsigned long long start, int *exitcode);

/* The user name of uid (cached), or the number as text. */
const char *scan_user(scan_t *s, unsigned uid);

#endif
