/* demos.c - what each demo runs in its task: the lesson's run() bodies, printing what the
 * lesson's code prints. Runs in a freshly forked child: no forktop state, plain stdio
 * flushed after every line (stdout is a pipe), _exit at the end. Every sleep and every
 * wait serves forktop's requests (demo_ctl.c), so a demo can be renamed or daemonized
 * at any time. The table that names the bodies is table.c; the scenarios, where forktop
 * plays the lesson's main process, are in scenario.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "demos_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "demo_ctl.h"
#include "util.h"

#define LONG_SLEEP 300		/* the lesson's time.sleep(300) */
#define POOL_MAX_JOBS 4096	/* job numbers must fit in the pipe before workers start */
#define POOL_MAX_WORKERS 64
#define BOOTSTRAP_PAUSE 0.2	/* terminate: longer than the scenario's SIGTERM takes */

/* forktop's argv strings, one block of memory: a demo process (forked, never exec'd)
 * writes its title there, as setproctitle does. */
static char *title_area;
static size_t title_len;

void demos_set_argv(int argc, char **argv)
{
	if (argc < 1 || !argv[0])
		return;
	char *end = argv[0] + strlen(argv[0]) + 1;
	for (int i = 1; i < argc && argv[i] == end; i++)	/* contiguous, as the kernel lays them */
		end = argv[i] + strlen(argv[i]) + 1;
	title_area = argv[0];
	title_len = (size_t)(end - argv[0]);
}

/* The process's command line becomes "forktop: TITLE" (cut to fit, between whole UTF-8
 * characters; the rest zeroed). Only in a forked demo process: forktop keeps its own. */
static void set_title(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void set_title(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	if (!title_area || title_len < 2)
		return;
	int n = snprintf(buf, sizeof buf, "forktop: ");
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
	va_end(ap);
	size_t len = strlen(buf);
	if (len > title_len - 1)
		len = title_len - 1;
	while (len > 0 && ((unsigned char)buf[len] & 0xc0) == 0x80)
		len--;			/* not inside a character */
	memset(title_area, 0, title_len);
	memcpy(title_area, buf, len);
}

void demos_set_title(const char *title)
{
	set_title("%s", title);
}

/* The isolation demo's global: the child's copy becomes 0, forktop's stays 100. */
static int isolation_n = 100;

int demos_isolation_n(void)
{
	return isolation_n;
}

/* ---- small tools for the bodies ---- */

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (fflush(stdout) == EOF)
		demo_output_failed();
}

static void finish(int code) __attribute__((noreturn));
static void finish(int code)
{
	fflush(stdout);
	fflush(stderr);
	_exit(code);
}

/* time.sleep(s), serving forktop's requests meanwhile. */
static void nap(double s)
{
	demo_nap(s);
}

const char *demos_kwarg(char **kwargs, const char *key)
{
	size_t klen = strlen(key);
	for (size_t i = 0; kwargs && kwargs[i]; i++)
		if (strncmp(kwargs[i], key, klen) == 0 && kwargs[i][klen] == '=')
			return kwargs[i] + klen + 1;
	return NULL;
}

static bool parse_num(const char *s, double *v)
{
	char *end;
	if (!s || !*s)
		return false;
	*v = strtod(s, &end);
	return *end == '\0' && *v >= 0 && *v < 1e7;
}

/* kwarg key, else the first numeric positional arg, else def. */
static double num_arg(char **args, char **kwargs, const char *key, double def)
{
	double v;
	if (parse_num(demos_kwarg(kwargs, key), &v))
		return v;
	for (size_t i = 0; args && args[i]; i++)
		if (parse_num(args[i], &v))
			return v;
	return def;
}

/* kwarg name, else the first positional arg that is not a number, else def: the
 * lesson's task(name) prints the name it was given, not the Process's name. */
static const char *name_arg(char **args, char **kwargs, const char *def)
{
	double v;
	const char *k = demos_kwarg(kwargs, "name");
	if (k)
		return k;
	for (size_t i = 0; args && args[i]; i++)
		if (!parse_num(args[i], &v))
			return args[i];
	return def;
}

static bool flag_arg(char **kwargs, const char *key)
{
	const char *v = demos_kwarg(kwargs, key);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
		     strcmp(v, "True") == 0);
}

#define PY_PROCESS "/usr/lib/python3.11/multiprocessing/process.py"

/* Process.start() inside a task: refused for a daemonic one, as Python does, with the
 * traceback python3 3.11 prints (frame: the caller's lines of it, or NULL). Returns 0 in
 * the new child, its pid in the task. */
static pid_t start_child(const char *name, const char *frame)
{
	const char *d = getenv("FORKTOP_DAEMONIC");
	if (d && strcmp(d, "1") == 0) {
		fflush(stdout);
		fprintf(stderr, "Process %s:\nTraceback (most recent call last):\n"
			"  File \"" PY_PROCESS "\", line 314, in _bootstrap\n    self.run()\n"
			"  File \"" PY_PROCESS "\", line 108, in run\n"
			"    self._target(*self._args, **self._kwargs)\n%s"
			"  File \"" PY_PROCESS "\", line 118, in start\n"
			"    assert not _current_process._config.get('daemon'), \\\n"
			"AssertionError: daemonic processes are not allowed to have children\n",
			name, frame ? frame : "");
		finish(1);
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "%s: cannot start a child: %s\n", name, strerror(errno));
		finish(1);
	}
	if (pid == 0)
		demo_ctl_forget();	/* requests are for the task, not for its children */
	return pid;
}

