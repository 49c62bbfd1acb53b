/* demos_int.h - the parts of the demos that the table (table.c) lists: what each demo's
 * task runs (demos.c) and forktop's part as the lesson's main process (scenario.c).
 * Not for other modules. */
#ifndef FORKTOP_DEMOS_INT_H
#define FORKTOP_DEMOS_INT_H

#include "demos.h"

/* The bodies (demos.c). */
demo_body_fn body_sleeper, body_subclass, body_isolation, body_pid, body_ppid,
	body_terminate, body_daemon, body_spawner, body_zombie, body_cpu, body_pipeline,
	body_pool, body_command;

/* The main processes (scenario.c). start_one_task: one task of the demo with the args
 * and kwargs given; tick_join_all: joins every task in order, then the demo's finish. */
demo_start_fn start_sleeper, start_subclass, start_trio, start_isolation, start_pid,
	start_name, start_terminate, start_daemon, start_spawner, start_zombie, start_cpu,
	start_one_task, start_command;
demo_step_fn tick_join_all, tick_terminate, tick_daemon, tick_cpu;
demo_step_fn finish_subclass, finish_trio, finish_isolation, finish_pipeline, finish_pool;

/* The first demo in the table whose task runs body: a scenario that starts another
 * demo's tasks (join-trio starts sleepers) names it so, not by a string. */
const struct demo_info *demos_find_body(demo_body_fn *body);

/* The value of key in kwargs ("key=value" strings, NULL-terminated or NULL), or NULL. */
const char *demos_kwarg(char **kwargs, const char *key);

#endif
