/* subtree.c - "end subtree": capture the root and its descendants stopped, pass after
 * pass over /proc; then SIGTERM, SIGCONT, and SIGKILL after the grace period. Members
 * are held by pidfd from the moment they are found, so neither exits nor pid reuse nor
 * re-parenting loses or confuses one; each pass only adds what is new.
 *
 * A fork bomb must not outrun the passes. A process group led by a member is signalled
 * as a whole (Linux 6.9+), which the kernel does at once, once a pass has seen that no
 * live process outside the subtree shares it (a shell's job: `sleep 1 | sleep 2` share
 * one group, and X on the first must not end the second). A pass holds and signals each
 * process as soon as it reads one whose parent is a live member, or one in a group a
 * member leads that is no outsider: the processes outside the subtree when it began
 * (what the user was shown) and their descendants stay out, whatever group they share;
 * an orphan adopted by pid 1 or a process born since, into a member's group, is the
 * subtree's. And a pass does not trust readdir alone, which misses a process born
 * behind its cursor: it also reads every pid allocated while it ran
 * (/proc/sys/kernel/ns_last_pid). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "subtree.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"
#include "procfs.h"
#include "signals.h"
#include "util.h"

#define MAX_PASSES 50		/* capture passes before going on anyway */
#define CAPTURE_TIME 2.0	/* seconds of capture before going on anyway */
#define TICK_EVERY 0.05		/* seconds between the ticks the engine asks for */
#define MAX_DEPTH 4096		/* ancestors followed up from forktop */
#define SHOW_SURVIVORS 5	/* survivors named in the report */
#define PROBE_ROUNDS 64		/* times a pass reads the pids allocated meanwhile */
#define PROBE_MAX 4096		/* more pids than that: read /proc again instead */
#define PF_KTHREAD 0x00200000u

/* PH_WATCH: every member has ended; the root's parent is watched a moment longer. */
enum phase { PH_CAPTURE, PH_TERM, PH_KILL, PH_WATCH, PH_DONE };
#define PARENT_WATCH 0.5	/* seconds a wrapper may take to pass on its child's stop */

struct member {
	struct subtree_proc p;
	int pidfd;		/* -1 once ended, or when none could be opened */
	bool hands_off;		/* never signal it (again): p.why says why */
	bool leads;		/* leads its process group */
	bool group_ok;		/* and no live process outside the subtree is in it (as the
				 * last pass saw): the group may be signalled whole */
};

/* A set of pids (open addressing; 0 is the empty slot). */
struct pidset {
	int *slot;
	size_t cap, n;
};

/* One process of a /proc snapshot (zombies and kernel threads left out). */
struct entry {
	int pid, ppid, pgrp;
	unsigned long long start;
	char comm[64];
	enum { E_OUT, E_HELD, E_CHILD, E_GROUP } mark;
};

struct snap {
	struct entry *e;	/* sorted by pid once read */
	size_t n, cap;
	size_t *by_ppid;	/* entry indices sorted by ppid */
	size_t by_cap;
};

struct subtree {
	int root;		/* the first root */
	size_t nroots;		/* subtrees ended together (quit's "end them": every task) */
	/* The root's parent, outside the subtree: some (nsenter, job-control wrappers) stop
	 * themselves when their child stops, and would be left stopped. */
	int parent;
	unsigned long long parent_start;
	bool parent_was_stopped, parent_continued;
	enum phase phase;
	bool group_signals;	/* false once the kernel says it has none (< 6.9) */
	double grace, kill_at, wait_until, last_tick, watch_until;
	struct member *m;
	size_t n, cap;
	struct ident *anc;	/* forktop and its ancestors: never members */
	size_t nanc, anc_cap;
	size_t *order;		/* member indices sorted by pid, for lookups */
	size_t order_cap;
	long pid_max;
	/* During a pass: */
	struct snap sn;
	struct pidset live;	/* members alive when it began, and those it holds */
	struct pidset leaders;	/* those of them that lead their group */
	struct pidset shared;	/* groups that hold a live process outside the subtree */
	struct pidset outsiders;	/* in members' groups but outside the subtree when it
					 * began, and their descendants: never members */
	bool outsiders_known;	/* the first pass is over */
	int sweep_sig;		/* what it sends to each process it holds */
	bool streaming;		/* holding while reading /proc (else after) */
	bool settled;		/* no pid was allocated that it did not read */
};

