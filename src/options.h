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
	bool ascii;		/* ASCII tree connectors even on a UTF-8 terminal */
	const char *demo;	/* --demo NAME: start the screen with this demo running */
	double grace;		/* --grace: SIGTERM to SIGKILL, seconds */
};

/* Exit codes, as documented in --help and the man page. */
enum { EXIT_OK = 0, EXIT_NOTFOUND = 1, EXIT_USAGE = 2 };

/* Fills o from argv. Returns 0, or EXIT_USAGE with a one-line message in err (without
 * the program name; the caller adds the hint). */
int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen);

/* The --help text. */
const char *options_help(void);

#endif
