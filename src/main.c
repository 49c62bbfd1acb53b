/* main.c - options, start-up, then hands over to the loop or prints a snapshot. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "verbs.h"
#include "demos.h"
#include "subtree.h"
#include "events.h"
#include "guard.h"
#include "task.h"
#include "loop.h"
#include "options.h"
#include "procfs.h"
#include "scan.h"
#include "settings.h"
#include "snapshot.h"
#include "text.h"
#include "theme.h"
#include "tree.h"
#include "ui/ui.h"
#include "util.h"

static int usage_error(const char *msg)
{
	fprintf(stderr, "forktop: %s\nTry 'forktop --help' for more information.\n", msg);
	return EXIT_USAGE;
}

/* The --pid process must exist when forktop starts; its start time makes it that
 * process, not whichever one is given its pid after it ends. */
static const struct proc *pid_find(scan_t *s, int pid)
{
	size_t n;
	const struct proc *procs = scan_procs(s, &n);
	for (size_t i = 0; i < n; i++)
		if (procs[i].pid == pid)
			return &procs[i];
	return NULL;
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
		char *d = text_escape_dup(a->opts.demo);
		fprintf(stderr, "forktop: unknown demo '%s'; the demos are:\n", d);
		free(d);
		list_demos(stderr);
		return EXIT_USAGE;
	}
	a->sys = sysstat_new();
	a->scan = scan_new(err, sizeof err);
	if (a->scan)	/* the columns shown, sorted by PID: what they need */
		scan_set_reads(a->scan, columns_reads(a->settings.columns, a->settings.ncolumns));
	if (a->scan)
		scan_set_threads(a->scan, a->opts.uthreads);
	if (!a->scan || scan_refresh(a->scan, err, sizeof err) < 0) {
		fprintf(stderr, "forktop: %s\n", err);
		return EXIT_NOTFOUND;
	}
	const struct proc *root = a->opts.pid ? pid_find(a->scan, a->opts.pid) : NULL;
	if (a->opts.pid && !root) {
		fprintf(stderr, "forktop: no process with pid %d\n", a->opts.pid);
		return EXIT_NOTFOUND;
	}
	unsigned long long root_start = root ? root->start : 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "forktop: the screen needs a terminal; "
			"use --tree or --json for a one-off listing\n");
		return EXIT_USAGE;
	}
	a->key_help = verbs_key_help(&a->nkey_help);
	a->tree = tree_new();
	tree_set_mode(a->tree, a->opts.list ? TREE_MODE_LIST : TREE_MODE_TREE);
	tree_set_show_kthreads(a->tree, a->opts.kthreads);
	tree_set_root(a->tree, a->opts.pid, root_start);
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
	const char *reset;
	const struct termios *tio;
	size_t len = ui_reset_bytes(&reset, &tio);
	/* If forktop is killed, the watchdog puts the terminal back (and ends daemonic tasks). */
	if (guard_start(STDOUT_FILENO, tio, reset, len, err, sizeof err) < 0)
		events_add(a->events, EV_ERROR, NULL, "%s: if forktop is killed, run `reset` to "
			   "restore the terminal", err);
	ui_on_crash(guard_release_terminal);	/* the crash handler restores it itself */
	if (a->opts.demo && strcmp(a->opts.demo, "command") == 0) {
		/* "any command": the New-task dialog opens on the command line field. */
		verb_new_open(a);
		snprintf(a->dialog.field[NF_TARGET], sizeof a->dialog.field[0], "command");
		a->dialog.choice = NF_COMMAND;
	} else if (a->opts.demo && !(a->scenario = scenario_start(a->opts.demo, a->tasks,
								   a->events, err, sizeof err))) {
		events_add(a->events, EV_ERROR, NULL, "demo %s: %s", a->opts.demo, err);
	}
	int rc = loop_run(a, sigfd);
	ui_end();
	guard_release_terminal();
	if (a->farewell[0])
		fprintf(stderr, "%s\n", a->farewell);
	close(sigfd);
	return rc;
}

/* Messages about the settings and theme files, kept for the event log. */
struct diags {
	char **v;
	size_t n;
};

static void diag_keep(void *ctx, const char *msg)
{
	struct diags *d = ctx;
	d->v = xrealloc(d->v, (d->n + 1) * sizeof *d->v);
	d->v[d->n++] = xstrdup(msg);
}

/* forktoprc, then the command line over it. */
static int load_options(struct app *a, int argc, char **argv, struct diags *d)
{
	char path[4096], err[512];
	struct options defaults;
	options_defaults(&defaults);
	settings_default(&a->settings);
	if (settings_path(getenv("XDG_CONFIG_HOME"), getenv("HOME"), path, sizeof path) == 0) {
		snprintf(a->settings_file, sizeof a->settings_file, "%s", path);
		if (settings_load(&a->settings, path, diag_keep, d, err, sizeof err) < 0)
			diag_keep(d, err);
	}
	settings_apply(&a->settings, &defaults);
	if (a->settings.set & 1u << SETTING_THEME)
		defaults.theme = a->settings.theme;
	if (options_parse_with_defaults(&a->opts, &defaults, argc, argv, err, sizeof err) != 0)
		return usage_error(err);
	return EXIT_OK;
}

