/* scenario.c - the demos' main processes: forktop plays the lesson's `if __name__ ==
 * '__main__':` part, starting tasks, joining or terminating them and printing the main
 * process's lines as EV_MAIN events. Never blocks: the loop ticks it. Each demo's start,
 * tick and finish are named in the demo table (table.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "demos_int.h"

#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "text.h"
#include "util.h"

#define SC_MAX_TASKS 64
#define TERMINATE_PAUSE 0.1	/* the lesson's time.sleep(0.1) */
#define DAEMON_FIRST_LINE 2.0	/* at most this long for 守护进程's first line */

struct scenario {
	const struct demo_info *demo;	/* its line in the table */
	tasks_t *tasks;
	events_t *ev;
	int ids[SC_MAX_TASKS];	/* task ids (tasks may move in the table; ids do not) */
	size_t n;
	size_t next_join;	/* join_in_order: the next task to join */
	double t0, join_began;	/* monotonic: start of the demo, of the current join */
	double timer;		/* scenario_deadline, 0 for none */
	int step;
	int exit_step;		/* main's end: 0 not yet, 1 its last sleep, 2 atexit joins */
	bool main_done;		/* the lesson's main has run its last line */
	bool exit_told;		/* its exit had something to do, said in the event log */
	double work;		/* cpu: million iterations per worker; 0 for others */
	double round_took;	/* cpu: seconds of the first round */
	bool done;
};

/* A float as Python's print() writes it (repr: the shortest digits that read back). */
static void py_float(char *buf, size_t len, double v)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (!strpbrk(buf, ".eni"))
		snprintf(buf + strlen(buf), len - strlen(buf), ".0");
}

/* A line of main's in the event log: EV_MAIN (printed: main's terminal shows it among
 * the tasks' lines) or EV_INFO (done, not printed). */
