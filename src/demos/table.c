/* table.c - the demo table, the only list of demos: --list-demos, the New dialog, the
 * tasks (demos_child) and the scenarios (scenario_start) all read it. A demo is its
 * body (demos.c), its main process (scenario.c) and one line here. */
#include "demos_int.h"

#include <string.h>

#include "util.h"

static const struct demo_info table[] = {
	/* name, summary,
	 * the task's body, main's start, tick, finish, last sleep, no atexit */
	{ "sleeper", "<name> is running, sleeps n s (default 3), <name> is done",
	  body_sleeper, start_sleeper, NULL, NULL, 0, false },
	{ "subclass", "method 2: a Process subclass overriding run(), joined before main "
	  "prints 主 (主 comes last)",
	  body_subclass, start_subclass, tick_join_all, finish_subclass, 0, false },
	{ "join-trio", "three children sleeping 1, 2, 3 s, all joined: about 3 s, not 6",
	  body_sleeper, start_trio, tick_join_all, finish_trio, 0, false },
	{ "isolation", "the child sets its global n from 100 to 0; the parent's n stays 100",
	  body_isolation, start_isolation, tick_join_all, finish_isolation, 0, false },
	{ "pid", "the child prints its pid and its parent's pid (forktop), then sleeps",
	  body_pid, start_pid, NULL, NULL, 1000, false },	/* time.sleep(1000) */
	{ "name", "a child named 子进程1 prints its parent's pid, then sleeps",
	  body_ppid, start_name, NULL, NULL, 1000, false },
	{ "terminate", "started, terminated at once: is_alive() True, then False; exitcode -15",
	  body_terminate, start_terminate, tick_terminate, NULL, 0, false },
	{ "daemon", "a daemonic child ends with its parent and may not start children",
	  body_daemon, start_daemon, tick_daemon, NULL, 0, false },
	{ "spawner", "a task with two children of its own: terminate it to see orphans",
	  body_spawner, start_spawner, NULL, NULL, 0, false },
	{ "zombie", "a task whose child exits and is never reaped (state Z)",
	  body_zombie, start_zombie, NULL, NULL, 0, false },
	{ "cpu", "the same CPU-bound work for one worker per core, then for twice as many "
	  "workers: parallelism vs concurrency",
	  body_cpu, start_cpu, tick_cpu, NULL, 0, false },
	{ "pipeline", "a producer and a consumer process connected by a pipe (IPC)",
	  body_pipeline, start_one_task, tick_join_all, finish_pipeline, 0, false },
	{ "pool", "a pool of n worker processes draining a queue of m jobs",
	  body_pool, start_one_task, tick_join_all, finish_pool, 0, false },
	{ "command", "any shell command line",
	  body_command, start_command, NULL, NULL, 0, true },
};

const struct demo_info *demos_list(size_t *n)
{
	*n = ARRAY_LEN(table);
	return table;
}

const struct demo_info *demos_find(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_LEN(table); i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

const struct demo_info *demos_find_body(demo_body_fn *body)
{
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (table[i].body == body)
			return &table[i];
	return NULL;
}
