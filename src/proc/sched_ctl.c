/* sched_ctl.c - nice and CPU affinity, changed only on the process (or the thread) the
 * user saw. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "sched_ctl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "procfs.h"
#include "signals.h"
#include "text.h"

/* What a change holds from its check to after it, so that a pid or tid changed is proved
 * to have named the one the user saw all along: a pidfd on a process; for a thread, its
 * directory below its process's (TGID/task/TID), which procfs ties to that thread: once
 * the thread has ended nothing below it opens, even with its tid given to another. */
struct pin {
	int fd;
	bool thread;
	char who[48];		/* "1234", or "thread 1236 of 1234", for the messages */
};

/* The thread's stat, read through its directory: false once it has ended. */
static bool thread_stat(int dirfd, struct pstat *st)
{
	char buf[1024];
	int fd = openat(dirfd, "stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return pstat_parse(buf, st) == 0 && st->state != 'X' && st->state != 'Z';
}

/* Thread tid of process tgid, proved by its start time; the same refusals as a signal
 * (pid 1's, forktop's own). Returns the directory's fd, or -1 with a message. */
static int open_thread(int tgid, int tid, unsigned long long start, const char *verb,
		       char *msg, size_t msglen)
{
	if (tgid <= 1 || tid <= 1 || tgid == getpid()) {
		snprintf(msg, msglen, "refusing to %s thread %d of %d: %s", verb, tid, tgid,
			 tgid == getpid() ? "it is forktop's own" : "pid 1 and the kernel's are "
			 "left alone");
		return -1;
	}
	char path[PROC_PATH_MAX];
	struct pstat st;
	int fd = proc_path(path, sizeof path, "%d/task/%d", tgid, tid) < 0 ? -1 :
		 open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !thread_stat(fd, &st)) {
		snprintf(msg, msglen, "thread %d of %d is gone", tid, tgid);
	} else if (st.start != start) {
		char *name = text_escape_dup(st.comm);
		snprintf(msg, msglen, "thread %d of %d is gone (tid now used by `%s`)", tid, tgid,
			 name);
		free(name);
	} else {
		return fd;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

/* Pins pid (tgid 0) or thread pid of process tgid; -1 with a message. */
static int pin_open(struct pin *p, int pid, unsigned long long start, int tgid,
		    const char *verb, char *msg, size_t msglen)
{
	p->thread = tgid > 0 && tgid != pid;
	if (p->thread)
		snprintf(p->who, sizeof p->who, "thread %d of %d", pid, tgid);
	else
		snprintf(p->who, sizeof p->who, "%d", pid);
	p->fd = p->thread ? open_thread(tgid, pid, start, verb, msg, msglen) :
		signal_pidfd_for(pid, start, verb, msg, msglen);
	return p->fd < 0 ? -1 : 0;
}

/* What the pin holds has not ended: the pid still names it, so what was done to the pid
 * was done to it. */
static bool pin_alive(const struct pin *p)
{
	struct pstat st;
	if (p->thread)
		return thread_stat(p->fd, &st);
	struct pollfd pf = { .fd = p->fd, .events = POLLIN };
	return poll(&pf, 1, 0) == 0;
}

/* Closes the pin after a change: 0, or -1 with a message when what it held ended
 * meanwhile (the change may have gone to another). */
static int pin_close(struct pin *p, const char *what, char *msg, size_t msglen)
{
	int rc = pin_alive(p) ? 0 : -1;
	if (rc < 0)
		snprintf(msg, msglen, "%s ended while its %s was changed", p->who, what);
	close(p->fd);
	return rc;
}

int sched_renice(int pid, unsigned long long start, int tgid, int delta, int *now, char *msg,
		 size_t msglen)
{
	struct pin p;
	if (pin_open(&p, pid, start, tgid, "renice", msg, msglen) < 0)
		return -1;
	errno = 0;
	int nice = getpriority(PRIO_PROCESS, (id_t)pid);
	if (nice == -1 && errno) {
		snprintf(msg, msglen, "cannot read the nice value of %s: %s", p.who,
			 strerror(errno));
		close(p.fd);
		return -1;
	}
	int want = nice + delta;
	want = want < SCHED_NICE_MIN ? SCHED_NICE_MIN : want > SCHED_NICE_MAX ? SCHED_NICE_MAX :
	       want;
	if (want == nice) {
		snprintf(msg, msglen, "%s already has nice %d, the %s there is", p.who, nice,
			 delta < 0 ? "highest priority" : "lowest priority");
		close(p.fd);
		*now = nice;
		return -1;
	}
	if (setpriority(PRIO_PROCESS, (id_t)pid, want) < 0) {
		int e = errno;
		if ((e == EACCES || e == EPERM) && want < nice)
			snprintf(msg, msglen, "cannot raise the priority of %s (nice %d to %d): that "
				 "needs root (CAP_SYS_NICE)", p.who, nice, want);
		else if (e == EACCES || e == EPERM)
			snprintf(msg, msglen, "cannot renice %s: permission denied (not your "
				 "process)", p.who);
		else
			snprintf(msg, msglen, "cannot renice %s: %s", p.who, strerror(e));
		close(p.fd);
		return -1;
	}
	int rc = pin_close(&p, "nice value", msg, msglen);
	if (rc == 0) {
		*now = want;
		snprintf(msg, msglen, "%s: nice %d -> %d", p.who, nice, want);
	}
	return rc;
}

static size_t machine_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);
	return n > 0 ? (size_t)n : 1;
}

int sched_affinity_get(int pid, unsigned long long start, int tgid, unsigned long long *mask,
		       size_t nbits, char *msg, size_t msglen)
{
	struct pin p;
	if (pin_open(&p, pid, start, tgid, "read the affinity of", msg, msglen) < 0)
		return -1;
	cpu_set_t set;
	CPU_ZERO(&set);
	int rc = sched_getaffinity(pid, sizeof set, &set);
	if (rc < 0)
		snprintf(msg, msglen, "cannot read the CPU affinity of %s: %s", p.who,
			 strerror(errno));
	close(p.fd);
	if (rc < 0)
		return -1;
	memset(mask, 0, (nbits + 63) / 64 * sizeof *mask);
	for (size_t i = 0; i < nbits && i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &set))
			mask[i / 64] |= 1ULL << (i % 64);
	size_t n = machine_cpus();
	return (int)(n < nbits ? n : nbits);
}

int sched_affinity_set(int pid, unsigned long long start, int tgid,
		       const unsigned long long *mask, size_t nbits, char *msg, size_t msglen)
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
	struct pin p;
	if (pin_open(&p, pid, start, tgid, "set the affinity of", msg, msglen) < 0)
		return -1;
	if (sched_setaffinity(pid, sizeof set, &set) < 0) {
		int e = errno;
		snprintf(msg, msglen, "cannot set the CPU affinity of %s: %s", p.who,
			 e == EPERM ? "permission denied (not your process)" : strerror(e));
		close(p.fd);
		return -1;
	}
	int rc = pin_close(&p, "CPU affinity", msg, msglen);
	if (rc == 0)
		snprintf(msg, msglen, "%s may run on %d core%s", p.who, CPU_COUNT(&set),
			 CPU_COUNT(&set) == 1 ? "" : "s");
	return rc;
}
