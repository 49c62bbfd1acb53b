/* task.h - forktop's own processes ("tasks"): spawn, watch, join, signal, exit codes and
 * captured output, with the vocabulary of Python's multiprocessing.Process. Never draws.
 *
 * Each task is a child of forktop started from the main thread: its own process group,
 * every signal unblocked and at its default, stdin /dev/null, stdout+stderr to a pipe
 * forktop reads, other fds closed. forktop holds a pidfd from the moment of the fork.
 * An exited task stays a zombie ("exited N, not joined") until it is joined, as in
 * Python: the exit status is read with waitid(P_PIDFD, WEXITED|WNOWAIT).
 *
 * Demo tasks also get a control channel (a socket only forktop and the task hold): while
 * a demo sleeps or waits it serves forktop's requests to rename itself or to daemonize.
 * A daemonized task, or a command started detached, is no longer forktop's child: forktop
 * follows it through a pidfd, it outlives forktop, and its exit code is unknown. */
#ifndef FORKTOP_TASK_H
#define FORKTOP_TASK_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "events.h"
#include "subtree.h"

enum task_state {
	TASK_RUNNING,
	TASK_STOPPED,		/* SIGSTOP/SIGTSTP: state T */
	TASK_EXITED,		/* ended, a zombie until joined */
	TASK_JOINED,		/* reaped; exit code known */
	TASK_DAEMONIZED,	/* detached: no longer forktop's child */
};

#define TASK_AUTHKEY_LEN 32
#define TASK_OUTPUT_LINES 2000	/* scrollback kept per task, by default */
#define TASK_OUTPUT_BYTES (1u << 20)	/* and at most this much of it (escaped text) */
#define TASK_JOINED_LINES 200	/* a joined task keeps its last lines; the older ones go
				 * to a log file */

/* Output lines kept per task from now on (100-100000; forktoprc's scrollback). Call
 * before the first task starts. */
void tasks_set_scrollback(size_t lines);

struct task_spec {
	const char *demo;	/* a demo name (demos.h), or NULL for a command */
	const char *command;	/* shell command line when demo is NULL (run by /bin/sh -c) */
	const char *name;	/* NULL: Python's default "Process-N" */
	char **args;		/* positional args (demo), NULL-terminated or NULL */
	char **kwargs;		/* "key=value" strings, NULL-terminated or NULL */
	bool daemon;		/* Python's daemon=True: dies with forktop. A demo may not
				 * start children (it refuses as Python does); a command may
				 * fork and exec, as a daemonic process may in Python */
	bool detached;		/* commands only: started in a session of its own (double
				 * fork), not forktop's child, output to a log file; it
				 * outlives forktop. A running demo is detached with
				 * task_daemonize instead. */
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
	double joined;		/* monotonic seconds of the join, 0 before (the timeline) */
	unsigned char authkey[TASK_AUTHKEY_LEN];
	char **lines;		/* output ring: escaped UTF-8 lines, oldest first */
	size_t nlines, first;	/* ring bookkeeping (task_line hides it) */
	size_t nbytes;		/* bytes in the ring's lines, at most TASK_OUTPUT_BYTES */
	char *partial;		/* raw bytes (not escaped: never show) of an output line not
				 * yet ended by '\n'; becomes a line at '\n', 4096 bytes or EOF */
	size_t partial_len;
	bool command;		/* runs a shell command line (target is the command) */
	int ctlfd;		/* forktop's end of a demo's control channel (rename,
				 * daemonize); -1 for commands and once the task closed it */
	bool daemonizing;	/* asked to daemonize; its report has not come yet */
	bool detached;		/* not forktop's child (daemonized, or started detached):
				 * its end is seen through the pidfd, its exit code is not */
	int old_pid;		/* the pid it had before daemonizing, 0 if never */
	int old_pidfd;		/* pidfd of old_pid until forktop reaps it, else -1 */
	bool exit_unknown;	/* ended, but not as forktop's child: exitcode is meaningless */
	bool left;		/* left running at quit (tasks_leave_running): forktop no
				 * longer reads its output and never ends it */
	char *logpath;		/* escaped path of the log file its output goes to (detached
				 * commands, left tasks, lines the pane no longer keeps), or NULL */
	int spillfd;		/* that file while lines leave the pane's ring, else -1 */
	bool spill_failed;	/* it could not be written: said once, lines dropped */
	struct tasks *owner;	/* the table it is in (its lines also go to its console) */
};

typedef struct tasks tasks_t;

