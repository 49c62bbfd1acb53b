/* ui.h - the screen. The only part of forktop that includes curses. */
#ifndef FORKTOP_UI_H
#define FORKTOP_UI_H

#include <stddef.h>
#include <termios.h>

#include "app.h"
#include "meter_layout.h"
#include "theme.h"
#include "util.h"

#define UI_MIN_COLS 30
#define UI_MIN_ROWS 6

/* Starts curses on the terminal. Returns 0, or -1 with a message in err. Installs a
 * crash handler that restores the terminal before the process dies. */
int ui_init(struct app *a, char *err, size_t errlen);
/* Restores the terminal; safe to call more than once. */
void ui_end(void);
/* What puts the terminal back as it was (for the watchdog, guard.h): the bytes to write
 * (mouse tracking off, normal screen, cursor) and the modes to set (NULL: unknown). */
size_t ui_reset_bytes(const char **bytes, const struct termios **tio);
/* hook runs first when forktop crashes (SIGSEGV ...), before the terminal is restored;
 * it may only call async-signal-safe functions. */
void ui_on_crash(void (*hook)(void));
/* Stops for job control (SIGTSTP) with the terminal restored, and resumes. */
void ui_suspend(void);
/* After SIGCONT: the terminal modes and the whole screen again. */
void ui_resume(void);
/* The terminal changed size (SIGWINCH). */
void ui_resize(void);

/* The next key pressed (an fk_key or a code point), FK_NONE when none is waiting,
 * or -1 when the terminal is gone. */
int ui_key(struct app *a);

void ui_draw(struct app *a);

/* Parts of the screen (screen.c draws the frame and calls these). */
struct ui_theme {
	int elem[TE_COUNT];	/* every theme element as a curses attribute */
	enum theme_depth depth;	/* the colours this terminal is drawn with */
};

/* Turns the app's theme into curses attributes (colour pairs); again after a change. */
void ui_apply_theme(struct app *a);
extern struct ui_theme ui_theme;

/* The curses attribute of a theme element. */
static inline int ui_attr(enum theme_elem e)
{
	return ui_theme.elem[e];
}

/* Each part of the screen is laid out (what the screen owns, app.view: page size,
 * scrolling kept in range, the task the pane follows) before it is drawn; drawing reads
 * the app and changes nothing but the terminal. */

/* The column header at line y and tree rows below it, height lines in all. */
void ui_tree_layout(struct app *a, int y, int height, int width);
void ui_draw_tree(const struct app *a, int y, int height, int width);
/* The tree row shown at screen line y by the last layout, or -1. */
int ui_tree_row_at(int y);
void ui_help_layout(struct app *a, int height);
void ui_draw_help(const struct app *a, int height, int width);
/* The output pane of the selected (or last) task and the event log. */
void ui_panes_layout(struct app *a, int output_height, int events_height);
void ui_draw_output(const struct app *a, int y, int height, int width);
void ui_draw_events(const struct app *a, int y, int height, int width);
/* The header's meters and graphs (meter_layout.h), at the top. */
void ui_meters_layout(const struct app *a, int width, int height, struct meter_layout *ml);
void ui_draw_meters(const struct app *a, const struct meter_layout *ml, int width);
/* A history graph (graph.c): samples in percent, oldest first, drawn newest at the right
 * as braille (utf8) or ASCII, with a label at the left and a value at the right. */
struct ui_graph {
	const float *samples;
	size_t n;
	const char *label;
	int label_w;
	const char *value;
	int value_w;
	enum theme_elem elem;
	int rows;
	bool utf8;
};
/* The graph in w columns and g->rows lines at (y, x). */
void ui_draw_graph(const struct ui_graph *g, int y, int x, int w);
/* The open dialog, drawn over the screen. */
void ui_draw_dialog(const struct app *a, int rows, int cols);
/* The width of a dialog that wants want cells: the whole screen when that would leave
 * it less than 3 columns each side (a strip of cut text beside it looks broken). */
int ui_dialog_width(int cols, int want);
/* A dialog box h x w centred on the screen, its title on the first line; its top left
 * corner goes to *y, *x. */
void ui_box(int rows, int cols, int h, int w, int *y, int *x, const char *title);
/* The list pickers: a's cores, u's users, F6's columns to sort by. */
void ui_draw_picker(const struct app *a, int rows, int cols);
/* The details view (Enter, e, l) and the strace view (s): laid out (scrolling kept in
 * range, a section jumped to), then drawn over the screen. */
void ui_details_layout(struct app *a, int rows, int cols);
void ui_draw_details(const struct app *a, int rows, int cols);
void ui_trace_layout(struct app *a, int rows, int cols);
void ui_draw_trace(const struct app *a, int rows, int cols);
void ui_draw_keybar(const struct app *a, int y, int width);
/* Writes s (valid escaped UTF-8) at (y, x) fitted to exactly cols columns. */
void ui_put(int y, int x, const char *s, int cols, int attr);

#endif
