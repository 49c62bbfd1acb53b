/* settings.h - forktoprc, the settings file: $XDG_CONFIG_HOME/forktop/forktoprc.
 *
 * One "key = value" per line; '#' starts a comment (at the start of a line, or after a
 * blank and followed by a blank); a value may be in double quotes. Unknown keys and bad
 * values are reported with FILE:LINE and ignored. The command line overrides the file:
 * settings_apply the file to the defaults, then parse argv on top of them.
 *
 * Named "settings" rather than "config": src/config.h would hide autoconf's config.h
 * from #include "config.h" in src/main.c. */
#ifndef FORKTOP_SETTINGS_H
#define FORKTOP_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "columns.h"
#include "options.h"
#include "util.h"

enum settings_key {
	SETTING_DELAY,		/* delay = 15            tenths of a second, 1-600 */
	SETTING_TREE,		/* tree = on             on: the tree, off: a flat list */
	SETTING_CONNECTORS,	/* connectors = auto     ascii, utf8, auto */
	SETTING_THEME,		/* theme = default       a theme name or a file's path */
	SETTING_KERNEL_THREADS,	/* kernel_threads = off */
	SETTING_USER_THREADS,	/* user_threads = off    threads as rows below their process (H) */
	SETTING_CONFIRM_SIGNAL,	/* confirm_signal = on   ask before sending a signal */
	SETTING_GRACE,		/* grace = 5             seconds from SIGTERM to SIGKILL */
	SETTING_SCROLLBACK,	/* scrollback = 2000     output lines kept per task */
	SETTING_COLUMNS,	/* columns = PID,USER,PRI,NI,VIRT,RES,SHR,S,CPU,MEM,TIME,TASK,COMMAND
				 * in the order shown; COMMAND required */
	SETTING_COUNT
};

enum settings_connectors { CONNECTORS_AUTO, CONNECTORS_ASCII, CONNECTORS_UTF8 };

#define SCROLLBACK_DEFAULT 2000	/* as TASK_OUTPUT_LINES */
#define SCROLLBACK_MIN 100
#define SCROLLBACK_MAX 100000
#define SETTINGS_THEME_MAX 1024
#define SETTINGS_MAX_DIAGS 50
#define SETTINGS_FILE_MAX (1024 * 1024)

struct settings {
	unsigned set;		/* bit 1 << SETTING_x: the key was given (or is to be saved) */
	int delay;
	bool tree;
	enum settings_connectors connectors;
	char theme[SETTINGS_THEME_MAX];
	bool kernel_threads;
	bool user_threads;
	bool confirm_signal;
	double grace;
	int scrollback;
	size_t ncolumns;	/* columns[0..ncolumns): the order shown (the default set when
				 * not given); COMMAND is among them */
	enum column_id columns[COLUMN_COUNT];
};

/* The defaults (the same as the command line's), with no key set. */
void settings_default(struct settings *s);

/* "delay", "kernel_threads", ... (NULL past SETTING_COUNT). The columns' names are the
 * column table's (columns.h). */
const char *settings_key_name(enum settings_key k);

/* Receives one diagnostic, "FILE:LINE: what is wrong; what was kept" (bytes from the
 * file escaped). The same signature as theme_diag_fn. */
typedef void (*settings_diag_fn)(void *ctx, const char *msg);

/* Applies text[0..len) on top of s, setting the bit of each key given. Any bytes are
 * safe; each bad line is reported once (report may be NULL) and ignored; past
 * SETTINGS_MAX_DIAGS one last report counts the rest. Keys are case-insensitive and '-'
 * reads as '_'; a key given twice: the last wins. Returns the number of bad lines. */
int settings_parse(struct settings *s, const char *text, size_t len, const char *filename,
		   settings_diag_fn report, void *ctx);

/* $XDG_CONFIG_HOME/forktop/forktoprc when XDG_CONFIG_HOME is absolute, else
 * $HOME/.config/forktop/forktoprc. Returns 0, or -1 with neither (or too long). */
int settings_path(const char *xdg_config_home, const char *home, char *buf, size_t size);

/* Reads path (a regular file of at most SETTINGS_FILE_MAX bytes) with settings_parse.
 * A missing file is no error: s is unchanged and 0 returned. Returns the number of bad
 * lines, or -1 with a message in err when the file cannot be read. */
int settings_load(struct settings *s, const char *path, settings_diag_fn report, void *ctx,
		  char *err, size_t errlen);

/* Writes the value of key k as forktoprc spells it ("on", "0.5", "PID,S,COMMAND"). */
void settings_format(const struct settings *s, enum settings_key k, char *buf, size_t size);

/* The text settings_save writes: old[0..len) with the keys set in s rewritten or
 * appended as described below, appended to out. new_file: there was no file (a header
 * comment comes first). Pure: parsing the result gives s's values for those keys. */
void settings_merge(const char *old, size_t len, bool new_file, const struct settings *s,
		    struct sbuf *out);

/* Saves the keys set in s into path, atomically: the file is read, lines of those keys
 * whose value differs are rewritten in place (indentation, key spelling and trailing
 * comment kept), keys the file lacks are appended, and every other line (comments,
 * unknown keys, bad lines) is kept byte for byte; the result goes to a temporary file in
 * the same directory, fsync, then rename over path. A symbolic link is followed (the
 * file it names is replaced, the link stays). Missing directories are created (0700).
 * Returns 0, or -1 with a message in err and the old file untouched. */
int settings_save(const char *path, const struct settings *s, char *err, size_t errlen);

/* Copies the keys set in s that the command line also has (delay, tree, connectors
 * ascii, kernel_threads, grace) into o. The caller uses the result as the defaults of
 * the command line, so options given on it win. theme, confirm_signal, scrollback,
 * columns and connectors utf8 have no command-line field: read them from s. */
void settings_apply(const struct settings *s, struct options *o);

#endif