static void main_vline(scenario_t *s, enum event_kind kind, const char *python,
		       const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
static void main_vline(scenario_t *s, enum event_kind kind, const char *python,
		       const char *fmt, va_list ap)
{
	char line[512];
	vsnprintf(line, sizeof line, fmt, ap);
	events_add(s->ev, kind, python, "%s", line);
	if (kind == EV_MAIN)
		tasks_console_add(s->tasks, line);
}

/* What main does but does not print: the event log only, never the program's terminal. */
static void narrate(scenario_t *s, const char *python, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void narrate(scenario_t *s, const char *python, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	main_vline(s, EV_INFO, python, fmt, ap);
	va_end(ap);
}

/* A line the lesson's main process prints; python is the statement that prints it. */
static void say_main(scenario_t *s, const char *python, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say_main(scenario_t *s, const char *python, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	main_vline(s, EV_MAIN, python, fmt, ap);
	va_end(ap);
}

static struct task *sc_task(scenario_t *s, size_t i)
{
	for (size_t j = 0; i < s->n && j < tasks_count(s->tasks); j++) {
		struct task *k = tasks_get(s->tasks, j);
		if (k->id == s->ids[i])
			return k;
	}
	return NULL;
}

static int sc_start(scenario_t *s, const struct task_spec *spec, char *err, size_t errlen)
{
	if (s->n == SC_MAX_TASKS) {
		snprintf(err, errlen, "a demo starts at most %d tasks", SC_MAX_TASKS);
		return -1;
	}
	int i = task_start(s->tasks, spec, err, errlen);
	if (i < 0)
		return -1;
	s->ids[s->n++] = tasks_get(s->tasks, (size_t)i)->id;
	return 0;
}

/* A task of the scenario's own demo; name NULL for Python's default (Process-N). */
static int sc_start_task(scenario_t *s, const char *name, char **args, char **kwargs,
			 char *err, size_t errlen)
{
	struct task_spec spec = { .demo = s->demo->name, .name = name, .args = args,
		.kwargs = kwargs };
	return sc_start(s, &spec, err, errlen);
}

/* Python's is_alive(): not ended, asking the pidfd itself rather than the last poll. */
static bool is_alive(const struct task *k)
{
	if (k->state != TASK_RUNNING && k->state != TASK_STOPPED)
		return false;
	struct pollfd p = { .fd = k->pidfd, .events = POLLIN };
	return k->pidfd < 0 || poll(&p, 1, 0) == 0;
}

/* p.terminate(): SIGTERM to k, said in the event log (why follows "SIGTERM sent to PID
 * (NAME)"), or why it was refused. */
static void sc_terminate(scenario_t *s, const struct task *k, const char *python,
			 const char *why)
{
	char msg[512];
	if (signal_send(k->pid, k->start, SIGTERM, msg, sizeof msg) < 0)
		events_add(s->ev, EV_REFUSED, NULL, "%s", msg);
	else
		events_add(s->ev, EV_SIGNAL, python, "SIGTERM sent to %d (%s)%s", k->pid,
			   k->name, why);
}

/* for p in p_l: p.join() -- each join waits for its task; true once all are joined. */
static bool join_in_order(scenario_t *s, double now)
{
	char err[256];
	while (s->next_join < s->n) {
		struct task *k = sc_task(s, s->next_join);
		if (k && k->state != TASK_JOINED && k->state != TASK_DAEMONIZED &&
		    task_join(s->tasks, k, now - s->join_began, err, sizeof err) < 0)
			return false;	/* still running */
		s->next_join++;
		s->join_began = now;
	}
	return true;
}

/* Joins every task in order, then main's last lines (the demo's finish). */
void tick_join_all(scenario_t *s, double now)
{
	if (!join_in_order(s, now))
		return;
	if (s->demo->finish)
		s->demo->finish(s, now);
	s->main_done = true;
}

/* ---- the demos ---- */

int start_sleeper(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	/* Process(target=task, args=('子进程',)): the default name, the name as an arg. */
	char *own[] = { (char *)"子进程", NULL };
	if (sc_start_task(s, NULL, args && args[0] ? args : own, kwargs, err, len) < 0)
		return -1;
	say_main(s, "print('主')", "主");
	events_add(s->ev, EV_INFO, NULL, "the main process went on at once: it has no more "
		   "lines, so it ends and joins its child at exit");
	return 0;
}

/* Method 2: p = Myprocess('子进程'); p.start(); p.join(); print('主'). */
int start_subclass(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)args;
	if (sc_start_task(s, "子进程", NULL, kwargs, err, len) < 0)
		return -1;
	narrate(s, "p.join()", "the main process waits for 子进程 before it prints 主");
	return 0;
}

void finish_subclass(scenario_t *s, double now)
{
	(void)now;
	say_main(s, "print('主')", "主");
	events_add(s->ev, EV_INFO, NULL, "joined first, so 主 comes last (method 1, sleeper, "
		   "prints 主 first)");
}

/* Three of the lesson's task(name, n): tasks of the sleeper demo, the one that runs it. */
int start_trio(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)args;
	(void)kwargs;
	for (int i = 1; i <= 3; i++) {
		char name[32], secs[8];
		snprintf(name, sizeof name, "子进程%d", i);
		snprintf(secs, sizeof secs, "%d", i);
		char *own[] = { name, secs, NULL };
		struct task_spec spec = { .demo = demos_find_body(body_sleeper)->name,
			.args = own };
		if (sc_start(s, &spec, err, len) < 0)
			return -1;
	}
	return 0;
}

void finish_trio(scenario_t *s, double now)
{
	double took = now - s->t0;
	char secs[32];
	py_float(secs, sizeof secs, took);
	say_main(s, "print('主', (stop - start))", "主 %s", secs);
	events_add(s->ev, EV_INFO, NULL, "started together and joined in order: %.2f s; one "
		   "after another would take 6 s", took);
}

int start_isolation(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)args;
	(void)kwargs;
	return sc_start_task(s, NULL, NULL, NULL, err, len);
}

void finish_isolation(scenario_t *s, double now)
{
	(void)now;
	struct task *k = sc_task(s, 0);
	int n = demos_isolation_n();
	say_main(s, "print('主', n)", "主 %d", n);
	events_add(s->ev, EV_INFO, NULL, "主 pid=%d n=%d; child %d had n=0 (the child changed "
		   "its own copy of the memory)", (int)getpid(), n, k ? k->pid : 0);
}

int start_pid(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)args;
	if (sc_start_task(s, NULL, NULL, kwargs, err, len) < 0)
		return -1;
	say_main(s, "print('主', os.getpid(), os.getppid())", "主 %d %d", (int)getpid(),
		 (int)getppid());
	return 0;
}