static size_t pidset_home(const struct pidset *ps, int pid)
{
	return ((unsigned)pid * 2654435761u) & (ps->cap - 1);
}

static void pidset_reset(struct pidset *ps)
{
	if (ps->slot)
		memset(ps->slot, 0, ps->cap * sizeof *ps->slot);
	ps->n = 0;
}

static bool pidset_has(const struct pidset *ps, int pid)
{
	if (!ps->cap || pid <= 0)
		return false;
	for (size_t i = pidset_home(ps, pid); ps->slot[i]; i = (i + 1) & (ps->cap - 1))
		if (ps->slot[i] == pid)
			return true;
	return false;
}

static void pidset_add(struct pidset *ps, int pid)
{
	if (pid <= 0 || pidset_has(ps, pid))
		return;
	if ((ps->n + 1) * 2 > ps->cap) {
		struct pidset bigger = { xcalloc(ps->cap ? ps->cap * 2 : 64, sizeof(int)),
					 ps->cap ? ps->cap * 2 : 64, 0 };
		for (size_t i = 0; i < ps->cap; i++)
			if (ps->slot[i])
				pidset_add(&bigger, ps->slot[i]);
		free(ps->slot);
		*ps = bigger;
	}
	size_t i = pidset_home(ps, pid);
	while (ps->slot[i])
		i = (i + 1) & (ps->cap - 1);
	ps->slot[i] = pid;
	ps->n++;
}

static int cmp_pid(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* By pid, the newest first. */
static int cmp_pid_start(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->pid != y->pid)
		return (x->pid > y->pid) - (x->pid < y->pid);
	return (x->start < y->start) - (x->start > y->start);
}

static int cmp_ppid(const void *a, const void *b, void *base)
{
	const struct entry *e = base;
	int x = e[*(const size_t *)a].ppid, y = e[*(const size_t *)b].ppid;
	return (x > y) - (x < y);
}

static int cmp_member(const void *a, const void *b, void *base)
{
	const struct member *m = base;
	int x = m[*(const size_t *)a].p.pid, y = m[*(const size_t *)b].p.pid;
	return (x > y) - (x < y);
}

static void index_members(subtree_t *s)
{
	s->order = xgrow(s->order, &s->order_cap, s->n, sizeof *s->order);
	for (size_t i = 0; i < s->n; i++)
		s->order[i] = i;
	qsort_r(s->order, s->n, sizeof *s->order, cmp_member, s->m);
}

/* Whether a member has this pid and, unless any_start, this start time. Needs
 * index_members since the last member was added. */
static bool is_member(const subtree_t *s, int pid, unsigned long long start, bool any_start)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->m[s->order[mid]].p.pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->n && s->m[s->order[lo]].p.pid == pid; lo++)
		if (any_start || s->m[s->order[lo]].p.start == start)
			return true;
	return false;
}

/* forktop and its ancestors may never be members, whatever the tree looks like now. */
static bool eligible(const subtree_t *s, const struct entry *e)
{
	for (size_t i = 0; i < s->nanc; i++)
		if (s->anc[i].pid == e->pid && s->anc[i].start == e->start)
			return false;
	return true;
}

static enum subtree_fate fate_now(const subtree_t *s)
{
	return s->phase == PH_CAPTURE ? SUBTREE_EXITED :
	       s->phase == PH_TERM ? SUBTREE_BY_TERM : SUBTREE_BY_KILL;
}

/* Sends sig to a member: first to the group it leads, then to itself. A refusal or a
 * permission error puts it out of reach for good. */
static void send_one(subtree_t *s, struct member *m, int sig)
{
	char msg[sizeof m->p.why];
	if (m->pidfd < 0 || m->hands_off)
		return;
	if (s->group_signals && m->leads && m->group_ok &&
	    signal_send_pidfd_group(m->pidfd, m->p.pid, sig, msg, sizeof msg) < 0 &&
	    errno == EOPNOTSUPP)
		s->group_signals = false;
	if (signal_send_pidfd(m->pidfd, m->p.pid, sig, msg, sizeof msg) == 0 || errno == ESRCH)
		return;		/* ESRCH: ended, the next poll says so */
	snprintf(m->p.why, sizeof m->p.why, "%s", errno == EPERM ? "permission denied" : msg);
	m->hands_off = true;
}

