/* tracer.h - strace attached to a process (the s key, as in htop): `strace -p PID -s 80`
 * run as a child of forktop in a process group of its own, its output (stdout and stderr)
 * read through a pipe into lines. It is ended through signal_send (SIGTERM: strace
 * detaches from the process and exits; SIGKILL if it has not after a grace period) and
 * reaped through its pidfd, so it never outlives forktop nor stays a zombie. No curses. */
#ifndef FORKTOP_TRACER_H
#define FORKTOP_TRACER_H

#include <stdbool.h>
#include <stddef.h>

#define TRACER_LINES 2000	/* output lines kept: the oldest go first */
#define TRACER_GRACE 2.0	/* seconds from SIGTERM to SIGKILL */

typedef struct tracer tracer_t;

/* Whether strace is installed: an executable "strace" in one of the directories of path
 * (a PATH value; NULL: the environment's). */
bool tracer_available(const char *path);

/* Starts strace on the process pid (start: its start time, checked first). Returns the
 * tracer, or NULL with a message in err. */
tracer_t *tracer_start(int pid, unsigned long long start, char *err, size_t errlen);

/* The descriptor to poll: the output pipe while it is open, then the pidfd until strace
 * is reaped; -1 after. */
int tracer_fd(const tracer_t *t);
/* Reads the output waiting, reaps strace once it has ended, and sends SIGKILL once a
 * detach has waited TRACER_GRACE seconds. Returns true when something changed. */
bool tracer_poll(tracer_t *t, double now);
/* When tracer_poll must run again without output (the SIGKILL due), 0 for never. */
double tracer_deadline(const tracer_t *t);
/* Asks strace to detach and end (SIGTERM through signal_send). Returns 0, or -1 with a
 * message (it has already ended). */
int tracer_detach(tracer_t *t, double now, char *msg, size_t msglen);

/* The traced process, and strace's own pid. */
int tracer_target(const tracer_t *t);
int tracer_pid(const tracer_t *t);
/* Whether strace has ended and been reaped; then its exit in words ("exit 0", "killed by
 * SIGKILL"). */
bool tracer_done(const tracer_t *t);
bool tracer_detaching(const tracer_t *t);
const char *tracer_exit(const tracer_t *t);

/* Output line i (0: the oldest kept): raw bytes (untrusted: escape them to show). */
size_t tracer_nlines(const tracer_t *t);
const char *tracer_line(const tracer_t *t, size_t i);

/* Ends strace if it still runs (SIGTERM, SIGKILL after the grace period: this waits),
 * reaps it and frees t. NULL is fine. */
void tracer_free(tracer_t *t);

#endif
