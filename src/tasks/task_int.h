/* task_int.h - what the task_*.c files share and nothing else includes: the table, the
 * event helper, spawning (task_spawn.c), the control channel (task_ctl.c) and the way
 * out at quit (task_leave.c). */
#ifndef FORKTOP_TASK_INT_H
#define FORKTOP_TASK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "events.h"
#include "task.h"

#define DAEMON_GRACE 2.0	/* seconds between SIGTERM and SIGKILL at the end */

struct tasks {
	events_t *ev;
	struct task **v;
	size_t n, cap;
	int counter;		/* Python's creation counter: N of "Process-N" */
	bool quiet;		/* tasks_free logs nothing */
	char *logdir;		/* tasks_set_logdir; NULL: tasks_default_logdir */
	unsigned changes;	/* tasks_changes: one more per lifecycle event */
	char **console;		/* tasks_console: every task's lines and main's, in order */
	size_t nconsole, console_first, console_bytes;
};

/* What the child needs, prepared before the fork: it touches no forktop state. */
struct child_plan {
	const struct task_spec *spec;
	const char *name;	/* raw, for the comm and the demo */
	const char *command;	/* NULL for a demo */
	int out_r, out_w;	/* the output pipe; for a detached command out_r is -1 and
				 * out_w the log file */
	int go_r, go_w;		/* forktop says go once it holds the pidfd */
	int ctl_r, ctl_w;	/* demos: the control channel (task's end, forktop's end) */
	char **argv;		/* simple command: exec'd without a shell */
	pid_t parent;
};

/* task.c */
/* A running or stopped task that is forktop's own child. */
bool task_alive(const struct task *k);
/* True if fd has something to read now (for a pidfd: the process has ended). */
bool task_readable(int fd);
char *task_escape(const char *s);
/* Closes *fd if open and sets it to -1. */
void task_close_fd(int *fd);
/* Frees a task record, closing forktop's ends of its fds. */
void task_destroy(struct task *k);
void task_log(tasks_t *t, enum event_kind kind, const char *python, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* TERM, grace, KILL, wait for forktop's own running tasks (daemonic ones only if asked;
 * left tasks never). Returns how many got SIGTERM. */
int task_end_running(tasks_t *t, double grace, bool daemonic_only);
/* Joins every exited task; since > 0 is when the wait began. Returns how many. */
int task_join_exited(tasks_t *t, double since);

/* task_spawn.c; the task_child_ functions run in a fresh child only. */
void task_child_reset_signals(void);
/* Closes every fd from first up. */
void task_child_close_from(int first);

/* task_ctl.c */
/* Reads the control replies waiting on k->ctlfd: confirmations, errors, a daemonized
 * task's new pid (then k follows the new process). */
void task_read_ctl(tasks_t *t, struct task *k);
/* The old pid of a daemonized task has ended: reap it. */
void task_reap_old(tasks_t *t, struct task *k);

/* task_leave.c */
/* Creates dir (and its parents) with mode 0700 and checks it is a directory of ours.
 * Returns 0, or -1 with a message. */
int task_make_logdir(const char *dir, char *err, size_t errlen);
/* The log directory in use: t's, else the default. */
const char *task_logdir(const tasks_t *t, char *buf, size_t size);
/* Opens (creates, appends) the log file of task k in dir and writes a header line; sets
 * *path (raw, malloc'd). Returns the fd (close-on-exec), or -1 with a message. */
int task_open_log(const struct task *k, const char *dir, const char *why, char **path,
		  char *err, size_t errlen);

#endif
