/* theme.h - colour themes: the screen elements, theme files, colour depth reduction and
 * where theme files are found. Pure: no curses; the environment comes in as arguments.
 *
 * A theme gives each screen element a style: a foreground and a background colour and
 * attributes, plus the attributes used on a terminal without colours ("mono"). The file
 * format is documented in themes/default.theme, which lists every key. */
#ifndef FORKTOP_THEME_H
#define FORKTOP_THEME_H

#include <stdbool.h>
#include <stddef.h>

/* Screen elements. The event_* elements follow the order of enum event_kind, so
 * TE_EVENT_START + kind is the element of an event kind. */
enum theme_elem {
	TE_NORMAL,		/* ordinary text; its colours stand in for "default" elsewhere */
	TE_HEADER,		/* the top line */
	TE_COLUMN_HEADER,
	TE_TREE_CONNECTOR,
	TE_SELECTED,		/* the selected row */
	TE_TAGGED,		/* tagged rows (Space) */
	TE_KERNEL_THREAD,
	TE_ZOMBIE,		/* rows of processes in state Z */
	TE_TASK,		/* rows of forktop's own tasks */
	TE_TASK_RUNNING,	/* the TASK column, by the task's state */
	TE_TASK_STOPPED,
	TE_TASK_ZOMBIE,		/* exited, not joined yet */
	TE_TASK_JOINED,
	TE_TASK_FAILED,		/* ended with a non-zero exit code or by a signal */
	TE_TASK_DAEMONIZED,
	TE_OUTPUT,		/* the output pane's text */
	TE_PANE_TITLE,
	TE_EVENT_TIME,		/* the time stamp of an event line */
	TE_EVENT_START,
	TE_EVENT_EXIT,
	TE_EVENT_JOIN,
	TE_EVENT_SIGNAL,
	TE_EVENT_REPARENT,
	TE_EVENT_DAEMONIZE,
	TE_EVENT_RENAME,
	TE_EVENT_REFUSED,
	TE_EVENT_ERROR,
	TE_EVENT_MAIN,
	TE_EVENT_INFO,
	TE_DIALOG,
	TE_DIALOG_TITLE,
	TE_DIALOG_SELECTED,
	TE_DIALOG_ERROR,
	TE_KEYBAR_KEY,
	TE_KEYBAR_LABEL,
	TE_STATUS,
	TE_HELP_KEY,
	TE_CPU_LOW,		/* CPU% and RSS cells by level (the levels: columns.c) */
	TE_CPU_MID,
	TE_CPU_HIGH,
	TE_RSS_LOW,
	TE_RSS_MID,
	TE_RSS_HIGH,
	TE_METER_LABEL,		/* the meters: "CPU", "Mem", "Tasks:" ... */
	TE_METER_TEXT,		/* their figures */
	TE_METER_BRACKET,	/* a bar's [ ] */
	TE_CPU_USER,		/* a CPU bar's parts */
	TE_CPU_NICE,
	TE_CPU_SYSTEM,
	TE_CPU_IOWAIT,
	TE_MEM_USED,		/* the Mem bar's parts */
	TE_MEM_BUFFERS,
	TE_MEM_CACHE,
	TE_SWAP_USED,
	TE_GRAPH_CPU,		/* the history graphs */
	TE_GRAPH_MEM,
	TE_COUNT
};

enum theme_color_kind {
	THEME_COLOR_DEFAULT,	/* the terminal's own (or, for elements, normal's colour) */
	THEME_COLOR_INDEX,	/* a palette index 0-255: 0-15 are the terminal's named colours */
	THEME_COLOR_RGB,
};

struct theme_color {
	enum theme_color_kind kind;
	int index;		/* THEME_COLOR_INDEX */
	unsigned char r, g, b;	/* THEME_COLOR_RGB */
};

enum theme_attr {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_ITALIC = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_REVERSE = 1 << 4,
};

struct theme_style {
	struct theme_color fg, bg;
	unsigned attrs;		/* enum theme_attr bits, with colours */
	unsigned mono;		/* enum theme_attr bits, without colours */
};

struct theme {
	struct theme_style style[TE_COUNT];
};

/* The key of an element in theme files ("selected", "task_zombie"), or NULL. */
const char *theme_elem_key(enum theme_elem e);

/* The built-in default theme (dark terminals); themes/default.theme says the same. */
void theme_default(struct theme *t);

/* Receives one diagnostic: "FILE:LINE: what is wrong; what was kept", one line, with
 * any bytes from the file escaped. */
typedef void (*theme_diag_fn)(void *ctx, const char *msg);

/* Applies the theme text[0..len) on top of t (start from theme_default: a key the text
 * does not set keeps its value). Any bytes are safe. Each bad line is reported once
 * through report (may be NULL) and changes nothing; the other lines still apply; past
 * THEME_MAX_DIAGS reports, one last report says how many more there were. filename only
 * labels the reports. Returns the number of bad lines (0: clean). */
#define THEME_MAX_DIAGS 50
int theme_parse(struct theme *t, const char *text, size_t len, const char *filename,
		theme_diag_fn report, void *ctx);

/* Reads the theme file at path (a regular file of at most THEME_FILE_MAX bytes) and
 * applies it with theme_parse. Returns the number of bad lines, or -1 with a message in
 * err when the file cannot be read (t is then unchanged). */
#define THEME_FILE_MAX (1024 * 1024)
int theme_load_file(struct theme *t, const char *path, theme_diag_fn report, void *ctx,
		    char *err, size_t errlen);

