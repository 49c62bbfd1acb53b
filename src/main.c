/* main.c - options, start-up, then hands over to the loop or prints a snapshot. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "actions.h"
#include "demos.h"
#include "subtree.h"
#include "events.h"
#include "task.h"
#include "loop.h"
#include "options.h"
#include "scan.h"
#include "snapshot.h"
#include "tree.h"
#include "ui/ui.h"

static int usage_error(const char *msg)
{
	fprintf(stderr, "forktop: %s\nTry 'forktop --help' for more information.\n", msg);
	return EXIT_USAGE;
}

/* The --pid process must exist when forktop starts. */
static bool pid_exists(scan_t *s, int pid)
{
	size_t n;
	const struct proc *procs = scan_procs(s, &n);
	for (size_t i = 0; i < n; i++)
		if (procs[i].pid == pid)
			return true;
	return false;
}

static int list_demos(FILE *out)
{
	size_t n;
	const struct demo_info *d = demos_list(&n);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-10s %s\n", d[i].name, d[i].summary);
	return EXIT_OK;
}

static int run_screen(struct app *a)
{
	char err[256];
	if (a->opts.demo && !demos_find(a->opts.demo)) {
		fprintf(stderr, "forktop: unknown demo '%s'; the demos are:\n", a->opts.demo);
		list_demos(stderr);
		return EXIT_USAGE;
	}
	a->scan = scan_new(err, sizeof err);
	if (!a->scan || scan_refresh(a->scan, err, sizeof err) < 0) {
		fprintf(stderr, "forktop: %s\n", err);
		return EXIT_NOTFOUND;
	}
	if (a->opts.pid && !pid_exists(a->scan, a->opts.pid)) {
		fprintf(stderr, "forktop: no process with pid %d\n", a->opts.pid);
		return EXIT_NOTFOUND;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "forktop: the screen needs a terminal; "
			"use --tree or --json for a one-off listing\n");
		return EXIT_USAGE;
	}
	a->tree = tree_new();
	tree_set_mode(a->tree, a->opts.list ? TREE_MODE_LIST : TREE_MODE_TREE);
	tree_set_show_kthreads(a->tree, a->opts.kthreads);
	tree_set_root(a->tree, a->opts.pid);
	int sigfd = loop_signals();
	if (sigfd < 0) {
		perror("forktop: signalfd");
		return EXIT_NOTFOUND;
	}
	if (ui_init(a, err, sizeof err) < 0) {
		fprintf(stderr, "forktop: %s\n", err);
		return EXIT_NOTFOUND;
	}
	atexit(ui_end);
	if (a->opts.demo && strcmp(a->opts.demo, "command") == 0) {
		/* "any command": the New-task dialog opens on the command line field. */
		act_new(a);
		snprintf(a->dialog.field[NF_TARGET], sizeof a->dialog.field[0], "command");
		a->dialog.choice = NF_COMMAND;
	} else if (a->opts.demo && !(a->scenario = scenario_start(a->opts.demo, a->tasks,
								   a->events, err, sizeof err))) {
		events_add(a->events, EV_ERROR, NULL, "demo %s: %s", a->opts.demo, err);
	}
	int rc = loop_run(a, sigfd);
	ui_end();
	if (a->farewell[0])
		fprintf(stderr, "%s\n", a->farewell);
	close(sigfd);
	return rc;
}

int main(int argc, char **argv)
{
	struct app app = { .click_row = -1 };
	char err[256];
	setlocale(LC_ALL, "");
	if (options_parse(&app.opts, argc, argv, err, sizeof err) != 0)
		return usage_error(err);
	switch (app.opts.mode) {
	case MODE_HELP:
		fputs(options_help(), stdout);
		return EXIT_OK;
	case MODE_VERSION:
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return EXIT_OK;
	case MODE_TREE:
	case MODE_JSON:
		return snapshot_print(&app.opts, stdout);
	case MODE_LIST_DEMOS:
		return list_demos(stdout);
	case MODE_SCREEN:
		break;
	}
	app.events = events_new(1000);
	app.tasks = tasks_new(app.events);
	app.join.pidfd = -1;
	int rc = run_screen(&app);
	scenario_free(app.scenario);
	subtree_free(app.ending);	/* an end subtree cut short: nothing is left stopped */
	tasks_free(app.tasks);	/* daemonic tasks end, exited ones are reaped */
	events_free(app.events);
	tree_free(app.tree);
	scan_free(app.scan);
	return rc;
}
