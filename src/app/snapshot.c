/* snapshot.c - --tree and --json: the process tree printed once. */
#include "snapshot.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "json.h"
#include "scan.h"
#include "text.h"
#include "tree.h"
#include "util.h"

#define MAX_LEVELS 100		/* deeper connectors collapse into one marker */
#define COMMAND_MAX 200		/* a COMMAND followed by other columns is cut there */

/* --tree's columns: forktoprc's, in its order (TASK is the screen's: no tasks here), laid
 * out once for every line. */
struct tree_columns {
	size_t n;
	enum column_id cols[COLUMN_COUNT];
	int x[COLUMN_COUNT], w[COLUMN_COUNT];
	bool utf8;
	unsigned flags;		/* text_escape's */
	bool *levels;		/* tree_prefix's */
};

/* The tree's connectors and the command of row i. */
static void command_text(struct sbuf *b, const struct tree_columns *tc, tree_t *t,
			 const struct proc *procs, size_t i)
{
	const struct tree_row *r = tree_row(t, i);
	int depth = tree_prefix(t, i, tc->levels, MAX_LEVELS);
	format_tree_prefix(b, tc->levels, depth, r->last, false, tc->utf8, MAX_LEVELS);
	format_command(b, &procs[r->proc], tc->flags);
}

/* The columns of st; COMMAND is as wide as the widest command when others follow it. */
static void tree_columns(struct tree_columns *tc, const struct settings *st, tree_t *t,
			 const struct proc *procs)
{
	tc->n = 0;
	for (size_t i = 0; i < st->ncolumns && i < COLUMN_COUNT; i++)
		if (st->columns[i] != COLUMN_TASK)
			tc->cols[tc->n++] = st->columns[i];
	int command = 1;
	if (tc->n && tc->cols[tc->n - 1] != COLUMN_COMMAND) {
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < tree_nrows(t) && command < COMMAND_MAX; i++) {
			sbuf_reset(&b);
			command_text(&b, tc, t, procs, i);
			int w = text_width(sbuf_str(&b), b.len);
			command = w > command ? w : command;
		}
		sbuf_free(&b);
		command = command < COMMAND_MAX ? command : COMMAND_MAX;
	}
	columns_place(tc->cols, tc->n, 0, columns_width(tc->cols, tc->n, 0) + command, tc->x,
		      tc->w);
}

static void tree_header(struct sbuf *b, const struct tree_columns *tc)
{
	int at, len;	/* no column is marked as the sort column */
	columns_header(b, tc->cols, tc->n, tc->x, tc->w, COLUMN_COUNT, &at, &len);
	sbuf_addc(b, '\n');
}

/* The cells one after the other: a number wider than its column pushes the rest on
 * rather than being cut. */
static void tree_line(struct sbuf *b, const struct tree_columns *tc, tree_t *t,
		      const struct proc *procs, size_t i)
{
	const struct proc *p = &procs[tree_row(t, i)->proc];
	for (size_t k = 0; k < tc->n; k++) {
		if (k)
			sbuf_fill(b, ' ', columns_gap(tc->cols[k - 1], tc->cols[k]));
		if (tc->cols[k] != COLUMN_COMMAND) {
			column_cell(b, tc->cols[k], p);
		} else if (k + 1 == tc->n) {
			command_text(b, tc, t, procs, i);
		} else {
			struct sbuf c;
			sbuf_init(&c);
			command_text(&c, tc, t, procs, i);
			text_pad(b, sbuf_str(&c), c.len, tc->w[k], "~");
			sbuf_free(&c);
		}
	}
	sbuf_addc(b, '\n');
}

