/* proc.h - one process as forktop sees it: plain data shared by scan, tree, ui and snapshot. */
#ifndef FORKTOP_PROC_H
#define FORKTOP_PROC_H

#include <stdbool.h>
#include <stddef.h>

/* What a refresh reads besides /proc/PID/stat, one more file per process each: only what
 * the columns shown (or sorted by) need (columns.h, scan_set_reads). */
enum proc_reads {
	PROC_READ_STATM = 1 << 0,	/* /proc/PID/statm: shared memory */
	PROC_READ_IO = 1 << 1,		/* /proc/PID/io: read and write rates */
	/* The same for every process, not only the rows on screen: the column sorted by
	 * (its order needs every row's figure) or a listing of all (--tree). */
	PROC_READ_ALL = 1 << 2,
};

struct proc {
	int pid;
	int ppid;
	/* Start time in clock ticks after boot; with the pid, the process's identity. */
	unsigned long long start;
	char state;		/* R S D Z T t I X ... as in /proc/PID/stat */
	bool kthread;		/* a kernel thread (PF_KTHREAD) */
	bool thread;		/* a user thread (not the main one) of process ppid: a row
				 * of H (threads.h); pid is its tid */
	int threads;
	double cpu;		/* percent of one CPU since the previous refresh */
	unsigned long rss_kb;
	double elapsed;		/* seconds since the process started */
	unsigned uid;
	const char *user;	/* the owner's name, or the uid as text (the scanner's) */
	int priority;		/* as /proc/PID/stat: 20 + nice, -2..-100 for real time */
	int nice;
	unsigned long vsize_kb;	/* virtual memory */
	unsigned long shared_kb; /* shared memory: 0 unless PROC_READ_STATM */
	unsigned tty;		/* the controlling terminal's device (tty_nr), 0: none */
	unsigned long long time_cs;	/* CPU time, user + system, in hundredths of a second */
	double start_time;	/* seconds since the epoch */
	double mem;		/* RSS as a percent of the machine's memory (MemTotal) */
	/* Bytes per second read from and written to storage since the previous refresh
	 * (read_bytes, write_bytes of /proc/PID/io); < 0: unknown (not readable, not
	 * PROC_READ_IO, or not seen twice yet). */
	double io_read, io_write;
	/* Raw bytes as the kernel gave them (untrusted), NUL-terminated; owned by the scanner
	 * and valid until its next refresh. */
	const char *comm;
	const char *cmdline;	/* arguments joined by ' '; "" for kernel threads */
	size_t cmdline_len;
	bool cmdline_cut;	/* longer than forktop keeps (128 KiB): the rest is left out */
};

/* A process as the user saw it: a pid is only the same process with the same start. */
struct ident {
	int pid;
	unsigned long long start;
};

/* Same process? pid + start time (a reused pid has another start time). */
static inline bool proc_same(int pid_a, unsigned long long start_a, int pid_b,
			     unsigned long long start_b)
{
	return pid_a == pid_b && start_a == start_b;
}

#endif