/* A pipe between the task and its children, or the task ends with exit code 1. */
static void open_pipe(int fd[2])
{
	if (pipe(fd) < 0) {
		fprintf(stderr, "pipe: %s\n", strerror(errno));
		finish(1);
	}
}

/* Python's nested default names: "Process-1:2". The comm keeps 15 bytes of it. */
static void name_child(const char *name, const char *sep, int i)
{
	char comm[64];
	snprintf(comm, sizeof comm, "%s%s%d", name, sep, i);
	prctl(PR_SET_NAME, comm);
	set_title("%s", comm);
}

/* The lesson's task(name): "name is running", time.sleep(secs), "name is done". */
static void sleep_task(const char *who, double secs) __attribute__((noreturn));
static void sleep_task(const char *who, double secs)
{
	say("%s is running", who);
	nap(secs);
	say("%s is done", who);
	finish(0);
}

/* ---- the bodies ---- */

void body_sleeper(const char *name, char **args, char **kwargs)
{
	sleep_task(name_arg(args, kwargs, name), num_arg(args, kwargs, "n", 3));
}

void body_isolation(const char *name, char **args, char **kwargs)
{
	(void)name;
	(void)args;
	(void)kwargs;
	isolation_n = 0;	/* global n; n = 0: the lesson's task prints nothing */
	finish(0);
}

void body_pid(const char *name, char **args, char **kwargs)
{
	(void)name;
	say("子进程[%d]  父进程<%d>", (int)getpid(), (int)getppid());
	nap(num_arg(args, kwargs, "n", LONG_SLEEP));
	finish(0);
}

/* The name and terminate demos: print('%s is running' % os.getppid()). */
void body_ppid(const char *name, char **args, char **kwargs)
{
	(void)name;
	say("%d is running", (int)getppid());
	nap(num_arg(args, kwargs, "n", LONG_SLEEP));
	finish(0);
}

/* Method 2: Myprocess(Process) with run() printing self.name, the Process's name. */
void body_subclass(const char *name, char **args, char **kwargs)
{
	sleep_task(name, num_arg(args, kwargs, "n", 3));
}

/* The terminate demo's task: a Python child spends a while in multiprocessing's
 * bootstrap before run(), so terminate() right after start() ends it before it prints. */
void body_terminate(const char *name, char **args, char **kwargs)
{
	nap(BOOTSTRAP_PAUSE);
	body_ppid(name, args, kwargs);
}

/* task(name), or with child=1 spawn(name): c = Process(target=task); c.start(). */
void body_daemon(const char *name, char **args, char **kwargs)
{
	if (flag_arg(kwargs, "child") &&
	    start_child(name, "  File \"daemon.py\", line 11, in spawn\n    c.start()\n") == 0) {
		name_child(name, ":", 1);
		say("%s:1 is running", name);
		nap(LONG_SLEEP);
		finish(0);
	}
	sleep_task(name_arg(args, kwargs, name), num_arg(args, kwargs, "n", LONG_SLEEP));
}

void body_spawner(const char *name, char **args, char **kwargs)
{
	double n = num_arg(args, kwargs, "n", LONG_SLEEP);
	pid_t kids[2];
	for (int i = 0; i < 2; i++) {
		kids[i] = start_child(name, NULL);
		if (kids[i] == 0) {
			name_child(name, ":", i + 1);
			say("%s:%d pid=%d ppid=%d", name, i + 1, (int)getpid(), (int)getppid());
			nap(n);
			finish(0);
		}
	}
	say("%s pid=%d started children %d and %d", name, (int)getpid(), (int)kids[0],
	    (int)kids[1]);
	nap(n);
	finish(0);
}

void body_zombie(const char *name, char **args, char **kwargs)
{
	pid_t pid = start_child(name, NULL);
	if (pid == 0) {
		name_child(name, ":", 1);	/* not a second "Process-1" next to the task */
		say("child pid=%d exits now", (int)getpid());
		finish(0);
	}
	say("%s pid=%d never waits for its child %d: the child stays a zombie (Z)", name,
	    (int)getpid(), (int)pid);
	nap(num_arg(args, kwargs, "n", LONG_SLEEP));
	finish(0);
}

/* One million iterations of a loop the compiler cannot drop. */
static void cpu_round(void)
{
	volatile uint64_t x = 0;
	for (uint64_t j = 0; j < 1000000; j++)
		x = x + j;
}

double demos_cpu_rate(double secs)
{
	double t0 = clock_now(), t;
	unsigned long long rounds = 0;
	do {
		cpu_round();
		rounds++;
	} while ((t = clock_now() - t0) < secs);
	return (double)rounds / t;
}

