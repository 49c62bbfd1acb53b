/* options.c - the command line. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

enum { OPT_TREE = 0x100, OPT_JSON, OPT_DEMO, OPT_LIST_DEMOS, OPT_GRACE, OPT_THEME,
	OPT_LIST_THEMES, OPT_COLOR, OPT_NO_COLOR };

static const struct option longopts[] = {
	{ "delay", required_argument, NULL, 'd' },
	{ "pid", required_argument, NULL, 'p' },
	{ "tree", no_argument, NULL, OPT_TREE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "list", no_argument, NULL, 'l' },
	{ "demo", required_argument, NULL, OPT_DEMO },
	{ "list-demos", no_argument, NULL, OPT_LIST_DEMOS },
	{ "grace", required_argument, NULL, OPT_GRACE },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "list-themes", no_argument, NULL, OPT_LIST_THEMES },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "kernel-threads", no_argument, NULL, 'K' },
	{ "no-unicode", no_argument, NULL, 'U' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const char help[] =
	"Usage: forktop [OPTION]...\n"
	"A live tree of every process, with safe process control.\n"
	"\n"
	"  -d, --delay=TENTHS     refresh every TENTHS tenths of a second (1-600, default 15)\n"
	"  -p, --pid=PID          show only PID and its descendants\n"
	"      --tree             print the process tree once and exit\n"
	"      --json             print the processes as JSON once and exit\n"
	"  -l, --list             start with a flat list sorted by PID instead of the tree\n"
	"      --demo=NAME        start the screen with a demo of the lesson running\n"
	"      --list-demos       list the demos and exit\n"
	"      --theme=NAME|FILE  colours: a theme name (see --list-themes) or a file\n"
	"      --list-themes      list the themes and where each comes from, and exit\n"
	"      --color=WHEN       auto (default), always or never; NO_COLOR is honoured\n"
	"      --no-color         the same as --color=never\n"
	"      --grace=SECONDS    how long X (end subtree) and quitting wait after SIGTERM\n"
	"                         before SIGKILL (0.1-600, default 5)\n"
	"  -K, --kernel-threads   show kernel threads\n"
	"  -U, --no-unicode       draw the tree with ASCII characters\n"
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"Keys: arrows/PgUp/PgDn/Home/End move, +/- expand/collapse, * expand all,\n"
	"F5 or t tree/list, K kernel threads, n new task, j join, k signal,\n"
	"Enter details, F1 or h or ? help, q or F10 quit.\n"
	"\n"
	"Exit status: 0 ok, 1 the --pid process does not exist, 2 bad usage.\n";

const char *options_help(void)
{
	return help;
}

/* A whole decimal number in [min, max]; false for anything else ("12x", "", "-3"). */
/* An argument as a message may show it: escaped (\e, \x9b), at most 80 columns. */
static const char *shown(const char *arg, char *buf, size_t size)
{
	struct sbuf b;
	int w;
	sbuf_init(&b);
	text_escape(&b, arg, strlen(arg), 0);
	snprintf(buf, size, "%.*s", (int)text_fit(b.p, b.len, 80, &w), sbuf_str(&b));
	sbuf_free(&b);
	return buf;
}

static int bad_value(char *err, size_t errlen, const char *opt, const char *arg,
		     const char *want)
{
	char a[256];
	snprintf(err, errlen, "invalid value '%s' for %s: expected %s", shown(arg, a, sizeof a),
		 opt, want);
	return EXIT_USAGE;
}

/* The option that chose each mode, for messages. */
static const char *const mode_options[] = {
	[MODE_SCREEN] = "", [MODE_TREE] = "--tree", [MODE_JSON] = "--json",
	[MODE_HELP] = "--help", [MODE_VERSION] = "--version",
	[MODE_LIST_DEMOS] = "--list-demos", [MODE_LIST_THEMES] = "--list-themes",
};

static int set_mode(struct options *o, enum run_mode m, char *err, size_t errlen)
{
	/* --help and --version win over the others, as in GNU programs. */
	if (o->mode == MODE_HELP || o->mode == MODE_VERSION)
		return 0;
	if (o->mode != MODE_SCREEN && o->mode != m && m != MODE_HELP && m != MODE_VERSION) {
		snprintf(err, errlen, "%s and %s cannot be combined", mode_options[o->mode],
			 mode_options[m]);
		return EXIT_USAGE;
	}
	o->mode = m;
	return 0;
}