int start_name(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)args;
	if (sc_start_task(s, "子进程1", NULL, kwargs, err, len) < 0)
		return -1;
	say_main(s, "print(p.name)", "%s", sc_task(s, 0)->name);
	say_main(s, "print('主')", "主");
	return 0;
}

int start_terminate(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)args;
	if (sc_start_task(s, "子进程1", NULL, kwargs, err, len) < 0)
		return -1;
	struct task *k = sc_task(s, 0);
	sc_terminate(s, k, "p.terminate()", "");
	narrate(s, "p.is_alive()  # right after p.terminate(), not printed",
		"p.is_alive() → %s right after p.terminate()", is_alive(k) ? "True" : "False");
	s->timer = clock_now() + TERMINATE_PAUSE;
	return 0;
}

void tick_terminate(scenario_t *s, double now)
{
	char err[256];
	struct task *k = sc_task(s, 0);
	if (!k) {
		s->main_done = true;
		return;
	}
	if (s->step == 0 && now >= s->timer) {
		say_main(s, "time.sleep(0.1); print(p.is_alive())", "%s",
			 is_alive(k) ? "True" : "False");
		say_main(s, "print('主')", "主");
		s->timer = 0;
		s->step = 1;
		s->join_began = now;	/* the 0.1 s sleep was not spent in join() */
	}
	if (s->step == 1 && !is_alive(k)) {
		if (k->state != TASK_JOINED)
			task_join(s->tasks, k, now - s->join_began, err, sizeof err);
		if (k->state == TASK_JOINED)
			narrate(s, "p.exitcode  # not printed", "p.exitcode → %d", k->exitcode);
		s->main_done = true;
	}
}

int start_daemon(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)args;
	struct task_spec spec = { .demo = s->demo->name, .name = "守护进程", .kwargs = kwargs,
		.daemon = true };
	if (sc_start(s, &spec, err, len) < 0)
		return -1;
	say_main(s, "print('主')", "主");
	events_add(s->ev, EV_INFO, NULL, "守护进程 is daemonic: it ends when the main process "
		   "ends (PR_SET_PDEATHSIG if forktop dies)");
	s->timer = s->t0 + DAEMON_FIRST_LINE;
	return 0;
}

/* 守护进程2 starts once 守护进程 has printed (as python3 shows them), then is joined. */
void tick_daemon(scenario_t *s, double now)
{
	char err[256];
	struct task *k = sc_task(s, 0);
	if (s->step == 0) {
		if (k && task_nlines(k) == 0 && is_alive(k) && now < s->timer)
			return;
		s->timer = 0;
		s->step = 1;
		char *fork_kw[] = { (char *)"child=1", NULL };
		struct task_spec spec = { .demo = s->demo->name, .name = "守护进程2",
			.kwargs = fork_kw, .daemon = true };
		if (sc_start(s, &spec, err, sizeof err) < 0) {
			events_add(s->ev, EV_ERROR, NULL, "demo %s: %s", s->demo->name, err);
			s->main_done = true;
			return;
		}
		events_add(s->ev, EV_INFO, "p2.start(); p2.join()", "守护进程2 is daemonic and "
			   "tries to start a child: daemonic processes are not allowed to have "
			   "children");
		s->next_join = 1;	/* only 守护进程2 ends by itself */
		s->join_began = now;
	}
	tick_join_all(s, now);
}

int start_one_task(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	return sc_start_task(s, NULL, args, kwargs, err, len);
}

int start_spawner(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	if (start_one_task(s, args, kwargs, err, len) < 0)
		return -1;
	events_add(s->ev, EV_INFO, NULL, "it starts two children of its own: terminate it "
		   "(F9) and they are orphaned, re-parented to PID 1, and keep running");
	return 0;
}

int start_zombie(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	if (start_one_task(s, args, kwargs, err, len) < 0)
		return -1;
	events_add(s->ev, EV_INFO, NULL, "its child exits at once and is never waited for: "
		   "it stays Z (a zombie) under the task until the task ends");
	return 0;
}

/* kwargs without key=...: the scenario's own settings are not the body's. */
static char **without(char **kwargs, const char *key, char **buf, size_t max)
{
	size_t n = 0, klen = strlen(key);
	for (size_t i = 0; kwargs && kwargs[i] && n + 1 < max; i++)
		if (strncmp(kwargs[i], key, klen) != 0 || kwargs[i][klen] != '=')
			buf[n++] = kwargs[i];
	buf[n] = NULL;
	return buf;
}

