/* scan.h - snapshots of every process, the only user of libproc2 and of /proc.
 *
 * A refresh reads the processes below the proc root (procfs.h) into struct procs, through
 * one of two readers that fill the same entries: forktop's own (the default, on the
 * kernel's /proc and on the tree of files the unit tests build) and libproc2's
 * (procps_pids_reap, scan_new_libproc2). libproc2 cannot hold a file open between two
 * reads, and its select of some pids costs about 3 times the own reader's stat read
 * (21 against 7.5 us per process, measured): so the incremental refresh is forktop's
 * own. What comes after the reading is one code for both. Command line and owner are
 * read once per process identity (pid + start time) and again only when the process's
 * comm changes (an exec), so a reused pid is a new process with its own command line.
 * On the first sight of a process its CPU% is the average over its lifetime (as ps
 * shows it). Shared memory (statm) and I/O rates (io) cost a file each per process:
 * they are read only when asked (scan_set_reads). */
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

/* NULL with a message in err when the proc root cannot be read. The refreshes are
 * incremental (scan_refresh). */
scan_t *scan_new(char *err, size_t errlen);
/* libproc2's reader instead: every stat file at every refresh (procps_pids_reap). The
 * reference the own reader is checked against, and the way to compare their costs. */
scan_t *scan_new_libproc2(char *err, size_t errlen);
/* Every process read whole at every refresh (false), or only what is due (true: the
 * default of the own reader; libproc2's reader always reads everything). */
void scan_set_incremental(scan_t *s, bool incremental);
/* User threads as rows (htop's H) from the next refresh on: after the processes in the
 * snapshot, one for each thread but the main one of a process of several (threads.h;
 * struct proc's thread). Returns whether it changed. scan_threads: whether they are. */
bool scan_set_threads(scan_t *s, bool on);
bool scan_threads(const scan_t *s);
/* Every command line read at the first refresh (the one-shot --tree and --json), not
 * only the screen's. */
void scan_set_eager(scan_t *s, bool eager);
/* The processes the screen shows (and the tasks, the selection): read whole at every
 * refresh, and by scan_complete. */
void scan_want(scan_t *s, const int *pids, size_t n);
/* Reads whole now the wanted processes of the snapshot that the refresh did not (rows
 * that came on screen since), and their command lines if not yet read; their rows in
 * the snapshot change in place (same index). Returns how many. */
size_t scan_complete(scan_t *s);
/* What the next refreshes read besides stat (enum proc_reads, proc.h): /proc/PID/statm
 * for the shared memory, /proc/PID/io for the read and write rates (first known at the
 * second refresh that reads it). None at first. Returns 1 when they changed, 0 when they
 * were so already, -1 when libproc2 refused (they stay as they were). */
int scan_set_reads(scan_t *s, unsigned reads);
void scan_free(scan_t *s);

/* A refresh. The own reader lists the root's pid directories and samples every
 * process's run time through a /proc/PID/schedstat descriptor it holds (up to 7/8 of the
 * descriptor limit; past it, opened for each read): CPU% is current for every process.
 * It reads a process whole (stat; statm and io when asked) on first sight, when it is
 * wanted (scan_want), when its CPU% needs stat (several threads, no schedstat), when its
 * parent ended (so a re-parenting shows at once), and otherwise once every 6 refreshes
 * (so at most 5 refreshes old: scan_info's ages say how old the rest is). A process
 * whose descriptor says it ended is gone even if its pid is back. Returns 0, or -1 with
 * a message in err (the previous snapshot is kept). Uptime, load and boot time are read
 * from the root too. CPU% is measured by the monotonic clock on the kernel's /proc, by
 * the root's uptime on another root. */
int scan_refresh(scan_t *s, char *err, size_t errlen);

/* The same refresh in steps, so that the screen answers keys meanwhile: scan_begin
 * lists the processes (0, or -1 with a message in err); scan_step reads on until the
 * monotonic clock (clock_now) says until, and returns true when the refresh ended and
 * its snapshot replaced the last one (which stays whole until then). scan_busy: a
 * refresh is in progress. scan_refresh ends one in progress before its own. */
int scan_begin(scan_t *s, char *err, size_t errlen);
bool scan_step(scan_t *s, double until);
bool scan_busy(const scan_t *s);

/* Reads whole now the processes pids (forktop's tasks, after an event of theirs) and
 * only them: their rows in a new snapshot change, go (ended) or come (new). The rest of
 * the snapshot is as the last refresh left it. Returns how many rows changed. */
int scan_update(scan_t *s, const int *pids, size_t n);

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
