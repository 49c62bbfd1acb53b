/* signals.h - the one way forktop signals a process: through a pidfd, after checking the
 * process is still the one the user saw. */
#ifndef FORKTOP_SIGNALS_H
#define FORKTOP_SIGNALS_H

#include <stddef.h>

/* Sends sig to the process pid whose start time (ticks after boot) is start.
 * Refuses pid <= 1, forktop's own pid and its process group. Opens a pidfd, re-reads
 * the start time (the pidfd pins the process, so a match proves it is the one the user
 * selected), and only then signals. A stopped target gets SIGCONT after SIGTERM/INT/HUP/
 * QUIT so the signal takes effect. Returns 0, or -1 with a message for the user in msg
 * ("process 951 is gone (pid now used by `foo`)", "cannot signal 123: permission denied"). */
int signal_send(int pid, unsigned long long start, int sig, char *msg, size_t msglen);

/* "SIGTERM" for 15, "SIG37" for an unnamed one. */
const char *signal_name(int sig);

#endif
