/* ftspawn - builds a tree of idle processes for the end-to-end tests and the benchmark.
 *
 *   ftspawn [-f FANOUT -d DEPTH] [-c CHAIN] [-H] [-L BYTES] [-T THREADS [-B]] [-n NAME]
 *
 * Starts a root process in its own process group with: a full tree of FANOUT children
 * per process, DEPTH levels below the root; a chain of CHAIN processes; with -H a child
 * whose name and command line hold escape sequences, invalid UTF-8 and CJK; with -L a
 * child with a command line of BYTES bytes; with -T the root runs THREADS more threads,
 * named NAME-tI (I from 1), that idle, but for NAME-t1 with -B, which keeps a CPU busy.
 * Each process's command line is NAME-<path>
 * (the path of child indices from the root), its comm is NAME. Prints the root pid once
 * every process exists, then exits; the processes idle until they get SIGTERM (kill the
 * root's process group). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <unistd.h>

#define HOSTILE_NAME "\033[2J\033]0;pwned\007"

static const char *self = "/proc/self/exe";

static void become(const char *argv0, const char *arg1, const char *role, int fanout,
		   int depth, int ready_fd)
{
	char env[128];
	snprintf(env, sizeof env, "%s:%d:%d:%d", role, fanout, depth, ready_fd);
	setenv("FTSPAWN_NODE", env, 1);
	char *args[] = { (char *)argv0, (char *)arg1, NULL };
	execv(self, args);
	_exit(127);
}

static void child(const char *name, const char *path, int i, const char *role, int fanout,
		  int depth, int ready_fd)
{
	pid_t pid = fork();
	if (pid < 0) {
		perror("ftspawn: fork");
		return;
	}
	if (pid > 0)
		return;
	char argv0[512];
	snprintf(argv0, sizeof argv0, "%s-%s.%d", name, path, i);
	become(argv0, NULL, role, fanout, depth, ready_fd);
}

static void hostile(const char *name, int ready_fd)
{
	if (fork() != 0)
		return;
	char argv0[256];
	snprintf(argv0, sizeof argv0, "%s-hostile\033[2J\033]0;pwned\007\x9b\xc2\x9b\xff\xfe"
		 "\xe5\xad\x90\xe8\xbf\x9b\xe7\xa8\x8b" "1\n\t\x7f", name);
	become(argv0, "\xe5\xad\x90\xe8\xbf\x9b\xe7\xa8\x8b" "1", "hostile", 0, 0, ready_fd);
}

static void longline(const char *name, long bytes, int ready_fd)
{
	if (fork() != 0)
		return;
	char *arg = malloc((size_t)bytes + 1);
	for (long i = 0; i < bytes; i++)
		arg[i] = i % 97 == 0 ? '\033' : 'x';
	arg[bytes] = '\0';
	char argv0[256];
	snprintf(argv0, sizeof argv0, "%s-long", name);
	become(argv0, arg, "leaf", 0, 0, ready_fd);
}

/* A thread of the root (-T): named, then idles. */
static void *idle_thread(void *arg)
{
	prctl(PR_SET_NAME, (const char *)arg);
	for (;;)
		pause();
	return NULL;
}

/* The same, busy (-B): a CPU% of its own to see on its row. */
static void *busy_thread(void *arg)
{
	prctl(PR_SET_NAME, (const char *)arg);
	for (volatile unsigned long n = 0;; n++)
		;
	return NULL;
}

static void start_threads(const char *name, int n, int busy)
{
	for (int i = 1; i <= n; i++) {
		char *tname = malloc(32);	/* the kernel keeps 15 bytes of it */
		snprintf(tname, 32, "%.10s-t%d", name, i);
		pthread_t t;
		if (pthread_create(&t, NULL, i == 1 && busy ? busy_thread : idle_thread,
				   tname) != 0)
			_exit(3);
	}
}

