/* sched_ctl.c - nice and CPU affinity, changed only on the process the user saw. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "sched_ctl.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "signals.h"

/* The process the pidfd holds has not ended: the pid still names it, so what was done to
 * the pid was done to it. */
static bool still_there(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, 0) == 0;
}

static int changed_and_check(int fd, int pid, const char *what, char *msg, size_t msglen)
{
	if (still_there(fd))
		return 0;
	snprintf(msg, msglen, "process %d ended while its %s was changed", pid, what);
	return -1;
}

int sched_renice(int pid, unsigned long long start, int delta, int *now, char *msg,
		 size_t msglen)
{
	int fd = signal_pidfd_for(pid, start, "renice", msg, msglen);
	if (fd < 0)
		return -1;
	errno = 0;
	int nice = getpriority(PRIO_PROCESS, (id_t)pid);
	if (nice == -1 && errno) {
		snprintf(msg, msglen, "cannot read the nice value of %d: %s", pid, strerror(errno));
		close(fd);
		return -1;
	}
	int want = nice + delta;
	want = want < SCHED_NICE_MIN ? SCHED_NICE_MIN : want > SCHED_NICE_MAX ? SCHED_NICE_MAX :
	       want;
	if (want == nice) {
		snprintf(msg, msglen, "%d already has nice %d, the %s there is", pid, nice,
			 delta < 0 ? "highest priority" : "lowest priority");
		close(fd);
		*now = nice;
		return -1;
	}
	if (setpriority(PRIO_PROCESS, (id_t)pid, want) < 0) {
		int e = errno;
		if ((e == EACCES || e == EPERM) && want < nice)
			snprintf(msg, msglen, "cannot raise the priority of %d (nice %d to %d): that "
				 "needs root (CAP_SYS_NICE)", pid, nice, want);
		else if (e == EACCES || e == EPERM)
			snprintf(msg, msglen, "cannot renice %d: permission denied (not your "
				 "process)", pid);
		else
			snprintf(msg, msglen, "cannot renice %d: %s", pid, strerror(e));
		close(fd);
		return -1;
	}
	int rc = changed_and_check(fd, pid, "nice value", msg, msglen);
	close(fd);
	if (rc == 0) {
		*now = want;
		snprintf(msg, msglen, "%d: nice %d -> %d", pid, nice, want);
	}
	return rc;
}

static size_t machine_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);
	return n > 0 ? (size_t)n : 1;
}

int sched_affinity_get(int pid, unsigned long long start, unsigned long long *mask,
		       size_t nbits, char *msg, size_t msglen)
{
	int fd = signal_pidfd_for(pid, start, "read the affinity of", msg, msglen);
	if (fd < 0)
		return -1;
	cpu_set_t set;
	CPU_ZERO(&set);
	int rc = sched_getaffinity(pid, sizeof set, &set);
	if (rc < 0)
		snprintf(msg, msglen, "cannot read the CPU affinity of %d: %s", pid,
			 strerror(errno));
	close(fd);
	if (rc < 0)
		return -1;
	memset(mask, 0, (nbits + 63) / 64 * sizeof *mask);
	for (size_t i = 0; i < nbits && i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &set))
			mask[i / 64] |= 1ULL << (i % 64);
	size_t n = machine_cpus();
	return (int)(n < nbits ? n : nbits);
}

int sched_affinity_set(int pid, unsigned long long start, const unsigned long long *mask,
		       size_t nbits, char *msg, size_t msglen)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	for (size_t i = 0; i < nbits && i < CPU_SETSIZE; i++)
		if (mask[i / 64] >> (i % 64) & 1)
			CPU_SET(i, &set);
	if (CPU_COUNT(&set) == 0) {
		snprintf(msg, msglen, "a process needs at least one core to run on");
		return -1;
	}
	int fd = signal_pidfd_for(pid, start, "set the affinity of", msg, msglen);
	if (fd < 0)
		return -1;
	if (sched_setaffinity(pid, sizeof set, &set) < 0) {
		int e = errno;
		snprintf(msg, msglen, "cannot set the CPU affinity of %d: %s", pid,
			 e == EPERM ? "permission denied (not your process)" : strerror(e));
		close(fd);
		return -1;
	}
	int rc = changed_and_check(fd, pid, "CPU affinity", msg, msglen);
	close(fd);
	if (rc == 0)
		snprintf(msg, msglen, "%d may run on %d core%s", pid, CPU_COUNT(&set),
			 CPU_COUNT(&set) == 1 ? "" : "s");
	return rc;
}