/* Signals the members from index from on: the groups first, so that no member of one
 * can fork while the others are signalled one by one. */
static void send_all(subtree_t *s, size_t from, int sig)
{
	for (size_t i = from; i < s->n; i++)
		if (s->m[i].leads)
			send_one(s, &s->m[i], sig);
	for (size_t i = from; i < s->n; i++)
		if (!s->m[i].leads)
			send_one(s, &s->m[i], sig);
}

static struct member *add_member(subtree_t *s, int pid, unsigned long long start,
				 const char *comm, bool via_group)
{
	s->m = xgrow(s->m, &s->cap, s->n + 1, sizeof *s->m);
	struct member *m = &s->m[s->n++];
	memset(m, 0, sizeof *m);
	m->p.pid = pid;
	m->p.start = start;
	snprintf(m->p.comm, sizeof m->p.comm, "%s", comm);
	m->p.fate = SUBTREE_ALIVE;
	m->p.via_group = via_group;
	m->pidfd = -1;
	return m;
}

/* Holds a process read from /proc: a pidfd, then the start time again (the pidfd pins
 * the process, so a match proves it is the one read); then the pass's signal. */
static void hold(subtree_t *s, const struct entry *e, bool via_group)
{
	struct member *m = add_member(s, e->pid, e->start, e->comm, via_group);
	struct pstat st;
	int fd = pidfd_open(e->pid, 0);
	if (fd < 0 && errno != ESRCH) {
		snprintf(m->p.why, sizeof m->p.why, "cannot open a pidfd: %s", strerror(errno));
		m->hands_off = true;
		return;
	}
	if (fd < 0 || signal_read_stat(e->pid, &st) < 0 || st.start != e->start) {
		m->p.fate = fate_now(s);	/* ended since it was read */
		if (fd >= 0)
			close(fd);
		return;
	}
	m->pidfd = fd;
	m->leads = st.pgrp == e->pid;
	if (st.pgrp == getpgrp()) {
		snprintf(m->p.why, sizeof m->p.why, "in forktop's own process group");
		m->hands_off = true;
	}
	pidset_add(&s->live, e->pid);
	if (m->leads)
		pidset_add(&s->leaders, e->pid);
	if (s->sweep_sig)
		send_one(s, m, s->sweep_sig);
}

/* Whether a process in a group a member leads belongs to the subtree: an orphan adopted
 * by pid 1, or (once the first pass has told the outsiders) one born since that is no
 * outsider's child. A process of the same job outside the subtree (its parent the shell)
 * is not. */
static bool group_reachable(subtree_t *s, const struct entry *e)
{
	if (e->pgrp <= 1 || e->pgrp == getpgrp() || pidset_has(&s->outsiders, e->pid))
		return false;
	if (e->ppid == 1)
		return true;
	if (!s->outsiders_known)
		return false;
	if (pidset_has(&s->outsiders, e->ppid)) {
		pidset_add(&s->outsiders, e->pid);	/* an outsider's child is one too */
		return false;
	}
	return true;
}

/* Whether a process just read is a child of a live member or an orphan in a group one
 * leads. Exact: pids are handed out cyclically, so none of a live member's is reused
 * within a pass. */
static bool joins_now(subtree_t *s, const struct entry *e, bool *via_group)
{
	if (pidset_has(&s->live, e->pid) || !eligible(s, e))
		return false;
	*via_group = !pidset_has(&s->live, e->ppid);
	return !*via_group || (pidset_has(&s->leaders, e->pgrp) && group_reachable(s, e));
}