static void json_proc(struct sbuf *b, const struct proc *p, int depth,
		      const struct scan_info *si, const char *user)
{
	sbuf_printf(b, "{\"pid\": %d, \"ppid\": %d, \"state\": \"%c\", \"name\": ", p->pid,
		    p->ppid, p->state > ' ' && p->state < 0x7f ? p->state : '?');
	json_string(b, p->comm, strlen(p->comm));
	sbuf_adds(b, ", \"cmdline\": ");
	json_string(b, p->cmdline, p->cmdline_len);
	if (p->cmdline_cut)	/* only then: the usual record stays as documented */
		sbuf_adds(b, ", \"cmdline_cut\": true");
	sbuf_adds(b, ", \"cpu\": ");
	json_number(b, p->cpu, 1);
	sbuf_printf(b, ", \"rss_kb\": %lu, \"threads\": %d, \"start_time\": ", p->rss_kb,
		    p->threads);
	json_number(b, si->boot_time + (double)p->start / (double)si->hz, 2);
	sbuf_adds(b, ", \"elapsed_s\": ");
	json_number(b, p->elapsed, 2);
	sbuf_adds(b, ", \"user\": ");
	json_string(b, user, strlen(user));
	sbuf_printf(b, ", \"depth\": %d}", depth);
}

static bool pid_present(const struct proc *procs, size_t n, int pid, bool *kthread)
{
	for (size_t i = 0; i < n; i++) {
		if (procs[i].pid == pid) {
			*kthread = procs[i].kthread;
			return true;
		}
	}
	return false;
}

/* Writes the whole buffer; large trees are flushed in pieces to bound memory. */
static void flush(struct sbuf *b, FILE *out)
{
	fwrite(b->p ? b->p : "", 1, b->len, out);
	sbuf_reset(b);
}

static void print_rows(const struct options *o, const struct settings *st, scan_t *s,
		       tree_t *t, const struct proc *procs, FILE *out)
{
	struct sbuf b;
	sbuf_init(&b);
	struct tree_columns tc = {
		.utf8 = !o->ascii && isatty(fileno(out)) && text_locale_is_utf8(),
		.flags = text_locale_is_utf8() ? 0 : TEXT_ASCII,
		.levels = xcalloc(MAX_LEVELS + 1, sizeof(bool)),
	};
	size_t nrows = tree_nrows(t);
	if (o->mode == MODE_JSON) {
		sbuf_adds(&b, "{\"processes\": [");
	} else {
		tree_columns(&tc, st, t, procs);
		tree_header(&b, &tc);
	}
	for (size_t i = 0; i < nrows; i++) {
		if (o->mode == MODE_JSON) {
			const struct tree_row *r = tree_row(t, i);
			const struct proc *p = &procs[r->proc];
			sbuf_adds(&b, i ? ",\n  " : "\n  ");
			json_proc(&b, p, r->depth, scan_info(s), scan_user(s, p->uid));
		} else {
			tree_line(&b, &tc, t, procs, i);
		}
		if (b.len > 1 << 16)
			flush(&b, out);
	}
	if (o->mode == MODE_JSON)
		sbuf_adds(&b, "\n]}\n");
	flush(&b, out);
	free(tc.levels);
	sbuf_free(&b);
}

int snapshot_print(const struct options *o, const struct settings *st, FILE *out)
{
	char err[256];
	scan_t *s = scan_new(err, sizeof err);
	/* --json has no field that needs more than stat */
	if (s && o->mode == MODE_TREE)
		scan_set_reads(s, columns_reads(st->columns, st->ncolumns) | PROC_READ_ALL);
	if (s) {	/* one refresh: every command line now, nothing held for the next */
		scan_set_eager(s, true);
		scan_set_incremental(s, false);
	}
	if (!s || scan_refresh(s, err, sizeof err) < 0) {
		fprintf(stderr, "forktop: %s\n", err);
		scan_free(s);
		return EXIT_NOTFOUND;
	}
	size_t n;
	const struct proc *procs = scan_procs(s, &n);
	bool kthread = false;
	if (o->pid && !pid_present(procs, n, o->pid, &kthread)) {
		fprintf(stderr, "forktop: no process with pid %d\n", o->pid);
		scan_free(s);
		return EXIT_NOTFOUND;
	}
	tree_t *t = tree_new();
	tree_set_show_kthreads(t, o->kthreads || kthread);
	tree_set_mode(t, o->list ? TREE_MODE_LIST : TREE_MODE_TREE);
	tree_set_root(t, o->pid, 0);
	tree_build(t, procs, n);
	print_rows(o, st, s, t, procs, out);
	tree_free(t);
	scan_free(s);
	return fflush(out) == 0 ? EXIT_OK : EXIT_NOTFOUND;
}
