/* demos.h - the lesson's examples as real processes. Each demo has a child body (what
 * run() does in the task) and a scenario: forktop plays the lesson's main process,
 * starting the tasks, joining or terminating them and printing the main process's
 * lines (e.g. "主 3.01") to the event log as EV_MAIN events. */
#ifndef FORKTOP_DEMOS_H
#define FORKTOP_DEMOS_H

#include <stdbool.h>
#include <stddef.h>

#include "events.h"
#include "task.h"

/* A demo's scenario, driven by the loop. */
typedef struct scenario scenario_t;

/* What a demo's task runs (demos.c): the lesson's run(), printing what it prints. Ends
 * the process. */
typedef void demo_body_fn(const char *name, char **args, char **kwargs);
/* forktop as the lesson's main process (scenario.c): start starts the tasks and prints
 * what main prints at once (-1 with a message in err); tick and finish go on from there. */
typedef int demo_start_fn(scenario_t *s, char **args, char **kwargs, char *err,
			  size_t errlen);
typedef void demo_step_fn(scenario_t *s, double now);

/* One line of the demo table (table.c), the only list of demos. */
struct demo_info {
	const char *name;	/* "sleeper", "join-trio", ... */
	const char *summary;	/* one line for --list-demos and the New dialog */
	demo_body_fn *body;	/* what the demo's task runs */
	demo_start_fn *start;	/* main: starts the tasks */
	demo_step_fn *tick;	/* NULL: main is done after start; else called on every
				 * tick until it is */
	demo_step_fn *finish;	/* with a tick that joins every task: what main prints
				 * once they are joined (NULL: nothing) */
	double main_sleep;	/* main's last time.sleep() before it ends (pid, name) */
	bool no_atexit;		/* not a Python main (command): nothing at its end */
};

/* The table, in its order. */
const struct demo_info *demos_list(size_t *n);
/* The demo called name, or NULL. */
const struct demo_info *demos_find(const char *name);

/* Runs a demo's body in a freshly forked task; never returns (exit code as the lesson's
 * code would give). name is the task's name, args/kwargs as given (may be NULL), ctl the
 * control channel (demo_ctl.h) the body serves while it sleeps or waits, or -1. */
void demos_child(const char *demo, const char *name, char **args, char **kwargs, int ctl)
	__attribute__((noreturn));

/* The isolation demo's global n as this process sees it: 100 in forktop (the main
 * process); the child set its own copy to 0. */
int demos_isolation_n(void);
/* Where forktop's command line lives: a demo's processes write their own title over it
 * (what ps and /proc/PID/cmdline show), so a forked demo process does not look like
 * another forktop. Call once at start-up, from main. */
void demos_set_argv(int argc, char **argv);
/* In a process forked from forktop (never exec'd): its command line becomes "forktop:
 * TITLE", so ps tells it from forktop itself. */
void demos_set_title(const char *title);

/* Millions of iterations of the cpu demo's loop one core does per second, measured for
 * secs seconds (blocks that long). */
double demos_cpu_rate(double secs);

/* Starts the demo: its tasks are started through tasks. NULL with a message on error
 * ("unknown demo 'NAME'" for a name not in the table). */
scenario_t *scenario_start(const char *demo, tasks_t *tasks, events_t *ev, char *err,
			   size_t errlen);
/* The same with the New dialog's args and kwargs (may be NULL): sleeper takes a name and
 * n=, cpu n= workers and s= seconds, pool n= workers and m= jobs, command the command
 * line as args[0]. Scenarios keep no pointer to args or kwargs. */
scenario_t *scenario_start_args(const char *demo, char **args, char **kwargs, tasks_t *tasks,
				events_t *ev, char *err, size_t errlen);
/* Advances the scenario (call after every loop turn: a task may have exited, a timer
 * passed). now is monotonic seconds. */
void scenario_tick(scenario_t *s, double now);
/* The next time (monotonic seconds) the scenario wants a tick even if nothing happens,
 * or 0 for none. */
double scenario_deadline(const scenario_t *s);
bool scenario_done(const scenario_t *s);
/* Frees the scenario only: its tasks stay in tasks. Call before tasks_free. */
void scenario_free(scenario_t *s);

#endif