/* A number of tasks (key=N, at least 1, at most SC_MAX_TASKS), or def without key. */
static int count_kwarg(char **kwargs, const char *key, int def)
{
	const char *v = demos_kwarg(kwargs, key);
	if (!v)
		return def;
	int n = atoi(v);
	return n < 1 ? 1 : n > SC_MAX_TASKS ? SC_MAX_TASKS : n;
}

static int cpu_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (int)n;
}

#define CPU_WORK_SECONDS 2.0	/* one worker's work, alone on an idle core */

/* Starts n cpu workers, each with the same work. */
static int cpu_round(scenario_t *s, int n, char **args, char **kwargs, char *err, size_t len)
{
	char m[32], *own[16];
	size_t k = 0;
	snprintf(m, sizeof m, "m=%.0f", s->work);
	for (; kwargs && kwargs[k] && k + 2 < ARRAY_LEN(own); k++)
		own[k] = kwargs[k];
	own[k++] = m;
	own[k] = NULL;
	for (int i = 0; i < n; i++)
		if (sc_start_task(s, NULL, args, own, err, len) < 0)
			return -1;
	return 0;
}

/* Two rounds of the same work per worker: one worker per core (parallel: each round
 * takes about CPU_WORK_SECONDS), then twice as many workers as cores (they take turns on
 * the cores: twice as long). With n=N a single round of N workers. */
int start_cpu(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	char *own[16];
	int cores = cpu_cores();
	int n = count_kwarg(kwargs, "n", cores > SC_MAX_TASKS / 3 ? SC_MAX_TASKS / 3 : cores);
	s->step = count_kwarg(kwargs, "n", 0) ? 1 : 0;	/* 1: the last round */
	const char *s_kw = demos_kwarg(kwargs, "s");	/* s=SECONDS: less or more work */
	double secs = s_kw && atof(s_kw) > 0 ? atof(s_kw) : CPU_WORK_SECONDS;
	if (secs > 60)
		secs = 60;
	without(kwargs, "n", own, ARRAY_LEN(own));
	without(own, "m", own, ARRAY_LEN(own));
	without(own, "s", own, ARRAY_LEN(own));
	s->work = demos_cpu_rate(0.2) * secs;
	if (s->work < 1)
		s->work = 1;
	if (cpu_round(s, n, args, own, err, len) < 0)
		return -1;
	events_add(s->ev, EV_INFO, NULL, "%d CPU-bound workers on %d cores, %.0f million "
		   "iterations each (about %.0f s of one core): they run at the same instant "
		   "(parallelism)%s", n, cores, s->work, secs,
		   s->step ? "" : "; then twice as many workers for the same cores");
	return 0;
}

void tick_cpu(scenario_t *s, double now)
{
	char err[256];
	if (!join_in_order(s, now))
		return;
	double took = now - s->t0;
	char secs[32];
	py_float(secs, sizeof secs, took);
	say_main(s, "print('主', time.time() - start)", "主 %s", secs);
	if (s->step == 0) {	/* round 2: twice as many workers as cores */
		int cores = cpu_cores(), room = SC_MAX_TASKS - (int)s->n;
		int n = 2 * cores > room ? room : 2 * cores;
		s->round_took = took;
		s->step = 1;
		s->t0 = s->join_began = now;
		if (n < 1 || cpu_round(s, n, NULL, NULL, err, sizeof err) < 0) {
			events_add(s->ev, EV_ERROR, NULL, "demo %s: %s", s->demo->name,
				   n < 1 ? "no room for more tasks" : err);
			s->main_done = true;
			return;
		}
		events_add(s->ev, EV_INFO, NULL, "round 2: %d workers with the same work on %d "
			   "cores: they take turns (concurrency)", n, cores);
		return;
	}
	if (s->round_took > 0)
		events_add(s->ev, EV_INFO, NULL, "one worker per core: %.2f s; twice as many "
			   "workers: %.2f s, about twice as long: each had half a core",
			   s->round_took, took);
	s->main_done = true;
}

void finish_pipeline(scenario_t *s, double now)
{
	(void)now;
	events_add(s->ev, EV_INFO, NULL, "the items went from producer to consumer through a "
		   "pipe: processes share no memory, they pass messages (IPC)");
}

