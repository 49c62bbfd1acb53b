/* ftchurn - processes that come and go, for the benchmark's --churn mode.
 *
 *   ftchurn -n NAME [-r RATE] [-l LIFE_MS]
 *
 * Runs in a process group of its own (the caller ends it by that group) and starts RATE
 * processes a second (default 200), each named NAME (its comm and its command line), each
 * living LIFE_MS milliseconds (default 500) before it exits; it reaps them, so none is
 * left a zombie. Prints its pid once it runs, then goes on until it gets SIGTERM. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *name = NULL;
	long rate = 200, life_ms = 500;
	int c;
	while ((c = getopt(argc, argv, "n:r:l:")) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'r': rate = atol(optarg); break;
		case 'l': life_ms = atol(optarg); break;
		default: goto usage;
		}
	}
	if (!name || rate <= 0 || rate > 100000 || life_ms < 0 || optind != argc) {
usage:
		fprintf(stderr, "usage: ftchurn -n NAME [-r RATE] [-l LIFE_MS]\n");
		return 2;
	}
	if (getpid() != getpgrp() && setpgid(0, 0) < 0) {
		perror("ftchurn: setpgid");
		return 1;
	}
	prctl(PR_SET_NAME, name);
	struct sigaction sa = { .sa_handler = on_term };
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	printf("%d\n", (int)getpid());
	fflush(stdout);
	double start = now();
	long started = 0;
	struct timespec life = { life_ms / 1000, (life_ms % 1000) * 1000000L };
	while (!stop) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		long due = (long)((now() - start) * (double)rate);
		for (; started < due && !stop; started++) {
			pid_t pid = fork();
			if (pid == 0) {
				signal(SIGTERM, SIG_DFL);
				nanosleep(&life, NULL);
				_exit(0);
			}
			if (pid < 0 && errno != EAGAIN) {
				perror("ftchurn: fork");
				stop = 1;
			}
		}
		struct timespec tick = { 0, 5 * 1000000L };
		nanosleep(&tick, NULL);
	}
	signal(SIGTERM, SIG_IGN);
	if (getpgrp() == getpid())	/* its own group (never another's): the children */
		kill(0, SIGTERM);	/* still sleeping */
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
