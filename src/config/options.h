/* options.h - the command line. Pure: parses argv into plain data and messages. */
#ifndef FORKTOP_OPTIONS_H
#define FORKTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum run_mode {
	MODE_SCREEN,		/* the interactive screen */
	MODE_TREE,		/* --tree: print the tree once */
	MODE_JSON,		/* --json: print the snapshot as JSON */
	MODE_HELP,
	MODE_VERSION,
	MODE_LIST_DEMOS,	/* --list-demos */
	MODE_LIST_THEMES,	/* --list-themes */
};

#define DELAY_DEFAULT 15	/* tenths of a second, as htop */
#define DELAY_MIN 1
#define DELAY_MAX 600
#define GRACE_DEFAULT 5.0	/* seconds between SIGTERM and SIGKILL when ending */

struct options {
	enum run_mode mode;
	int delay;		/* refresh interval, tenths of a second */
	int pid;		/* show only this process and its descendants; 0: all */
	bool list;		/* start in flat list mode instead of the tree */
	bool kthreads;		/* show kernel threads */
	bool uthreads;		/* show user threads as rows (H) */
	bool ascii;		/* ASCII tree connectors even on a UTF-8 terminal */
	const char *demo;	/* --demo NAME: start the screen with this demo running */
	double grace;		/* --grace: SIGTERM to SIGKILL, seconds */
	const char *theme;	/* --theme FILE|NAME; NULL: forktoprc's, else the default */
	int color;		/* --color: 0 auto, 1 always, 2 never (enum theme_color_mode) */
};

/* Exit codes, as documented in --help and the man page. */
enum { EXIT_OK = 0, EXIT_NOTFOUND = 1, EXIT_USAGE = 2 };

/* The built-in defaults, which options_parse starts from. */
void options_defaults(struct options *o);

/* Fills o from argv, starting from the built-in defaults. Returns 0, or EXIT_USAGE with
 * a one-line message in err (without the program name; the caller adds the hint). */
int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen);

/* The same, starting from defaults instead (options_defaults with the forktoprc applied),
 * so that what the command line gives overrides the file. */
int options_parse_with_defaults(struct options *o, const struct options *defaults, int argc,
				char **argv, char *err, size_t errlen);

/* The --help text. */
const char *options_help(void);

#endif
