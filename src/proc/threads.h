/* threads.h - the user threads of processes as rows (htop's H): one struct proc for each
 * thread but the main one, below its process (ppid = the process), read from
 * /proc/PID/task/TID/stat only for the processes with more than one thread. */
#ifndef FORKTOP_THREADS_H
#define FORKTOP_THREADS_H

#include <stddef.h>

#include "proc.h"

typedef struct threads threads_t;

threads_t *threads_new(void);
void threads_free(threads_t *t);

/* Appends to *rows (n of cap, grown) a row for every thread but the main one of the
 * user processes among procs[0..nprocs) that have several. Each row's own: pid (the
 * tid), start time, state, CPU% (tick deltas of that thread since the last call, by the
 * clock now in seconds; on first sight its lifetime average), CPU time, nice, priority
 * and comm (the thread's name, also its command: "{name}", as pstree shows threads); the
 * process's: owner, memory, tty. The
 * rows' strings stay valid until the call after the next one. hz: clock ticks a second;
 * uptime: seconds since boot. */
void threads_append(threads_t *t, const struct proc *procs, size_t nprocs,
		    struct proc **rows, size_t *n, size_t *cap, double now, long hz,
		    double uptime);

#endif
