/* detailsview.c - the details view (Enter, e, l): a box over most of the screen with the
 * process's CPU% and RSS history graphs, a line naming the sections, and the sections
 * (proc/details.h) scrolling below, long values wrapped. Every text from the process is
 * escaped here, as it is drawn. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"

#define KEY_COLS_MAX 28		/* a key column wider than this lets long keys push on */

/* Where the parts of the view go. */
struct geom {
	int y, x, h, w;
	int graph_y, graph_rows;	/* 0 rows: no room for the graphs */
	int tabs_y;		/* the line naming the sections */
	int body_y, body_h;	/* the scrolling sections */
	int body_w;
};

static void geom_of(int rows, int cols, struct geom *g)
{
	g->w = cols;	/* the whole width: a view over the screen */
	g->h = rows > 8 ? rows - 2 : rows;
	g->y = (rows - g->h) / 2;
	g->x = (cols - g->w) / 2;
	g->graph_rows = g->h >= 22 ? 3 : g->h >= 14 ? 2 : 0;
	g->graph_y = g->y + 1;
	g->tabs_y = g->graph_y + g->graph_rows;
	g->body_y = g->tabs_y + 1;
	g->body_h = g->y + g->h - 1 - g->body_y;	/* the box's last line: the keys */
	if (g->body_h < 1)
		g->body_h = 1;
	g->body_w = g->w - 2;
}

enum line_kind { LINE_HEAD, LINE_TEXT, LINE_ERROR };

struct dline {
	char *text;		/* escaped, at most the body's width */
	enum line_kind kind;
};

struct dlines {
	struct dline *v;
	size_t n, cap;
	int start[DP_COUNT];	/* each section's heading line */
};

static void push(struct dlines *L, enum line_kind kind, const char *text)
{
	L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof *L->v);
	L->v[L->n++] = (struct dline){ xstrdup(text), kind };
}

static void lines_free(struct dlines *L)
{
	for (size_t i = 0; i < L->n; i++)
		free(L->v[i].text);
	free(L->v);
}

/* "  KEY  value" with the value wrapped under itself (cont columns in). */
static void add_row(struct dlines *L, const struct details_row *r, int kw, int width,
		    unsigned flags)
{
	struct sbuf line, val;
	sbuf_init(&line);
	sbuf_init(&val);
	sbuf_adds(&line, "  ");
	if (r->key) {
		struct sbuf key;
		sbuf_init(&key);
		text_escape(&key, r->key, strlen(r->key), flags);
		int w = text_width(key.p ? key.p : "", key.len);
		if (w <= kw)
			text_pad(&line, sbuf_str(&key), key.len, kw, NULL);
		else
			sbuf_adds(&line, sbuf_str(&key));
		sbuf_adds(&line, "  ");
		sbuf_free(&key);
	}
	int cont = r->key ? 2 + kw + 2 : 4;
	text_escape(&val, r->value, strlen(r->value), flags);
	const char *v = sbuf_str(&val);
	size_t len = val.len;
	int used = text_width(sbuf_str(&line), line.len);
	enum line_kind kind = r->error ? LINE_ERROR : LINE_TEXT;
	do {
		int avail = width - used, cw;
		if (avail < 8 && used > cont) {	/* no room after a long key: on below */
			push(L, kind, sbuf_str(&line));
			sbuf_reset(&line);
			sbuf_printf(&line, "%*s", cont, "");
			used = cont;
			avail = width - used;
		}
		size_t take = text_fit(v, len, avail > 1 ? avail : 1, &cw);
		if (take == 0 && len)
			take = len;	/* a character wider than the room: cut when drawn */
		sbuf_add(&line, v, take);
		push(L, kind, sbuf_str(&line));
		v += take;
		len -= take;
		sbuf_reset(&line);
		sbuf_printf(&line, "%*s", cont, "");
		used = cont;
	} while (len > 0);
	sbuf_free(&line);
	sbuf_free(&val);
}