/* A fixed amount of work, m million iterations (default: s seconds of one idle core):
 * alone on a core it takes s seconds; sharing a core with another worker, twice that. */
void body_cpu(const char *name, char **args, char **kwargs)
{
	double m = num_arg(NULL, kwargs, "m", 0), t0;
	if (m < 1)
		m = demos_cpu_rate(0.2) * num_arg(args, kwargs, "s", 2);
	unsigned long long rounds = (unsigned long long)m;
	say("%s is running: %llu million iterations to do", name, rounds);
	t0 = clock_now();
	for (unsigned long long r = 0; r < rounds; r++) {
		cpu_round();
		demo_ctl_serve();	/* one system call per million iterations */
	}
	say("%s is done: %llu million iterations in %.2f s", name, rounds, clock_now() - t0);
	finish(0);
}

static void consumer(int fd) __attribute__((noreturn));
static void consumer(int fd)
{
	char line[256];
	FILE *in = fdopen(fd, "r");
	prctl(PR_SET_NAME, "consumer");
	set_title("consumer");
	while (in && fgets(line, sizeof line, in)) {
		line[strcspn(line, "\n")] = '\0';
		say("consumed %s", line);
	}
	finish(0);
}

void body_pipeline(const char *name, char **args, char **kwargs)
{
	int n = (int)num_arg(args, kwargs, "n", 10), fd[2], code;
	double delay = num_arg(NULL, kwargs, "delay", 0.5);	/* slow enough to watch */

	open_pipe(fd);
	pid_t pid = start_child(name, NULL);
	if (pid == 0) {
		close(fd[1]);
		consumer(fd[0]);
	}
	int pidfd = demo_child_pidfd(pid);
	close(fd[0]);
	for (int i = 1; i <= n; i++) {
		say("produced item %d", i);	/* before the consumer can print "consumed" */
		dprintf(fd[1], "item %d\n", i);
		nap(delay);
	}
	close(fd[1]);
	if (demo_wait_child(pid, pidfd, &code))
		say("producer done; consumer pid %d exited %d", (int)pid, code);
	else
		say("producer done; consumer pid %d has ended, not my child any more (I was "
		    "daemonized)", (int)pid);
	finish(0);
}

static void pool_worker(int k, int jobs, double t) __attribute__((noreturn));
static void pool_worker(int k, int jobs, double t)
{
	int32_t j;
	/* Each read takes one whole job: the pipe holds only 4-byte writes. */
	while (read(jobs, &j, sizeof j) == (ssize_t)sizeof j) {
		say("ForkPoolWorker-%d: job %d", k, (int)j);
		nap(t);
	}
	finish(0);
}

void body_pool(const char *name, char **args, char **kwargs)
{
	(void)args;
	int n = (int)num_arg(NULL, kwargs, "n", 4), m = (int)num_arg(NULL, kwargs, "m", 12);
	double t = num_arg(NULL, kwargs, "t", 1.5);	/* a job: long enough to see the workers */
	int fd[2], code, pidfds[POOL_MAX_WORKERS], lost = 0;
	pid_t pids[POOL_MAX_WORKERS];

	n = n < 1 ? 1 : n > POOL_MAX_WORKERS ? POOL_MAX_WORKERS : n;
	m = m > POOL_MAX_JOBS ? POOL_MAX_JOBS : m;
	open_pipe(fd);
	for (int32_t j = 1; j <= m; j++)
		if (write(fd[1], &j, sizeof j) != (ssize_t)sizeof j)
			finish(1);
	close(fd[1]);	/* the workers see EOF once the queue is drained */
	say("%s: %d jobs for %d workers", name, m, n);
	for (int k = 0; k < n; k++) {
		pids[k] = start_child(name, NULL);
		if (pids[k] == 0) {
			name_child("ForkPoolWorker", "-", k + 1);	/* Python's name */
			pool_worker(k + 1, fd[0], t);
		}
		pidfds[k] = demo_child_pidfd(pids[k]);
	}
	close(fd[0]);
	for (int k = 0; k < n; k++)
		lost += !demo_wait_child(pids[k], pidfds[k], &code);
	say("pool done: %d jobs by %d workers", m, n);
	if (lost)
		say("%d workers were not my children any more (I was daemonized)", lost);
	finish(0);
}

void body_command(const char *name, char **args, char **kwargs)
{
	(void)name;
	(void)kwargs;
	if (!args || !args[0]) {
		fprintf(stderr, "command: no command line given\n");
		finish(127);
	}
	execl("/bin/sh", "sh", "-c", args[0], (char *)NULL);
	fprintf(stderr, "cannot run /bin/sh: %s\n", strerror(errno));
	finish(127);
}

void demos_child(const char *demo, const char *name, char **args, char **kwargs, int ctl)
{
	const struct demo_info *d = demos_find(demo);
	demo_ctl_init(ctl);
	set_title("%s (%s)", name, demo);
	if (!d) {
		fprintf(stderr, "forktop: unknown demo\n");
		finish(127);
	}
	d->body(name, args, kwargs);
	finish(0);
}