tasks_t *tasks_new(events_t *ev);
/* Ends and reaps what must not outlive forktop, then frees; logs nothing (call it before
 * events_free or after). Daemonic tasks get SIGTERM, then SIGKILL after 2 s, and are
 * reaped; exited tasks are reaped, and so is the old pid of a daemonized task: forktop
 * leaves no zombie. Everything else keeps running and only forktop's ends of its fds are
 * closed: daemonized tasks and detached commands (not forktop's children; a daemonized
 * demo's output then goes to /dev/null), tasks left with tasks_leave_running (their
 * output goes to a log file), and any other running task, which dies of SIGPIPE on its
 * next write: the quit dialog offers a join, tasks_end_all or tasks_leave_running. */
void tasks_free(tasks_t *t);

/* The quit dialog's "end them": every running task is ended with all its descendants
 * (as X does: stopped, SIGTERM, SIGCONT, SIGKILL after grace seconds), so no child of a
 * task is left running as an orphan; then every exited task is joined (reaped). Logs
 * events. Blocks about grace + 3 s at most. Returns how many tasks it signalled. Daemonized tasks, detached commands and left tasks are not forktop's to end
 * and are not signalled. */
int tasks_end_all(tasks_t *t, double grace);
/* The running tasks tasks_end_all would end (pid + start each), for ending them all as one
 * operation; *roots is allocated (free it). Returns how many. */
size_t tasks_to_end(tasks_t *t, struct subtree_root **roots);
/* The quit dialog's "leave them running": daemonic tasks end as at Python's exit (SIGTERM,
 * SIGKILL after 2 s) and are joined; exited tasks are joined; every other running task
 * (daemonized ones too) keeps running after forktop exits: its output pipe goes to a
 * small drainer process (double fork, own session: never forktop's child) that appends
 * it to logdir/DATE-FORKTOPPID-ID.log; a stopped one gets SIGCONT first (once forktop
 * exits, a stopped task in an orphaned group is hung up). logdir NULL: the one set with
 * tasks_set_logdir, else tasks_default_logdir; created with mode 0700. Logs events.
 * Returns how many tasks were left running, with a summary for the user in msg (where
 * the logs are); -1 with a message if the log directory cannot be made (then nothing
 * has changed). Afterwards tasks_free leaves those tasks alone. */
int tasks_leave_running(tasks_t *t, const char *logdir, char *msg, size_t msglen);
/* The directory for detached commands' logs and tasks_leave_running (NULL: the default).
 * Created (0700) when first needed. */
void tasks_set_logdir(tasks_t *t, const char *dir);
/* The default log directory: $XDG_STATE_HOME/forktop/logs, else
 * $HOME/.local/state/forktop/logs, else /tmp/forktop-UID/logs. Returns 0, or -1 if it
 * does not fit in size. Pure (reads the environment only). */
int tasks_default_logdir(char *buf, size_t size);
/* The log directory when the usual one cannot be used: /tmp/forktop-UID/logs. */
int tasks_fallback_logdir(char *buf, size_t size);
/* Joins every exited, unjoined task (logs each join). Returns how many. */
int tasks_join_all_exited(tasks_t *t);
/* Reads /proc/PID/stat of running tasks: state T or t is TASK_STOPPED, anything else is
 * TASK_RUNNING (exits are seen through the pidfd, in tasks_handle). Call each refresh. */
void tasks_update_states(tasks_t *t);

/* Raises the soft limit on open files to the hard one (forktop holds 2 or 3 fds per
 * task); tasks get the original limit back. Call once at start. */
void tasks_raise_fd_limit(void);

/* Starts a task. Returns its index, or -1 with a message in err (nothing started). A
 * detached command starts in the state TASK_DAEMONIZED with its log file in logpath. */
int task_start(tasks_t *t, const struct task_spec *spec, char *err, size_t errlen);

/* Asks a running demo task to daemonize: it forks, the child calls setsid and forks
 * again, the grandchild goes on with the demo (same output pipe while forktop reads it;
 * SIGPIPE ignored, /dev/null once forktop has gone) and reports its pid; the original
 * exits 0. The rest happens in tasks_handle: the old pid is reaped (old_pid), the new one
 * checked (start time, a session of its own, the kernel's word on who sent the report)
 * and followed through a new pidfd; state TASK_DAEMONIZED, event "daemonize". Returns 0
 * once asked, or -1 with a message (a command, a daemonic task, not running, stopped). */
int task_daemonize(tasks_t *t, struct task *k, char *err, size_t errlen);
/* Renames a task: forktop keeps the full name (k->name, escaped) and asks the running
 * demo task to set its own comm (prctl PR_SET_NAME: 15 bytes, cut between characters),
 * so ps shows it too, which Python's p.name = ... does not do. Logs "rename". Returns 0,
 * or -1 with a message: empty name, not running, k NULL or a command (Linux lets only a
 * process rename itself). */