void finish_pool(scenario_t *s, double now)
{
	(void)now;
	events_add(s->ev, EV_INFO, NULL, "the pool's workers took jobs from one queue until "
		   "it was empty");
}

int start_command(scenario_t *s, char **args, char **kwargs, char *err, size_t len)
{
	(void)kwargs;
	if (!args || !args[0] || !args[0][0]) {
		snprintf(err, len, "the command demo needs a command line");
		return -1;
	}
	struct task_spec spec = { .command = args[0] };
	return sc_start(s, &spec, err, len);
}

/* multiprocessing's atexit as the main process ends: terminate() its daemonic children,
 * then join() every child, in the order they were started. */
static void run_atexit(scenario_t *s, double now)
{
	size_t alive = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct task *k = sc_task(s, i);
		alive += k && (is_alive(k) || k->state == TASK_EXITED);
	}
	s->next_join = 0;
	s->join_began = now;
	if (!alive)
		return;		/* every child joined already: nothing to tell */
	s->exit_told = true;
	narrate(s, "multiprocessing's atexit (_exit_function)", "the main process has ended: "
		"its daemonic children are terminated, the others joined");
	for (size_t i = 0; i < s->n; i++) {
		struct task *k = sc_task(s, i);
		if (!k || !k->daemon || !is_alive(k))
			continue;
		sc_terminate(s, k, "p.terminate()  # atexit: daemonic",
			     ": daemonic, it ends with the main process");
	}
	for (size_t i = 0; i < s->n; i++) {
		struct task *k = sc_task(s, i);
		if (k && !k->daemon && is_alive(k))
			narrate(s, "p.join()  # atexit: non-daemonic", "the main process waits for "
				"%s pid %d before it exits", k->name, k->pid);
	}
}

/* After main's last line: its last sleep (pid, name), then the interpreter's exit. */
static void main_exit_tick(scenario_t *s, double now)
{
	if (s->demo->no_atexit) {
		s->done = true;
		return;
	}
	if (s->exit_step == 0) {
		s->exit_step = 1;
		s->timer = now + s->demo->main_sleep;
		if (s->demo->main_sleep > 0)
			narrate(s, "time.sleep(1000)", "the main process sleeps %.0f s, then ends",
				s->demo->main_sleep);
	}
	if (s->exit_step == 1) {
		if (now < s->timer)
			return;
		s->timer = 0;
		s->exit_step = 2;
		run_atexit(s, now);
	}
	if (!join_in_order(s, now))
		return;
	if (s->exit_told)
		narrate(s, NULL, "the main process has exited: every child joined");
	s->done = true;
}

scenario_t *scenario_start_args(const char *demo, char **args, char **kwargs, tasks_t *tasks,
				events_t *ev, char *err, size_t errlen)
{
	const struct demo_info *d = demos_find(demo);
	if (!d) {
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, demo ? demo : "", demo ? strlen(demo) : 0, 0);
		snprintf(err, errlen, "unknown demo '%s'", sbuf_str(&b));
		sbuf_free(&b);
		return NULL;
	}
	scenario_t *s = xcalloc(1, sizeof *s);
	s->demo = d;
	s->tasks = tasks;
	s->ev = ev;
	s->t0 = s->join_began = clock_now();
	events_add(ev, EV_INFO, NULL, "demo %s: %s", d->name, d->summary);
	if (d->start(s, args, kwargs, err, errlen) < 0) {
		events_add(ev, EV_ERROR, NULL, "demo %s: %s", d->name, err);
		free(s);
		return NULL;
	}
	s->main_done = !d->tick;
	if (s->main_done)
		main_exit_tick(s, s->t0);
	return s;
}

scenario_t *scenario_start(const char *demo, tasks_t *tasks, events_t *ev, char *err,
			   size_t errlen)
{
	return scenario_start_args(demo, NULL, NULL, tasks, ev, err, errlen);
}

void scenario_tick(scenario_t *s, double now)
{
	if (!s || s->done)
		return;
	if (!s->main_done && s->demo->tick)
		s->demo->tick(s, now);
	if (s->main_done)
		main_exit_tick(s, now);
}

double scenario_deadline(const scenario_t *s)
{
	return s && !s->done ? s->timer : 0;
}

bool scenario_done(const scenario_t *s)
{
	return !s || s->done;
}

void scenario_free(scenario_t *s)
{
	free(s);
}
