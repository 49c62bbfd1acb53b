/* loop.h - the one event loop: poll() over the terminal, a signalfd and the refresh
 * timer, so the screen never freezes while anything is waited for. */
#ifndef FORKTOP_LOOP_H
#define FORKTOP_LOOP_H

#include "app.h"

/* Blocks the signals the loop reads through its signalfd (SIGTERM, SIGINT, SIGHUP,
 * SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT). Call before the screen starts, so that a signal
 * arriving meanwhile waits for the loop instead of killing forktop with the terminal raw.
 * Returns a signalfd, or -1 with errno. */
int loop_signals(void);

/* Runs until quit or a terminating signal. Returns the process exit code. */
int loop_run(struct app *a, int sigfd);

#endif