/* Adds pid to the snapshot if it is a live user process; holds it at once if it joins. */
static void snap_add(subtree_t *s, int pid)
{
	struct snap *sn = &s->sn;
	struct pstat st;
	bool via_group;
	if (pid <= 0 || signal_read_stat(pid, &st) < 0)
		return;
	if (st.state == 'Z' || st.state == 'X' || st.state == 'x' || st.flags & PF_KTHREAD)
		return;
	sn->e = xgrow(sn->e, &sn->cap, sn->n + 1, sizeof *sn->e);
	struct entry *e = &sn->e[sn->n++];
	*e = (struct entry){ .pid = pid, .ppid = st.ppid, .pgrp = st.pgrp, .start = st.start,
			     .mark = E_OUT };
	memcpy(e->comm, st.comm, sizeof e->comm);
	if (s->streaming && joins_now(s, e, &via_group))
		hold(s, e, via_group);
}

static void snap_readdir(subtree_t *s)
{
	DIR *d = opendir(proc_root());
	struct dirent *de;
	while (d && (de = readdir(d)))
		if (isdigit((unsigned char)de->d_name[0]))
			snap_add(s, atoi(de->d_name));
	if (d)
		closedir(d);
}

/* A number from a one-line file below the proc root such as sys/kernel/ns_last_pid, or
 * -1. */