int task_rename(tasks_t *t, struct task *k, const char *name, char *err, size_t errlen);

size_t tasks_count(const tasks_t *t);
struct task *tasks_get(tasks_t *t, size_t i);
struct task *tasks_find(tasks_t *t, int pid, unsigned long long start);
/* Running or stopped tasks that are forktop's children (daemonized tasks and detached
 * commands are not counted: nothing of forktop's waits for them). */
size_t tasks_alive(const tasks_t *t);
/* A counter that moves on every lifecycle event (start, exit, join, daemonize, rename,
 * refusal): when it has moved, the process tree no longer shows the tasks as they are. */
unsigned tasks_changes(const tasks_t *t);

/* The fds the loop must poll (pidfds of running tasks, daemonized ones included, output
 * pipes, control channels, old pids of daemonized tasks); returns how many were written
 * to fds (at most max: about 4 per task). */
size_t tasks_pollfds(const tasks_t *t, struct pollfd *fds, size_t max);
/* Handles what poll reported for those fds: output lines, control replies (a daemonized
 * task's new pid), exits (logged as events). */
void tasks_handle(tasks_t *t, const struct pollfd *fds, size_t n);

/* Joins (reaps) an exited task: logs "p.join() -> exitcode N after S s". A daemonized task
 * or detached command that has ended is joined through its pidfd only: exit code
 * "unknown (not our child)". Returns 0, or -1 with a message (still running, daemonized
 * and still running, already joined). */
int task_join(tasks_t *t, struct task *k, double waited, char *err, size_t errlen);

/* The console: what one terminal running the lesson's program would show, every task's
 * output lines and the main process's prints (tasks_console_add) in the order they came,
 * escaped; as many lines are kept as a task keeps. i = 0 is the oldest kept. */
void tasks_console_add(tasks_t *t, const char *line);
size_t tasks_console_count(const tasks_t *t);
const char *tasks_console_line(const tasks_t *t, size_t i);

/* Output line i (0 = oldest kept) of a task: complete lines only (see partial). */
size_t task_nlines(const struct task *k);
const char *task_line(const struct task *k, size_t i);

/* "0", "3", "-15 SIGTERM", "-11 SIGSEGV (core dumped)", "unknown (not our child)", ""
 * while running. */
void task_exitcode_str(char *buf, size_t size, const struct task *k);
/* The TASK column: "● running", "■ stopped", "Z exited 3, not joined", "✓ joined 0",
 * "✗ -15 SIGTERM", "⇱ daemonized", "? ended, not joined", "? joined, code unknown"
 * (ASCII forms when utf8 is false). */
void task_state_str(char *buf, size_t size, const struct task *k, bool utf8);

/* Exit code the Python way from a waitid() siginfo: CLD_EXITED -> status,
 * CLD_KILLED/CLD_DUMPED -> -signal. Pure. */
int task_exitcode_from(int code, int status);

/* Frees a NULL-terminated string array (as task_parse_kwargs returns); NULL is fine. */
void task_strv_free(char **v);

/* Python's repr of the call's arguments, escaped: "args=('子进程1', '3'), kwargs={'n':
 * '3'}", "args=('x',)" for one, "" when both are empty or NULL. Pure; free the result. */
char *task_args_repr(char *const *args, char *const *kwargs);

/* The words of a command line that is one simple command (words, quotes, backslashes; no
 * expansion, redirection, list, pipe, glob, assignment or shell builtin), as an argv to
 * exec without a shell; NULL when it needs /bin/sh. A daemonic command that is simple
 * runs this way, since sh (dash) would need a child to run it. Pure; free the result
 * with task_strv_free. */
char **task_simple_argv(const char *cmd);

/* Python's repr of a str, escaped: 'worker', "it's". Pure; free the result. */
char *task_str_repr(const char *s);

/* Parses "key=value" pairs separated by spaces or commas (values may be quoted with ' or
 * "). Returns the count, or -1 with a message in err ("bad kwarg 'x': expected
 * key=value"). Keys must be identifiers. Pure. */
int task_parse_kwargs(const char *in, char ***out, char *err, size_t errlen);

/* Parses positional args as Python writes them: literals separated by commas ('a',
 * "b\n", 3, -1.5, True, None), with or without ( ), a trailing comma allowed. Sets *out
 * to their values as text (a str without its quotes; True/False/None and numbers as
 * written). Returns the count, or -1 with a message in err ("args: the quote ' is not
 * closed at ..."). Pure; free *out with task_strv_free. */
int task_parse_args(const char *in, char ***out, char *err, size_t errlen);

#endif