/* The widest key of a section, up to KEY_COLS_MAX. */
static int key_cols(const struct details_section *s, unsigned flags)
{
	int kw = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		if (!s->rows[i].key)
			continue;
		struct sbuf k;
		sbuf_init(&k);
		text_escape(&k, s->rows[i].key, strlen(s->rows[i].key), flags);
		int w = text_width(sbuf_str(&k), k.len);
		kw = w > kw ? w : kw;
		sbuf_free(&k);
	}
	return kw > KEY_COLS_MAX ? KEY_COLS_MAX : kw;
}

static void build(const struct details *d, int width, unsigned flags, struct dlines *L)
{
	memset(L, 0, sizeof *L);
	for (int sec = 0; sec < DP_COUNT; sec++) {
		const struct details_section *s = &d->sec[sec];
		char head[64];
		if (sec)
			push(L, LINE_TEXT, "");
		L->start[sec] = (int)L->n;
		snprintf(head, sizeof head, "%d %s", (sec + 1) % 10, details_title(sec));
		push(L, LINE_HEAD, head);
		if (s->error[0]) {
			char line[200];
			snprintf(line, sizeof line, "  %s", s->error);
			push(L, LINE_ERROR, line);
		}
		if (sec != DP_PROCESS && !d->read_once)
			push(L, LINE_ERROR, "  (not read: the process had ended)");
		int kw = key_cols(s, flags);
		for (size_t i = 0; i < s->nrows; i++)
			add_row(L, &s->rows[i], kw, width, flags);
	}
}

static unsigned text_flags(const struct app *a)
{
	return a->utf8 ? 0 : TEXT_ASCII;
}

void ui_details_layout(struct app *a, int rows, int cols)
{
	struct view *v = &a->view;
	if (!a->details)
		return;
	struct geom g;
	struct dlines L;
	geom_of(rows, cols, &g);
	build(a->details, g.body_w, text_flags(a), &L);
	v->details_page = g.body_h;
	if (v->details_jump >= 0 && v->details_jump < DP_COUNT) {
		v->details_top = L.start[v->details_jump];
		v->details_section = v->details_jump;
	}
	v->details_jump = -1;
	int max = (int)L.n - g.body_h;
	if (v->details_top > max)
		v->details_top = max;
	if (v->details_top < 0)
		v->details_top = 0;
	if (v->details_section < 0 || v->details_section >= DP_COUNT)
		for (int s = 0; s < DP_COUNT; s++)
			if (L.start[s] <= v->details_top)
				v->details_section = s;
	lines_free(&L);
}

/* The RSS graph's ceiling, chosen as btop scales its process memory graph: twice the
 * memory (here the peak of the samples shown), so a flat RSS draws a line half way up or
 * lower, never a full bar, and a doubling still fits; never above the machine's memory
 * (total_kb, 0: unknown). Rounded up to 1, 2 or 5 times a power of ten of KiB, MiB, GiB
 * or TiB, it reads well beside the figure (12M/50M) and moves only in steps, as btop's
 * moves only when the memory halves or doubles. */
static float memory_ceiling(float peak_kb, float total_kb)
{
	static const float steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };
	float want = 2 * peak_kb, top = 1;
	for (float unit = 1; top < want; unit *= 1024)
		for (size_t i = 0; i < ARRAY_LEN(steps) && top < want; i++)
			top = steps[i] * unit;
	return total_kb > 0 && top > total_kb ? total_kb : top;
}

/* The CPU% (of one CPU; a busier process fills the graph) and RSS (against the ceiling
 * above, shown beside the figure) of the process, if the history is its. */
