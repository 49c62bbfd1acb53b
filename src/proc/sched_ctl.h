/* sched_ctl.h - a process's scheduling, changed as htop does (F7/F8 nice, a affinity), with
 * the same identity checks as a signal: the process is pinned by a pidfd whose start time
 * matches what the user saw, and checked to be still that process after the change. */
#ifndef FORKTOP_SCHED_CTL_H
#define FORKTOP_SCHED_CTL_H

#include <stdbool.h>
#include <stddef.h>

/* Nice values the kernel allows. */
#define SCHED_NICE_MIN (-20)
#define SCHED_NICE_MAX 19

/* Changes pid's nice value by delta (F7: -1, a higher priority; F8: +1), clamped to
 * -20..19. Returns 0 with the new value in *now, or -1 with a message: lowering the nice
 * value (raising the priority) needs root ("needs root (CAP_SYS_NICE)"); a process that
 * has ended or is not the one selected is said to be. */
int sched_renice(int pid, unsigned long long start, int delta, int *now, char *msg,
		 size_t msglen);

/* The cores (bits of mask, up to nbits) pid may run on. Returns the number of cores the
 * machine has (sysconf), or -1 with a message. */
int sched_affinity_get(int pid, unsigned long long start, unsigned long long *mask,
		       size_t nbits, char *msg, size_t msglen);
/* Sets them; an empty mask is refused. Returns 0, or -1 with a message. */
int sched_affinity_set(int pid, unsigned long long start, const unsigned long long *mask,
		       size_t nbits, char *msg, size_t msglen);

#endif
