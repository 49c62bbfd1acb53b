/* guard.h - the watchdog: a small process per forktop that does, when forktop dies
 * without cleaning up (SIGKILL, the OOM killer), what forktop would have done: it puts
 * the terminal back (modes, mouse tracking off, the normal screen) and ends the daemonic
 * tasks (SIGTERM, SIGKILL after GUARD_GRACE seconds), so daemon=True always means "ends
 * with forktop".
 *
 * Why a process and not only PR_SET_PDEATHSIG: the death signal is one signal, which a
 * task may ignore, and nothing would follow it; nor can it restore a terminal. Why
 * pidfds: the guard signals processes long after it was told about them; a pid number
 * may have been reused by then, a pidfd always means the process it was opened on (once
 * that ends, signalling it fails with ESRCH). The guard holds a pidfd of forktop (its
 * end is the trigger) and one of each daemonic task, passed over a socket (SCM_RIGHTS).
 * It lives in a session of its own, re-parented away from forktop (double fork): the
 * terminal's signals and a kill of forktop's process group do not reach it, and it is
 * never forktop's zombie. It ignores every signal but SIGKILL and exits once forktop
 * has gone and its work is done. */
#ifndef FORKTOP_GUARD_H
#define FORKTOP_GUARD_H

#include <stddef.h>
#include <termios.h>

#define GUARD_GRACE 2.0		/* seconds from SIGTERM to SIGKILL, as at forktop's quit */

/* Starts the guard with the terminal duty: if forktop dies, tio (NULL: none) goes back
 * on tty and the bytes reset[0..len) are written to it. Returns 0, or -1 with a message. */
int guard_start(int tty, const struct termios *tio, const char *reset, size_t len,
		char *err, size_t errlen);
/* forktop has restored the terminal itself (or is about to, in its crash handler): the
 * guard lets go of it. Async-signal-safe. */
void guard_release_terminal(void);
/* Hands the guard a pidfd of the daemonic task pid (the guard keeps its own copy; the
 * caller keeps pidfd), starting a guard first if none runs. Returns 0, or -1 with a
 * message (then the task cannot be made certain to end with forktop). */
int guard_watch(int pidfd, int pid, char *err, size_t errlen);

#endif