static void draw_graphs(const struct app *a, const struct geom *g)
{
	const struct proc_history *h = &a->history;
	const struct details *d = a->details;
	size_t n = proc_same(h->pid, h->start, d->pid, d->start) ? h->n : 0;
	float cpu[HISTORY_SAMPLES], rss[HISTORY_SAMPLES], cpu_top = 100, rss_top = 0;
	for (size_t i = 0; i < n; i++) {
		cpu_top = h->cpu[i] > cpu_top ? h->cpu[i] : cpu_top;
		rss_top = h->rss_kb[i] > rss_top ? h->rss_kb[i] : rss_top;
	}
	rss_top = memory_ceiling(rss_top, a->sys ? (float)sysstat_mem(a->sys)->total : 0);
	for (size_t i = 0; i < n; i++) {
		cpu[i] = 100 * h->cpu[i] / cpu_top;
		rss[i] = 100 * h->rss_kb[i] / rss_top;
	}
	char cv[16] = "", rv[40] = "", now[16], top[16];
	if (n) {
		format_kb(now, sizeof now, (unsigned long)h->rss_kb[n - 1]);
		format_kb(top, sizeof top, (unsigned long)rss_top);
		snprintf(cv, sizeof cv, " %5.1f%%", h->cpu[n - 1]);
		snprintf(rv, sizeof rv, " %s/%s", now, top);
	}
	int half = (g->w - 2) / 2;
	struct ui_graph cg = { cpu, n, "CPU%", 5, cv, 8, TE_GRAPH_CPU, g->graph_rows, a->utf8 },
			rg = { rss, n, "RSS", 5, rv, 12, TE_GRAPH_MEM, g->graph_rows, a->utf8 };
	ui_draw_graph(&cg, g->graph_y, g->x + 1, half - 1);
	ui_draw_graph(&rg, g->graph_y, g->x + 1 + half, g->w - 2 - half);
}

/* "1 Process  2 Command ...": the section on top highlighted. */
static void draw_tabs(const struct app *a, const struct geom *g)
{
	int x = g->x + 1, end = g->x + g->w - 1;
	ui_put(g->tabs_y, x, "", g->w - 2, ui_attr(TE_DIALOG));
	for (int s = 0; s < DP_COUNT && x < end; s++) {
		char tab[40];
		int n = snprintf(tab, sizeof tab, "%d %s", (s + 1) % 10, details_title(s));
		if (n > end - x)
			n = end - x;
		ui_put(g->tabs_y, x, tab, n, s == a->view.details_section ?
		       ui_attr(TE_DIALOG_SELECTED) : ui_attr(TE_DIALOG_TITLE));
		x += n + 2;
	}
}

void ui_draw_details(const struct app *a, int rows, int cols)
{
	const struct details *d = a->details;
	if (!d)
		return;
	struct geom g;
	struct dlines L;
	char title[200], keys[200];
	geom_of(rows, cols, &g);
	if (d->ended)
		snprintf(title, sizeof title, " Details of %d: the process has ended", d->pid);
	else
		snprintf(title, sizeof title, " Details of %d", d->pid);
	ui_box(rows, cols, g.h, g.w, &g.y, &g.x, title);
	if (g.graph_rows)
		draw_graphs(a, &g);
	draw_tabs(a, &g);
	build(d, g.body_w, text_flags(a), &L);
	int top = a->view.details_top;
	for (int i = 0; i < g.body_h && top + i < (int)L.n; i++) {
		const struct dline *l = &L.v[top + i];
		int attr = l->kind == LINE_HEAD ? ui_attr(TE_DIALOG_TITLE) :
			   l->kind == LINE_ERROR ? ui_attr(TE_DIALOG_ERROR) : ui_attr(TE_DIALOG);
		ui_put(g.body_y + i, g.x + 1, l->text, g.body_w, attr);
	}
	int last = top + g.body_h < (int)L.n ? top + g.body_h : (int)L.n;
	snprintf(keys, sizeof keys, " Esc closes   Tab 1-9 0 sections   arrows PgUp PgDn Home End "
		 "scroll   e environment  l files   lines %d-%d of %zu", top + 1, last, L.n);
	ui_put(g.y + g.h - 1, g.x, keys, g.w, ui_attr(TE_DIALOG_TITLE));
	lines_free(&L);
}
