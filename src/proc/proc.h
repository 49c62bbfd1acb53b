/* proc.h - one process as forktop sees it: plain data shared by scan, tree, ui and snapshot. */
#ifndef FORKTOP_PROC_H
#define FORKTOP_PROC_H

#include <stdbool.h>
#include <stddef.h>

struct proc {
	int pid;
	int ppid;
	/* Start time in clock ticks after boot; with the pid, the process's identity. */
	unsigned long long start;
	char state;		/* R S D Z T t I X ... as in /proc/PID/stat */
	bool kthread;		/* a kernel thread (PF_KTHREAD) */
	int threads;
	double cpu;		/* percent of one CPU since the previous refresh */
	unsigned long rss_kb;
	double elapsed;		/* seconds since the process started */
	unsigned uid;
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