/* Writes a style as theme files spell it: "black on cyan bold", "#ff8700", "default". */
void theme_style_format(const struct theme_style *s, char *buf, size_t size);

/* Colour depth reduction: the nearest colour of a smaller palette. */
/* Among the 6x6x6 cube (16-231) and the grey ramp (232-255) of the 256-colour palette.
 * Indices 0-15 are left out: terminals redefine them, the cube and ramp are fixed. */
int theme_rgb_to_256(unsigned char r, unsigned char g, unsigned char b);
/* Among the 16 named colours (0-15), by hue and brightness, so that a saturated colour
 * stays a colour (solarized's #2aa198 is cyan, not grey). */
int theme_rgb_to_16(unsigned char r, unsigned char g, unsigned char b);
/* Among the 8 basic colours (0-7). */
int theme_rgb_to_8(unsigned char r, unsigned char g, unsigned char b);
/* The RGB of a palette index as xterm shows it by default (0-255). */
void theme_index_rgb(int index, unsigned char *r, unsigned char *g, unsigned char *b);

enum theme_depth {
	THEME_DEPTH_MONO,	/* attributes only */
	THEME_DEPTH_8,
	THEME_DEPTH_16,
	THEME_DEPTH_256,
	THEME_DEPTH_TRUECOLOR,
};

/* --color: */
enum theme_color_mode { THEME_COLOR_AUTO, THEME_COLOR_ALWAYS, THEME_COLOR_NEVER };

/* The depth to draw with. ncolors and has_rgb_cap come from terminfo (COLORS, the RGB
 * or Tc capability), colorterm and no_color from the environment (NULL when unset).
 * never: mono. auto: NO_COLOR set and non-empty gives mono. Then COLORTERM truecolor or
 * 24bit, or the RGB capability, gives truecolor on a terminal with colours; else by
 * ncolors: 256, 16 (also 88), 8; fewer is mono, or 8 when mode is always. */
/* The direct-colour terminfo name for a terminal type: "xterm-256color" ->
 * "xterm-direct", "tmux-256color" -> "tmux-direct"; false for one that is direct already
 * or has none (screen, linux, dumb). COLORTERM=truecolor says the emulator takes 24-bit
 * colours, but a 256-colour terminfo gives ncurses no way to send them. Pure. */
bool theme_direct_term(const char *term, char *buf, size_t size);
enum theme_depth theme_depth_detect(int ncolors, bool has_rgb_cap, const char *colorterm,
				    const char *no_color, enum theme_color_mode mode);

/* A style resolved for a depth: what the screen hands to curses. */
#define THEME_PEN_DEFAULT (-1)	/* the terminal's own colour */
#define THEME_PEN_RGB_FLAG 0x1000000
#define THEME_PEN_RGB(r, g, b) (THEME_PEN_RGB_FLAG | (r) << 16 | (g) << 8 | (b))
struct theme_pen {
	int fg, bg;		/* THEME_PEN_DEFAULT, an index below the depth's palette
				 * size, or (truecolor only) THEME_PEN_RGB(r, g, b) */
	unsigned attrs;		/* enum theme_attr bits */
};

/* Element e of t at depth d. "default" colours take normal's colours (the terminal's
 * when normal has none). Truecolor keeps RGB and indices; 256 maps RGB into the cube
 * and ramp; 16 and 8 map everything outside their palette to the nearest; mono has no
 * colours and the element's mono attributes. */
void theme_resolve(const struct theme *t, enum theme_elem e, enum theme_depth d,
		   struct theme_pen *pen);

/* Where themes are found. */
#define THEME_DIRS_MAX 3
#define THEME_PATH_MAX 4096
enum theme_origin { THEME_FROM_USER, THEME_FROM_INSTALLED, THEME_FROM_SOURCE,
	THEME_FROM_BUILTIN };

struct theme_dirs {
	size_t n;
	char dir[THEME_DIRS_MAX][THEME_PATH_MAX];
	enum theme_origin origin[THEME_DIRS_MAX];
};

/* The directories searched, in order: the user's ($XDG_CONFIG_HOME/forktop/themes when
 * XDG_CONFIG_HOME is an absolute path, as the XDG spec requires, else
 * $HOME/.config/forktop/themes), datadir (the installed themes), srcdir (the source
 * tree's themes when run from the build tree). NULL or empty arguments are skipped. */
void theme_dirs_init(struct theme_dirs *d, const char *xdg_config_home, const char *home,
		     const char *datadir, const char *srcdir);

/* Where the theme of --theme ARG is: ARG itself when it contains a '/', or names an
 * existing file ending in ".theme"; else NAME.theme in the first directory that has it
 * (a trailing ".theme" on ARG is dropped). Returns 0 with the file in path, 0 with an
 * empty path for "default" when no file defines it (the built-in default), or -1 with
 * a message in err. */
int theme_find(const struct theme_dirs *d, const char *arg, char *path, size_t size,
	       char *err, size_t errlen);

struct theme_entry {
	char *name;		/* the file name without ".theme": raw bytes, escape to print */
	char *path;		/* NULL for the built-in default */
	enum theme_origin origin;
};

/* The themes found, for --list-themes: one entry per name, sorted by name, from the
 * first directory that has it (as theme_find would pick it); "default" is listed as
 * built-in when no directory has it. Returns the count; free with theme_list_free. */
size_t theme_list(const struct theme_dirs *d, struct theme_entry **out);
void theme_list_free(struct theme_entry *list, size_t n);

/* "user", "installed", "source tree", "built-in". */
const char *theme_origin_name(enum theme_origin o);

#endif
