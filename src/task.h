/* task.h - forktop's own processes ("tasks"): spawn, watch, join, signal, exit codes and
 * captured output, with the vocabulary of Python's multiprocessing.Process. Never draws.
 *
 * Each task is a child of forktop started from the main thread: its own process group,
 * every signal unblocked and at its default, stdin /dev/null, stdout+stderr to a pipe
 * forktop reads, other fds closed. forktop holds a pidfd from the moment of the fork.
 * An exited task stays a zombie ("exited N, not joined") until it is joined, as in
 * Python: the exit status is read with waitid(P_PIDFD, WEXITED|WNOWAIT). */
#ifndef FORKTOP_TASK_H
#define FORKTOP_TASK_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "events.h"

enum task_state {
	TASK_RUNNING,
	TASK_STOPPED,		/* SIGSTOP/SIGTSTP: state T */
	TASK_EXITED,		/* ended, a zombie until joined */
	TASK_JOINED,		/* reaped; exit code known */
	TASK_DAEMONIZED,	/* detached: no longer forktop's child */
};

#define TASK_AUTHKEY_LEN 32
#define TASK_OUTPUT_LINES 2000	/* scrollback kept per task */

struct task_spec {
	const char *demo;	/* a demo name (demos.h), or NULL for a command */
	const char *command;	/* shell command line when demo is NULL (run by /bin/sh -c) */
	const char *name;	/* NULL: Python's default "Process-N" */
	char **args;		/* positional args (demo), NULL-terminated or NULL */
	char **kwargs;		/* "key=value" strings, NULL-terminated or NULL */
	bool daemon;		/* Python's daemon=True: dies with forktop */
	bool detached;		/* commands: own session, not our child, survives forktop */
};

struct task {
	int id;			/* N of "Process-N": a creation counter, as in Python */
	/* name, target and args_repr are escaped (text_escape): safe to show as they are. */
	char *name;		/* full name (the comm holds at most 15 bytes of it) */
	char *target;		/* demo name or the command line */
	char *args_repr;	/* "args=('子进程1',), kwargs={'n': '3'}", "" for none */
	bool daemon;
	int pid;
	unsigned long long start;	/* start time in ticks: identity with pid */
	int pidfd;		/* -1 once joined */
	int outfd;		/* read end of the output pipe, -1 at EOF */
	enum task_state state;
	int exitcode;		/* valid from TASK_EXITED: N, or -N for death by signal N */
	bool core_dumped;
	double started, ended;	/* monotonic seconds; ended = 0 while running */
	unsigned char authkey[TASK_AUTHKEY_LEN];
	char **lines;		/* output ring: escaped UTF-8 lines, oldest first */
	size_t nlines, first;	/* ring bookkeeping (task_line hides it) */
	char *partial;		/* raw bytes (not escaped: never show) of an output line not
				 * yet ended by '\n'; becomes a line at '\n', 4096 bytes or EOF */
	size_t partial_len;
};

typedef struct tasks tasks_t;

tasks_t *tasks_new(events_t *ev);
/* Ends and reaps what must not outlive forktop, then frees; logs nothing (call it before
 * events_free or after). Daemonic tasks get SIGTERM, then SIGKILL after 2 s, and are
 * reaped; exited tasks are reaped. Running non-daemonic tasks are left running and only
 * our ends of their pidfd and output pipe are closed: such a task dies of SIGPIPE on its
 * next write (a later change moves their output to a log file first; until then the
 * quit dialog should offer tasks_end_all or a join). */
void tasks_free(tasks_t *t);

/* Python's atexit for every task: SIGTERM to all running ones (SIGCONT too if stopped),
 * wait up to grace seconds for them to end, SIGKILL the rest, then join (reap) every
 * exited task. Logs events. Blocks at most grace + 2 s. Returns how many tasks it
 * signalled. */
int tasks_end_all(tasks_t *t, double grace);
/* Joins every exited, unjoined task (logs each join). Returns how many. */
int tasks_join_all_exited(tasks_t *t);
/* Reads /proc/PID/stat of running tasks: state T or t is TASK_STOPPED, anything else is
 * TASK_RUNNING (exits are seen through the pidfd, in tasks_handle). Call each refresh. */
void tasks_update_states(tasks_t *t);

/* Starts a task. Returns its index, or -1 with a message in err (nothing started). */
int task_start(tasks_t *t, const struct task_spec *spec, char *err, size_t errlen);

size_t tasks_count(const tasks_t *t);
struct task *tasks_get(tasks_t *t, size_t i);
struct task *tasks_find(tasks_t *t, int pid, unsigned long long start);
size_t tasks_alive(const tasks_t *t);

/* The fds the loop must poll (pidfds of unjoined tasks, output pipes); returns how many
 * were written to fds (at most max). */
size_t tasks_pollfds(const tasks_t *t, struct pollfd *fds, size_t max);
/* Handles what poll reported for those fds: output lines, exits (logged as events). */
void tasks_handle(tasks_t *t, const struct pollfd *fds, size_t n);

/* Joins (reaps) an exited task: logs "p.join() -> exitcode N after S s". Returns 0, or
 * -1 with a message (still running, already joined). */
int task_join(tasks_t *t, struct task *k, double waited, char *err, size_t errlen);

/* Output line i (0 = oldest kept) of a task: complete lines only (see partial). */
size_t task_nlines(const struct task *k);
const char *task_line(const struct task *k, size_t i);

/* "0", "3", "-15 SIGTERM", "-11 SIGSEGV (core dumped)", "" while running. */
void task_exitcode_str(char *buf, size_t size, const struct task *k);
/* The TASK column: "● running", "■ stopped", "Z exited 3, not joined", "✓ joined 0",
 * "✗ -15 SIGTERM", "⇱ daemonized" (ASCII forms when utf8 is false). */
void task_state_str(char *buf, size_t size, const struct task *k, bool utf8);

/* Exit code the Python way from a waitid() siginfo: CLD_EXITED -> status,
 * CLD_KILLED/CLD_DUMPED -> -signal. Pure. */
int task_exitcode_from(int code, int status);

/* Frees a NULL-terminated string array (as task_parse_kwargs returns); NULL is fine. */
void task_strv_free(char **v);
int tasks_leave_running(tasks_t *t, const char *logdir, char *msg, size_t msglen);

/* Python's repr of the call's arguments, escaped: "args=('子进程1', '3'), kwargs={'n':
 * '3'}", "args=('x',)" for one, "" when both are empty or NULL. Pure; free the result. */
char *task_args_repr(char *const *args, char *const *kwargs);

/* Parses "key=value" pairs separated by spaces or commas (values may be quoted with ' or
 * "). Returns the count, or -1 with a message in err ("bad kwarg 'x': expected
 * key=value"). Keys must be identifiers. Pure. */
int task_parse_kwargs(const char *in, char ***out, char *err, size_t errlen);

#endif