/* forktop takes no operands: a stray word is refused, whatever the mode (--list-demos
 * extra is a mistake, not a request). */
static int stray_argument(const struct options *o, const char *arg, char *err, size_t errlen)
{
	char a[256];
	if (o->mode == MODE_SCREEN)
		snprintf(err, errlen, "unexpected argument '%s': forktop takes options only",
			 shown(arg, a, sizeof a));
	else
		snprintf(err, errlen, "unexpected argument '%s': %s takes none",
			 shown(arg, a, sizeof a), mode_options[o->mode]);
	return EXIT_USAGE;
}

/* The message for an option getopt rejected (argv[optind - 1] is the culprit). */
static int bad_option(char *err, size_t errlen, int opt, const char *arg)
{
	char shortopt[3] = { '-', (char)optopt, '\0' }, a[256];
	if (optopt > ' ' && optopt < 0x7f && arg[1] != '-')
		arg = shortopt;	/* "-x" rather than a cluster like "-lx" */
	if (opt == ':')
		snprintf(err, errlen, "option '%s' needs a value", shown(arg, a, sizeof a));
	else
		snprintf(err, errlen, "unknown option '%s'", shown(arg, a, sizeof a));
	return EXIT_USAGE;
}

void options_defaults(struct options *o)
{
	*o = (struct options){ .mode = MODE_SCREEN, .delay = DELAY_DEFAULT,
		.grace = GRACE_DEFAULT };
}

int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
	struct options defaults;
	options_defaults(&defaults);
	return options_parse_with_defaults(o, &defaults, argc, argv, err, errlen);
}

int options_parse_with_defaults(struct options *o, const struct options *defaults, int argc,
				char **argv, char *err, size_t errlen)
{
	*o = *defaults;
	o->mode = MODE_SCREEN;	/* the mode comes from the command line alone */
	optind = 0;		/* GNU: full reinitialisation, so parsing can run again */
	opterr = 0;
	int c, r = 0;
	while (r == 0 && (c = getopt_long(argc, argv, ":d:p:lKUhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!parse_int(optarg, DELAY_MIN, DELAY_MAX, &o->delay))
				r = bad_value(err, errlen, "--delay", optarg,
					      "tenths of a second from 1 to 600");
			break;
		case 'p':
			if (!parse_int(optarg, 1, INT_MAX, &o->pid))
				r = bad_value(err, errlen, "--pid", optarg, "a process id (1 or more)");
			break;
		case OPT_TREE: r = set_mode(o, MODE_TREE, err, errlen); break;
		case OPT_JSON: r = set_mode(o, MODE_JSON, err, errlen); break;
		case 'l': o->list = true; break;
		case OPT_DEMO: o->demo = optarg; break;
		case OPT_THEME:
			if (!optarg[0])
				r = bad_value(err, errlen, "--theme", optarg,
					      "a theme name or a file");
			else
				o->theme = optarg;
			break;
		case OPT_LIST_THEMES: r = set_mode(o, MODE_LIST_THEMES, err, errlen); break;
		case OPT_NO_COLOR: o->color = 2; break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = 0;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 2;
			else
				r = bad_value(err, errlen, "--color", optarg,
					      "auto, always or never");
			break;
		case OPT_GRACE: {
			char *end;
			errno = 0;
			double g = strtod(optarg, &end);
			/* Decimal only: strtod would also take 0x10 and 1e2. */
			if (errno || end == optarg || *end || !(g >= 0.1 && g <= 600) ||
			    strspn(optarg, "0123456789.") != strlen(optarg))
				r = bad_value(err, errlen, "--grace", optarg,
					      "seconds from 0.1 to 600");
			else
				o->grace = g;
			break;
		}
		case OPT_LIST_DEMOS: r = set_mode(o, MODE_LIST_DEMOS, err, errlen); break;
		case 'K': o->kthreads = true; break;
		case 'U': o->ascii = true; break;
		case 'h': r = set_mode(o, MODE_HELP, err, errlen); break;
		case 'V': r = set_mode(o, MODE_VERSION, err, errlen); break;
		default:
			r = bad_option(err, errlen, c, argv[optind - 1]);
			break;
		}
	}
	if (r == 0 && optind < argc)
		r = stray_argument(o, argv[optind], err, errlen);
	return r;
}
