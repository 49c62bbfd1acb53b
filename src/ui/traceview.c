/* traceview.c - the strace view (s): strace's output over most of the screen, the newest
 * line at the bottom, scrolled back with the arrows; what strace is doing on the last
 * line. Each line is escaped as it is drawn. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "tracer.h"

/* The box: its corner, size and the lines of output it shows. */
static void geom_of(int rows, int cols, int *h, int *w, int *page)
{
	*w = cols;	/* the whole width: a view over the screen */
	*h = rows > 8 ? rows - 2 : rows;
	*page = *h - 2 > 1 ? *h - 2 : 1;
}

void ui_trace_layout(struct app *a, int rows, int cols)
{
	int h, w, page;
	if (!a->tracer)
		return;
	geom_of(rows, cols, &h, &w, &page);
	a->view.trace_page = page;
	size_t n = tracer_nlines(a->tracer), most = n > (size_t)page ? n - (size_t)page : 0;
	if (a->view.trace_scroll > most)
		a->view.trace_scroll = most;
}

void ui_draw_trace(const struct app *a, int rows, int cols)
{
	const tracer_t *t = a->tracer;
	int h, w, page, y, x;
	char title[160], foot[200];
	if (!t)
		return;
	geom_of(rows, cols, &h, &w, &page);
	snprintf(title, sizeof title, " strace -p %d  (arrows PgUp PgDn Home End scroll, Esc "
		 "detaches)", tracer_target(t));
	ui_box(rows, cols, h, w, &y, &x, title);
	size_t n = tracer_nlines(t), scroll = a->view.trace_scroll;
	size_t shown = n > (size_t)page ? (size_t)page : n;
	size_t first = n - shown >= scroll ? n - shown - scroll : 0;
	for (size_t i = 0; i < shown; i++) {
		const char *l = tracer_line(t, first + i);
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, l, strlen(l), a->utf8 ? 0 : TEXT_ASCII);
		ui_put(y + 1 + (int)i, x + 1, sbuf_str(&b), w - 2, ui_attr(TE_DIALOG));
		sbuf_free(&b);
	}
	if (tracer_done(t))
		snprintf(foot, sizeof foot, " strace has ended (%s)", tracer_exit(t));
	else if (tracer_detaching(t))
		snprintf(foot, sizeof foot, " strace is detaching from %d", tracer_target(t));
	else if (scroll)
		snprintf(foot, sizeof foot, " strace (pid %d) attached to %d: %zu lines up, End "
			 "follows", tracer_pid(t), tracer_target(t), scroll);
	else
		snprintf(foot, sizeof foot, " strace (pid %d) attached to %d", tracer_pid(t),
			 tracer_target(t));
	ui_put(y + h - 1, x, foot, w, ui_attr(TE_DIALOG_TITLE));
}
