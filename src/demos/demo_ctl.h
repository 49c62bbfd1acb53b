/* demo_ctl.h - the control channel between forktop and a demo task: a SOCK_SEQPACKET
 * socket pair, one request or reply per datagram, its first byte saying what it is.
 * forktop's side is task_ctl.c; the task's side (demo_ctl.c) serves requests while the
 * demo sleeps or waits. */
#ifndef FORKTOP_DEMO_CTL_H
#define FORKTOP_DEMO_CTL_H

#include <stdbool.h>
#include <sys/types.h>

#define CTL_MSG_MAX 512		/* bytes in one request or reply */

/* Requests, forktop → task. */
#define CTL_RENAME 'R'		/* + the new name (raw bytes): set the comm to it */
#define CTL_DAEMONIZE 'D'	/* fork, setsid, fork; the grandchild goes on */
/* Replies, task → forktop (the kernel adds the sender's pid: SO_PASSCRED). */
#define CTL_RENAMED 'r'		/* + the comm now set (at most 15 bytes) */
#define CTL_DAEMONIZED 'd'	/* + "PID START SID" of the grandchild, sent by it */
#define CTL_FAILED 'e'		/* + why a request failed */

/* The task's side: fd is the channel (-1: none, e.g. forktop is gone). */
void demo_ctl_init(int fd);
/* In a child the task starts itself: the channel is the task's, not the child's. */
void demo_ctl_forget(void);
/* Serves the requests waiting, without blocking. */
void demo_ctl_serve(void);
/* Sleeps s seconds, serving requests meanwhile. */
void demo_nap(double s);
/* A pidfd for a child the task just forked (before anyone can reap it), or -1. */
int demo_child_pidfd(pid_t pid);
/* Waits for a child of the task, serving requests meanwhile; closes pidfd. Sets *code
 * (Python's exitcode) and returns true, or returns false when the child is not ours any
 * more: after daemonizing, the task's children stayed with its old pid. */
bool demo_wait_child(pid_t pid, int pidfd, int *code);
/* After a failed write to stdout: a daemonized task whose forktop has gone (EPIPE, with
 * SIGPIPE ignored) sends its output to /dev/null from then on. */
void demo_output_failed(void);

#endif