static long read_number(const char *name)
{
	char path[PROC_PATH_MAX], buf[32];
	FILE *f = proc_path(path, sizeof path, "%s", name) == 0 ? fopen(path, "re") : NULL;
	long v = -1;
	if (f && fgets(buf, sizeof buf, f))
		v = strtol(buf, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* Reads the pids allocated after last (they follow it, cyclically) until no more are:
 * processes born behind readdir's cursor are among them. Returns false if pids were
 * still being allocated when it gave up. */
static bool snap_read_new(subtree_t *s, long last)
{
	if (last < 0 || s->pid_max <= 0)
		return true;	/* no ns_last_pid (CONFIG_CHECKPOINT_RESTORE): readdir only */
	for (int round = 0; round < PROBE_ROUNDS; round++) {
		long now = read_number("sys/kernel/ns_last_pid");
		if (now < 0 || now == last)
			return true;
		long span = now > last ? now - last : s->pid_max - last + now;
		if (span > PROBE_MAX)
			snap_readdir(s);
		else
			for (long i = 1; i <= span; i++)
				snap_add(s, (int)((last + i) % s->pid_max));
		last = now;
	}
	return false;
}

/* Reads every process from /proc, holding those that join as it goes. */
static void snap_read(subtree_t *s)
{
	struct snap *sn = &s->sn;
	sn->n = 0;
	long last = read_number("sys/kernel/ns_last_pid");
	snap_readdir(s);
	s->settled = snap_read_new(s, last);
	/* A pid read twice: keep its newest process. */
	qsort(sn->e, sn->n, sizeof *sn->e, cmp_pid_start);
	size_t k = 0;
	for (size_t i = 0; i < sn->n; i++)
		if (k == 0 || sn->e[k - 1].pid != sn->e[i].pid)
			sn->e[k++] = sn->e[i];
	sn->n = k;
	sn->by_ppid = xgrow(sn->by_ppid, &sn->by_cap, sn->n + 1, sizeof *sn->by_ppid);
	for (size_t i = 0; i < sn->n; i++)
		sn->by_ppid[i] = i;
	qsort_r(sn->by_ppid, sn->n, sizeof *sn->by_ppid, cmp_ppid, sn->e);
}

static struct entry *snap_find(const struct snap *sn, int pid)
{
	struct entry key = { .pid = pid };
	return bsearch(&key, sn->e, sn->n, sizeof *sn->e, cmp_pid);
}

/* The first index in by_ppid whose entry has this ppid (or where it would be). */
static size_t first_child(const struct snap *sn, int ppid)
{
	size_t lo = 0, hi = sn->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sn->e[sn->by_ppid[mid]].ppid < ppid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether process group g is led by a member: orphans re-parented out of the tree keep
 * it. The leader is in the snapshot and held, or it has ended (a live group keeps its
 * number from being reused). */
static bool held_group(const subtree_t *s, int g)
{
	if (g <= 1 || g == getpgrp())
		return false;
	const struct entry *leader = snap_find(&s->sn, g);
	return leader ? leader->mark != E_OUT : is_member(s, g, 0, true);
}

/* Holds whatever of the snapshot descends from a member, or is in a group a member
 * leads, and is not held yet (what was read before its parent, or the group of an
 * ended leader). */
static void closure(subtree_t *s)
{
	struct snap *sn = &s->sn;
	size_t head = 0, tail = 0;
	size_t *queue = xmalloc((sn->n + 1) * sizeof *queue);
	index_members(s);
	for (size_t i = 0; i < sn->n; i++)
		if (is_member(s, sn->e[i].pid, sn->e[i].start, false)) {
			sn->e[i].mark = E_HELD;
			queue[tail++] = i;
		}
	for (;;) {
		while (head < tail) {
			int parent = sn->e[queue[head++]].pid;
			for (size_t j = first_child(sn, parent);
			     j < sn->n && sn->e[sn->by_ppid[j]].ppid == parent; j++) {
				struct entry *c = &sn->e[sn->by_ppid[j]];
				if (c->mark == E_OUT && eligible(s, c)) {
					c->mark = E_CHILD;
					queue[tail++] = sn->by_ppid[j];
				}
			}
		}
		size_t before = tail;
		for (size_t i = 0; i < sn->n; i++) {
			struct entry *e = &sn->e[i];
			if (e->mark == E_OUT && eligible(s, e) && held_group(s, e->pgrp) &&
			    group_reachable(s, e)) {
				e->mark = E_GROUP;
				queue[tail++] = i;
			}
		}
		if (tail == before)
			break;
	}
	free(queue);
	for (size_t i = 0; i < sn->n; i++)
		if (sn->e[i].mark == E_CHILD || sn->e[i].mark == E_GROUP)
			hold(s, &sn->e[i], sn->e[i].mark == E_GROUP);
}

/* A group is signalled whole only when the pass found no live process in it that stays
 * outside the subtree. After the first pass, what it left out of members' groups are
 * the outsiders. */
static void check_groups(subtree_t *s)
{
	pidset_reset(&s->shared);
	for (size_t i = 0; i < s->sn.n; i++) {
		const struct entry *e = &s->sn.e[i];
		if (e->mark != E_OUT || e->pgrp <= 1)
			continue;
		pidset_add(&s->shared, e->pgrp);
		if (!s->outsiders_known && held_group(s, e->pgrp))
			pidset_add(&s->outsiders, e->pid);
	}
	s->outsiders_known = true;
	for (size_t i = 0; i < s->n; i++)
		s->m[i].group_ok = s->m[i].leads && !pidset_has(&s->shared, s->m[i].p.pid);
}

/* Notes which members have ended (their pidfd is readable: exited, even if not reaped).
 * Returns how many are still alive and can be signalled. */
static size_t poll_members(subtree_t *s)
{
	size_t k = 0, left = 0;
	struct pollfd *fds = xmalloc((s->n + 1) * sizeof *fds);
	size_t *idx = xmalloc((s->n + 1) * sizeof *idx);
	for (size_t i = 0; i < s->n; i++)
		if (s->m[i].pidfd >= 0) {
			fds[k] = (struct pollfd){ .fd = s->m[i].pidfd, .events = POLLIN };
			idx[k++] = i;
		}
	int r = poll(fds, k, 0);
	for (size_t j = 0; j < k; j++) {
		struct member *m = &s->m[idx[j]];
		if (r > 0 && fds[j].revents) {
			m->p.fate = fate_now(s);
			close(m->pidfd);
			m->pidfd = -1;
		} else if (!m->hands_off) {
			left++;
		}
	}
	free(fds);
	free(idx);
	return left;
}

/* One pass: holds every process not held yet that descends from a member or is in a
 * group one leads, and sends it sig. Returns how many it added. */
static size_t sweep(subtree_t *s, int sig)
{
	size_t from = s->n;
	poll_members(s);
	pidset_reset(&s->live);
	pidset_reset(&s->leaders);
	for (size_t i = 0; i < s->n; i++)
		if (s->m[i].pidfd >= 0) {
			pidset_add(&s->live, s->m[i].p.pid);
			if (s->m[i].leads)
				pidset_add(&s->leaders, s->m[i].p.pid);
		}
	s->sweep_sig = sig;
	s->streaming = true;
	snap_read(s);
	s->streaming = false;
	closure(s);
	check_groups(s);
	s->sweep_sig = 0;
	return s->n - from;
}

/* Whether every member that can be signalled is stopped (or gone). */
static bool all_stopped(const subtree_t *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct member *m = &s->m[i];
		struct pstat st;
		if (m->pidfd < 0 || m->hands_off || signal_read_stat(m->p.pid, &st) < 0 ||
		    st.start != m->p.start)
			continue;
		if (st.state != 'T' && st.state != 't' && st.state != 'Z' && st.state != 'X')
			return false;
	}
	return true;
}

/* Stops the root, then every new descendant pass after pass, until a pass that starts
 * with everything stopped finds nothing new (and missed no pid): none of them can fork
 * any more. */
static void capture(subtree_t *s)
{
	double give_up = clock_now() + CAPTURE_TIME;
	send_all(s, 0, SIGSTOP);
	for (int pass = 0; pass < MAX_PASSES; pass++) {
		bool stopped = all_stopped(s);
		if (sweep(s, SIGSTOP) == 0) {
			if (stopped && s->settled)
				break;
			/* Let the stops land. */
			nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
		}
		if (clock_now() > give_up)
			break;
	}
}

/* The parent stopped along with the subtree (it was running before): continue it. */
static bool continue_parent(subtree_t *s)
{
	struct pstat st;
	char msg[256];
	if (s->parent <= 1 || s->parent_was_stopped || signal_read_stat(s->parent, &st) < 0 ||
	    st.start != s->parent_start || (st.state != 'T' && st.state != 't'))
		return false;
	s->parent_continued = signal_send(s->parent, s->parent_start, SIGCONT, msg,
					  sizeof msg) == 0;
	return true;
}

/* The members have ended. A wrapper that passes its child's stop on to itself may do so
 * late on a busy machine: the parent is watched a moment for that (subtree_tick). */
static void finish(subtree_t *s)
{
	bool watch = s->parent > 1 && !s->parent_was_stopped && !continue_parent(s);
	s->phase = watch ? PH_WATCH : PH_DONE;
	s->watch_until = clock_now() + PARENT_WATCH;
	for (size_t i = 0; i < s->n; i++) {
		struct member *m = &s->m[i];
		if (m->pidfd >= 0)
			close(m->pidfd);
		m->pidfd = -1;
		if (m->p.fate == SUBTREE_ALIVE && !m->p.why[0])
			snprintf(m->p.why, sizeof m->p.why, "still running after SIGKILL");
	}
}

/* SIGKILL to every member, and to whatever more a look at /proc finds. */
static void kill_rest(subtree_t *s, double now)
{
	s->phase = PH_KILL;
	send_all(s, 0, SIGKILL);
	for (int pass = 0; pass < MAX_PASSES && sweep(s, SIGKILL) > 0; pass++)
		;
	s->wait_until = now + SIGNAL_KILL_WAIT;
}

/* forktop and its ancestors, forktop first. */
static void find_ancestors(subtree_t *s)
{
	struct pstat st;
	int pid = getpid();
	for (int depth = 0; pid > 0 && depth < MAX_DEPTH; depth++) {
		if (signal_read_stat(pid, &st) < 0)
			break;
		s->anc = xgrow(s->anc, &s->anc_cap, s->nanc + 1, sizeof *s->anc);
		s->anc[s->nanc++] = (struct ident){ pid, st.start };
		pid = st.ppid;
	}
}

/* The root's refusals after its identity is proven; 0, or -1 with err. */
static int refuse_root(const subtree_t *s, int pid, const struct pstat *st, char *err,
		       size_t errlen)
{
	if (st->state == 'Z' || st->state == 'X' || st->state == 'x')
		snprintf(err, errlen, "process %d has already ended", pid);
	else if (st->flags & PF_KTHREAD)
		snprintf(err, errlen, "refusing to end %d: it is a kernel thread", pid);
	else if (st->pgrp == getpgrp())
		snprintf(err, errlen, "refusing to end %d: it is in forktop's own process group",
			 pid);
	else
		for (size_t i = 1; i < s->nanc; i++)
			if (s->anc[i].pid == pid && s->anc[i].start == st->start)
				snprintf(err, errlen, "refusing to end the subtree of %d: forktop "
					 "runs inside it (ending it would end forktop)", pid);
	return err[0] ? -1 : 0;
}

/* Why the subtree of pid cannot be ended, in err; 0 when it can. */
static int refuse_pid(int pid, char *err, size_t errlen)
{
	if (pid == 1)
		snprintf(err, errlen, "refusing to end the subtree of pid 1 (init): it holds "
			 "every process");
	else if (pid <= 0)
		snprintf(err, errlen, "refusing to end pid %d: not a process", pid);
	else if (pid == getpid())
		snprintf(err, errlen, "refusing to end forktop itself (pid %d)", pid);
	else
		return 0;
	return -1;
}

/* Adds a root as a member, pinned by its pidfd; -1 with the reason in err. */
static int add_root(subtree_t *s, int pid, unsigned long long start, struct pstat *st,
		    char *err, size_t errlen)
{
	if (refuse_pid(pid, err, errlen) < 0)
		return -1;
	int fd = signal_pidfd(pid, start, err, errlen);
	if (fd < 0)
		return -1;
	if (signal_read_stat(pid, st) < 0)
		st->state = 'X';
	if (refuse_root(s, pid, st, err, errlen) < 0) {
		close(fd);
		return -1;
	}
	struct member *root = add_member(s, pid, start, st->comm, false);
	root->pidfd = fd;
	root->leads = st->pgrp == pid;
	return 0;
}

static subtree_t *engine_new(double grace)
{
	subtree_t *s = xcalloc(1, sizeof *s);
	find_ancestors(s);
	s->grace = grace > 0 ? grace : 0;
	s->group_signals = true;
	s->pid_max = read_number("sys/kernel/pid_max");
	return s;
}

/* Captures the members' subtrees stopped, then SIGTERM and SIGCONT; SIGKILL follows after
 * the grace period, as the engine is ticked. */
static subtree_t *engine_go(subtree_t *s)
{
	s->phase = PH_CAPTURE;
	capture(s);
	poll_members(s);
	s->phase = PH_TERM;
	send_all(s, 0, SIGTERM);
	send_all(s, 0, SIGCONT);	/* a stopped process acts on SIGTERM only once continued */
	s->last_tick = clock_now();
	s->kill_at = s->last_tick + s->grace;
	return s;
}

subtree_t *subtree_end_start(int pid, unsigned long long start, double grace, char *err,
			     size_t errlen)
{
	struct pstat st = { 0 };
	err[0] = '\0';
	if (refuse_pid(pid, err, errlen) < 0)
		return NULL;
	subtree_t *s = engine_new(grace);
	s->root = pid;
	s->nroots = 1;
	if (add_root(s, pid, start, &st, err, errlen) < 0) {
		subtree_free(s);
		return NULL;
	}
	struct pstat pst;
	if (st.ppid > 1 && signal_read_stat(st.ppid, &pst) == 0) {
		s->parent = st.ppid;
		s->parent_start = pst.start;
		s->parent_was_stopped = pst.state == 'T' || pst.state == 't';
	}
	return engine_go(s);
}

subtree_t *subtree_end_start_many(const struct subtree_root *roots, size_t n, double grace,
				  char *err, size_t errlen)
{
	struct pstat st;
	err[0] = '\0';
	subtree_t *s = engine_new(grace);
	for (size_t i = 0; i < n; i++)
		if (add_root(s, roots[i].pid, roots[i].start, &st, err, errlen) == 0)
			s->nroots++;
	if (s->nroots == 0) {
		if (!err[0])
			snprintf(err, errlen, "nothing to end");
		subtree_free(s);
		return NULL;
	}
	err[0] = '\0';
	s->root = s->m[0].p.pid;
	return engine_go(s);
}

double subtree_deadline(const subtree_t *s)
{
	if (s->phase == PH_DONE)
		return 0;
	double next = s->last_tick + TICK_EVERY;
	double end = s->phase == PH_TERM ? s->kill_at : s->phase == PH_WATCH ? s->watch_until :
		     s->wait_until;
	return next < end ? next : end;
}

void subtree_tick(subtree_t *s, double now)
{
	if (s->phase == PH_DONE)
		return;
	s->last_tick = now;
	if (s->phase == PH_WATCH) {
		if (continue_parent(s) || now >= s->watch_until)
			s->phase = PH_DONE;
		return;
	}
	if (poll_members(s) == 0) {
		/* All held have ended: one more look for late forks and escaped orphans (on a
		 * machine too busy to settle, give up at the end of the phase). */
		size_t from = s->n;
		double end = s->phase == PH_TERM ? s->kill_at : s->wait_until;
		if (sweep(s, s->phase == PH_TERM ? SIGTERM : SIGKILL) == 0) {
			if (s->settled || now >= end)
				finish(s);
		} else if (s->phase == PH_TERM) {
			send_all(s, from, SIGCONT);
		}
	} else if (s->phase == PH_TERM && now >= s->kill_at) {
		kill_rest(s, now);
	} else if (s->phase == PH_KILL && now >= s->wait_until) {
		finish(s);
	}
}

bool subtree_done(const subtree_t *s)
{
	return s->phase == PH_DONE;
}

size_t subtree_roots(const subtree_t *s)
{
	return s->nroots;
}

size_t subtree_count(const subtree_t *s)
{
	return s->n;
}

const struct subtree_proc *subtree_get(const subtree_t *s, size_t i)
{
	return i < s->n ? &s->m[i].p : NULL;
}

size_t subtree_ended(const subtree_t *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		n += s->m[i].p.fate != SUBTREE_ALIVE;
	return n;
}

/* " (2 by TERM, 1 by KILL after 5.0 s)", or nothing when nothing ended. */
static void report_how(const subtree_t *s, struct sbuf *b)
{
	size_t by[SUBTREE_BY_KILL + 1] = { 0 };
	const char *sep = " (";
	for (size_t i = 0; i < s->n; i++)
		by[s->m[i].p.fate]++;
	if (by[SUBTREE_BY_TERM]) {
		sbuf_printf(b, "%s%zu by TERM", sep, by[SUBTREE_BY_TERM]);
		sep = ", ";
	}
	if (by[SUBTREE_BY_KILL]) {
		sbuf_printf(b, "%s%zu by KILL after %.1f s", sep, by[SUBTREE_BY_KILL], s->grace);
		sep = ", ";
	}
	if (by[SUBTREE_EXITED]) {
		sbuf_printf(b, "%s%zu exited before TERM", sep, by[SUBTREE_EXITED]);
		sep = ", ";
	}
	if (sep[0] == ',')
		sbuf_addc(b, ')');
}

void subtree_report(const subtree_t *s, char *buf, size_t size)
{
	size_t ended = subtree_ended(s), shown = 0;
	char of[64];
	if (s->nroots > 1)
		snprintf(of, sizeof of, "%zu subtrees", s->nroots);
	else
		snprintf(of, sizeof of, "%d", s->root);
	if (s->phase < PH_WATCH) {
		if (s->nroots > 1)
			snprintf(buf, size, "ending %s: %zu of %zu processes ended", of, ended, s->n);
		else
			snprintf(buf, size, "ending the subtree of %s: %zu of %zu ended", of, ended,
				 s->n);
		return;
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "ended %zu of %zu process%s of %s", ended, s->n, s->n == 1 ? "" : "es",
		    of);
	report_how(s, &b);
	if (ended == s->n)
		sbuf_adds(&b, ", none survived");
	else
		sbuf_printf(&b, ", %zu survived:", s->n - ended);
	for (size_t i = 0; i < s->n && shown < SHOW_SURVIVORS; i++)
		if (s->m[i].p.fate == SUBTREE_ALIVE)
			sbuf_printf(&b, "%s %d (%s)", shown++ ? "," : "", s->m[i].p.pid,
				    s->m[i].p.why);
	if (s->n - ended > shown)
		sbuf_printf(&b, ", and %zu more", s->n - ended - shown);
	if (s->parent_continued)
		sbuf_printf(&b, "; its parent %d, stopped along with it, was continued", s->parent);
	snprintf(buf, size, "%s", sbuf_str(&b));
	sbuf_free(&b);
}

void subtree_free(subtree_t *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (s->m[i].pidfd >= 0)
			close(s->m[i].pidfd);
	free(s->m);
	free(s->anc);
	free(s->order);
	free(s->sn.e);
	free(s->sn.by_ppid);
	free(s->live.slot);
	free(s->leaders.slot);
	free(s->shared.slot);
	free(s->outsiders.slot);
	free(s);
}