/* The source tree's themes when forktop runs from its build tree: themes/ next to the
 * binary (a build in the source tree) or one level up (build/ inside it). */
static void source_themes(char *buf, size_t size)
{
	char exe[4096];
	buf[0] = '\0';
	if (proc_self_exe(exe, sizeof exe) <= 0)
		return;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	static const char *const rel[] = { "themes", "../themes" };
	char probe[4200];
	for (size_t i = 0; i < ARRAY_LEN(rel); i++) {
		snprintf(probe, sizeof probe, "%s/%s/default.theme", exe, rel[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(buf, size, "%s/%s", exe, rel[i]);
			return;
		}
	}
	/* A build elsewhere (make distcheck): the source tree configure was run from. */
	snprintf(probe, sizeof probe, "%s/default.theme", SRCTHEMESDIR);
	if (access(probe, R_OK) == 0)
		snprintf(buf, size, "%s", SRCTHEMESDIR);
}

/* Where themes are looked for: the user's, the installed ones, the source tree's. */
static void theme_dirs(struct theme_dirs *dirs)
{
	char src[4200];
	source_themes(src, sizeof src);
	theme_dirs_init(dirs, getenv("XDG_CONFIG_HOME"), getenv("HOME"), THEMESDIR, src);
}

/* The theme of --theme or forktoprc onto the built-in default. An unknown --theme is a
 * usage error; a bad line in a theme file only a message (the default's value stays). */
static int load_theme(struct app *a, struct diags *d)
{
	struct theme_dirs *dirs = &a->theme_dirs;
	char path[THEME_PATH_MAX], err[512];
	theme_default(&a->theme);
	const char *name = a->opts.theme ? a->opts.theme : "default";
	snprintf(a->theme_name, sizeof a->theme_name, "%s", name);
	theme_dirs(dirs);
	if (theme_find(dirs, name, path, sizeof path, err, sizeof err) < 0) {
		if (a->opts.theme != a->settings.theme) {
			fprintf(stderr, "forktop: %s\nTry 'forktop --list-themes'.\n", err);
			return EXIT_USAGE;
		}
		diag_keep(d, err);	/* forktoprc's theme: the default is used */
		snprintf(a->theme_name, sizeof a->theme_name, "default");
		return EXIT_OK;
	}
	if (path[0] && theme_load_file(&a->theme, path, diag_keep, d, err, sizeof err) < 0) {
		if (a->opts.theme != a->settings.theme) {	/* asked for on the command line */
			fprintf(stderr, "forktop: %s\nTry 'forktop --list-themes'.\n", err);
			return EXIT_USAGE;
		}
		diag_keep(d, err);
	}
	return EXIT_OK;
}

static int list_themes(const struct diags *d)
{
	struct theme_dirs dirs;
	struct theme_entry *list;
	theme_dirs(&dirs);
	size_t n = theme_list(&dirs, &list);
	for (size_t i = 0; i < n; i++) {
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, list[i].name, strlen(list[i].name), 0);
		printf("  %-18s %-12s", sbuf_str(&b), theme_origin_name(list[i].origin));
		sbuf_reset(&b);
		if (list[i].path)
			text_escape(&b, list[i].path, strlen(list[i].path), 0);
		printf(" %s\n", sbuf_str(&b));
		sbuf_free(&b);
	}
	theme_list_free(list, n);
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "forktop: %s\n", d->v[i]);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct app app = { .view.click_row = -1 };
	struct diags diags = { 0 };
	setlocale(LC_ALL, "");
	int rc = load_options(&app, argc, argv, &diags);
	if (rc == EXIT_OK && (app.opts.mode == MODE_SCREEN || app.opts.mode == MODE_LIST_THEMES))
		rc = load_theme(&app, &diags);
	if (rc != EXIT_OK)
		return rc;
	switch (app.opts.mode) {
	case MODE_HELP:
		fputs(options_help(), stdout);
		return EXIT_OK;
	case MODE_VERSION:
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return EXIT_OK;
	case MODE_TREE:
	case MODE_JSON:
		return snapshot_print(&app.opts, &app.settings, stdout);
	case MODE_LIST_DEMOS:
		return list_demos(stdout);
	case MODE_LIST_THEMES:
		return list_themes(&diags);
	case MODE_SCREEN:
		break;
	}
	if (app.settings.set & 1u << SETTING_SCROLLBACK)
		tasks_set_scrollback((size_t)app.settings.scrollback);
	demos_set_argv(argc, argv);
	tasks_raise_fd_limit();
	app.events = events_new(1000);
	for (size_t i = 0; i < diags.n; i++) {
		events_add(app.events, EV_ERROR, NULL, "%s", diags.v[i]);
		free(diags.v[i]);
	}
	free(diags.v);
	app.tasks = tasks_new(app.events);
	app.join.pidfd = -1;
	rc = run_screen(&app);
	scenario_free(app.scenario);
	subtree_free(app.ending);	/* an end subtree cut short: nothing is left stopped */
	tasks_free(app.tasks);	/* daemonic tasks end, exited ones are reaped */
	events_free(app.events);
	tree_free(app.tree);
	scan_free(app.scan);
	sysstat_free(app.sys);
	free(app.tags);
	return rc;
}
