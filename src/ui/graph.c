/* graph.c - btop's history graphs: a series of samples drawn as braille dots in a UTF-8
 * locale (two samples a cell, four levels a line), as ASCII otherwise. The header's CPU
 * and memory graphs and the details view's CPU% and RSS of one process. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

#define GRAPH_MAX_COLS 512

/* Braille dots filled from the bottom of a cell: n of the left column, m of the right. */
static unsigned braille_bits(int n, int m)
{
	static const unsigned left[] = { 0x40, 0x04, 0x02, 0x01 },
			      right[] = { 0x80, 0x20, 0x10, 0x08 };
	unsigned bits = 0;
	for (int i = 0; i < n && i < 4; i++)
		bits |= left[i];
	for (int i = 0; i < m && i < 4; i++)
		bits |= right[i];
	return bits;
}

/* How many of a cell's levels (4) a sample fills in graph row r (0: the top) of rows.
 * Anything above zero shows at least one dot, so an idle machine's graph is not blank. */
static int fill(float pct, int r, int rows)
{
	int levels = rows * 4;
	int dots = (int)(pct / 100.0f * (float)levels + 0.5f);
	if (dots == 0 && pct > 0)
		dots = 1;
	int below = (rows - 1 - r) * 4;
	dots -= below;
	return dots < 0 ? 0 : dots > 4 ? 4 : dots;
}

void ui_draw_graph(const struct ui_graph *g, int y, int x, int w)
{
	static const char ascii[] = " .:|#";
	int lw = g->label_w, vw = g->value_w, gw = w - lw - vw, rows = g->rows;
	if (gw < 4 || rows < 1)
		return;
	if (gw > GRAPH_MAX_COLS)
		gw = GRAPH_MAX_COLS;
	int per = g->utf8 ? 2 : 1;
	size_t n = g->n > (size_t)(gw * per) ? (size_t)(gw * per) : g->n;
	const float *samples = g->samples + (g->n - n);	/* the newest that fit */
	int pad = gw * per - (int)n;	/* samples missing at the left */
	for (int r = 0; r < rows; r++) {
		struct sbuf b;
		sbuf_init(&b);
		for (int c = 0; c < gw; c++) {
			int i0 = c * per - pad, i1 = i0 + 1;
			int f0 = i0 >= 0 ? fill(samples[i0], r, rows) : 0;
			if (per == 1)
				i1 = i0;
			if (i1 < 0) {
				sbuf_add(&b, " ", 1);	/* before the first sample */
			} else if (per == 2) {
				int f1 = i1 >= 0 ? fill(samples[i1], r, rows) : 0;
				char u[4];
				size_t len = text_utf8_encode(0x2800 + braille_bits(f0, f1), u);
				sbuf_add(&b, u, len);
			} else {
				sbuf_add(&b, &ascii[f0], 1);
			}
		}
		ui_put(y + r, x, r == 0 ? g->label : "", lw, ui_attr(TE_METER_LABEL));
		ui_put(y + r, x + lw, sbuf_str(&b), gw, ui_attr(g->elem));
		sbuf_free(&b);
	}
	ui_put(y + rows - 1, x + lw + gw, g->value, vw, ui_attr(TE_METER_TEXT));
}
