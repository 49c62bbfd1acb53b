/* subtree.h - "end subtree" (X): ends a process and every descendant, the collapsed and
 * filtered-out ones included, and says what ended and what survived.
 *
 * subtree_end_start reads /proc, opens a pidfd on the root and each descendant and
 * SIGSTOPs it, pass after pass until a pass finds nothing new, so a fork bomb can neither
 * fork nor be re-parented out of reach; processes of a process group led by one of them
 * count too (orphans keep the group). Then SIGTERM to all, SIGCONT to all. The loop then
 * calls subtree_tick, which never blocks: it polls the pidfds, SIGKILLs what remains
 * once the grace period is over and waits up to a second for that. Every signal goes
 * through signal_send_pidfd. Nothing is reaped: forktop's own tasks end as zombies (they
 * count as ended) and task.c joins them. */
#ifndef FORKTOP_SUBTREE_H
#define FORKTOP_SUBTREE_H

#include <stdbool.h>
#include <stddef.h>


enum subtree_fate {
	SUBTREE_ALIVE,		/* not ended (yet); once done, a survivor */
	SUBTREE_EXITED,		/* ended on its own before SIGTERM was sent */
	SUBTREE_BY_TERM,	/* ended after SIGTERM, within the grace period */
	SUBTREE_BY_KILL,	/* ended after SIGKILL */
};

/* One process of the subtree. */
struct subtree_proc {
	int pid;
	unsigned long long start;	/* start time in ticks: identity with pid */
	char comm[64];		/* raw bytes from the kernel (untrusted): escape to show */
	enum subtree_fate fate;
	bool via_group;		/* not a descendant when found (re-parented away), but in the
				 * process group of one */
	char why[128];		/* why it could not be signalled ("permission denied"), or
				 * for a survivor why it survived; "" otherwise */
};

typedef struct subtree subtree_t;

/* Starts ending the subtree of pid, whose start time (ticks after boot) is start; grace
 * is the seconds from SIGTERM to SIGKILL (GRACE_DEFAULT, options.h, by default; < 0 means 0).
 * Refuses pid <= 1, forktop itself, an ancestor of forktop (ending it would end
 * forktop), a process in forktop's own process group, a kernel thread and a process
 * that has already ended; a start time that does not match says "process 951 is gone
 * (pid now used by `foo`)". Returns NULL with the reason in err, or the engine with
 * SIGTERM and SIGCONT already sent. Takes milliseconds (at most about 2 s against a
 * fork bomb). Times are CLOCK_MONOTONIC seconds. */
subtree_t *subtree_end_start(int pid, unsigned long long start, double grace, char *err,
			     size_t errlen);

/* Several subtrees ended as one operation: one capture over /proc for all of them, one
 * TERM, CONT, KILL schedule (quitting with "end them": every task and its descendants).
 * A root that cannot be ended is left out (err says why of the last one); NULL when none
 * can. */
struct subtree_root {
	int pid;
	unsigned long long start;
};
subtree_t *subtree_end_start_many(const struct subtree_root *roots, size_t n, double grace,
				  char *err, size_t errlen);

/* When the engine next wants subtree_tick (monotonic seconds), or 0 once done. Ticking
 * earlier or later is harmless. */
double subtree_deadline(const subtree_t *s);
/* Notes who ended, SIGKILLs the rest at the end of the grace period, finishes a second
 * after that (or as soon as everything has ended). Never blocks. */
void subtree_tick(subtree_t *s, double now);
bool subtree_done(const subtree_t *s);

/* "ended 3 of 3 processes of 951 (2 by TERM, 1 by KILL after 5.0 s), none survived",
 * "ended 2 of 3 processes of 951 (2 by TERM), 1 survived: 977 (permission denied)";
 * before the end "ending the subtree of 951: 1 of 3 ended". */
void subtree_report(const subtree_t *s, char *buf, size_t size);

/* The processes, root first, in the order they were found. */
size_t subtree_count(const subtree_t *s);
/* How many subtrees it ends (1 but for subtree_end_start_many). */
size_t subtree_roots(const subtree_t *s);
const struct subtree_proc *subtree_get(const subtree_t *s, size_t i);
/* How many have ended so far. */
size_t subtree_ended(const subtree_t *s);

/* Once done: if the root's parent (outside the subtree) was running at the start and is
 * stopped now (a wrapper that stops itself when its child stops), it gets SIGCONT, and the
 * report says so. */

/* Closes the pidfds and frees. Ending is not undone: nothing is left stopped. */
void subtree_free(subtree_t *s);

#endif
