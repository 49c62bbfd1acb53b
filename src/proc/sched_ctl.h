/* sched_ctl.h - a process's (or a thread's) scheduling, changed as htop does (F7/F8 nice, a
 * affinity), with the same identity checks as a signal: the process is pinned by a pidfd
 * whose start time matches what the user saw, and checked to be still that process after
 * the change. */
#ifndef FORKTOP_SCHED_CTL_H
#define FORKTOP_SCHED_CTL_H

#include <stdbool.h>
#include <stddef.h>

/* Nice values the kernel allows. */
#define SCHED_NICE_MIN (-20)
#define SCHED_NICE_MAX 19

/* Each of these acts on process pid (tgid 0), or on one thread of process tgid, pid being
 * its tid and start its own start time (TGID/task/TID/stat): Linux keeps the nice value
 * and the affinity per thread, and htop changes them on a thread's row so. A thread is
 * pinned by its task directory, proved by its start time and checked to be alive after
 * the change, as a process is by its pidfd.
 *
 * Changes the nice value by delta (F7: -1, a higher priority; F8: +1), clamped to
 * -20..19. Returns 0 with the new value in *now, or -1 with a message: lowering the nice
 * value (raising the priority) needs root ("needs root (CAP_SYS_NICE)"); a process that
 * has ended or is not the one selected is said to be. */
int sched_renice(int pid, unsigned long long start, int tgid, int delta, int *now, char *msg,
		 size_t msglen);

/* The cores (bits of mask, up to nbits) it may run on. Returns the number of cores the
 * machine has (sysconf), or -1 with a message. */
int sched_affinity_get(int pid, unsigned long long start, int tgid, unsigned long long *mask,
		       size_t nbits, char *msg, size_t msglen);
/* Sets them; an empty mask is refused. Returns 0, or -1 with a message. */
int sched_affinity_set(int pid, unsigned long long start, int tgid,
		       const unsigned long long *mask, size_t nbits, char *msg, size_t msglen);

#endif