/* A process of the tree: starts its own children, says it is ready, then idles. */
static void node(const char *spec, const char *argv0)
{
	char role[16];
	int fanout, depth, ready_fd, chain = 0, hostile_on = 0, threads = 0, busy = 0;
	long longbytes = 0;
	if (sscanf(spec, "%15[^:]:%d:%d:%d", role, &fanout, &depth, &ready_fd) != 4)
		_exit(2);
	const char *name = getenv("FTSPAWN_NAME") ? getenv("FTSPAWN_NAME") : "ft";
	const char *dash = strrchr(argv0, '-');
	const char *path = dash && strcmp(role, "hostile") != 0 ? dash + 1 : "0";
	prctl(PR_SET_NAME, strcmp(role, "hostile") == 0 ? HOSTILE_NAME : name);
	if (strcmp(role, "root") == 0) {
		chain = atoi(getenv("FTSPAWN_CHAIN") ? getenv("FTSPAWN_CHAIN") : "0");
		hostile_on = getenv("FTSPAWN_HOSTILE") != NULL;
		longbytes = atol(getenv("FTSPAWN_LONG") ? getenv("FTSPAWN_LONG") : "0");
		threads = atoi(getenv("FTSPAWN_THREADS") ? getenv("FTSPAWN_THREADS") : "0");
		busy = getenv("FTSPAWN_BUSY") != NULL;
	}
	for (int i = 1; depth > 0 && i <= fanout; i++)
		child(name, path, i, "node", fanout, depth - 1, ready_fd);
	if (chain > 0)
		child(name, "chain", 0, "node", 1, chain - 1, ready_fd);
	if (hostile_on)
		hostile(name, ready_fd);
	if (longbytes > 0)
		longline(name, longbytes, ready_fd);
	if (threads > 0)
		start_threads(name, threads, busy);
	ssize_t r = write(ready_fd, "x", 1);
	(void)r;
	close(ready_fd);
	for (;;)
		pause();
}

static long tree_size(long fanout, long depth)
{
	long total = 1, level = 1;
	for (long d = 0; d < depth; d++) {
		level *= fanout;
		total += level;
	}
	return total;
}

int main(int argc, char **argv)
{
	if (getenv("FTSPAWN_NODE"))
		node(getenv("FTSPAWN_NODE"), argv[0]);
	int fanout = 0, depth = 0, opt;
	long chain = 0, longbytes = 0, hostile_on = 0, threads = 0, busy = 0;
	const char *name = "ft";
	while ((opt = getopt(argc, argv, "f:d:c:HL:T:Bn:")) != -1) {
		switch (opt) {
		case 'f': fanout = atoi(optarg); break;
		case 'd': depth = atoi(optarg); break;
		case 'c': chain = atol(optarg); break;
		case 'H': hostile_on = 1; break;
		case 'L': longbytes = atol(optarg); break;
		case 'T': threads = atol(optarg); break;
		case 'B': busy = 1; break;
		case 'n': name = optarg; break;
		default:
			fprintf(stderr, "usage: ftspawn [-f FANOUT -d DEPTH] [-c CHAIN] [-H] [-L BYTES] "
				"[-T THREADS [-B]] [-n NAME]\n");
			return 2;
		}
	}
	long expect = tree_size(fanout, fanout ? depth : 0) + chain + hostile_on + (longbytes > 0);
	int fds[2];
	if (pipe(fds) < 0)
		return 1;
	char buf[32];
	setenv("FTSPAWN_NAME", name, 1);
	snprintf(buf, sizeof buf, "%ld", chain);
	setenv("FTSPAWN_CHAIN", buf, 1);
	snprintf(buf, sizeof buf, "%ld", longbytes);
	setenv("FTSPAWN_LONG", buf, 1);
	if (hostile_on)
		setenv("FTSPAWN_HOSTILE", "1", 1);
	if (busy)
		setenv("FTSPAWN_BUSY", "1", 1);
	snprintf(buf, sizeof buf, "%ld", threads);
	setenv("FTSPAWN_THREADS", buf, 1);
	pid_t root = fork();
	if (root == 0) {
		close(fds[0]);
		setpgid(0, 0);
		/* Nothing may hold the caller's output open, or $(ftspawn ...) never ends. */
		int null = open("/dev/null", O_RDWR);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		char argv0[256];
		snprintf(argv0, sizeof argv0, "%s-0", name);
		become(argv0, NULL, "root", fanout, depth, fds[1]);
	}
	close(fds[1]);
	long got = 0;
	while (got < expect && read(fds[0], buf, 1) == 1)
		got++;
	printf("%d\n", (int)root);
	return got == expect ? 0 : 1;
}
