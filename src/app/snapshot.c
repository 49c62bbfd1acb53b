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

/* --tree prints every column of the table that has cells, then the command. */
static size_t fixed_columns(enum column_id *cols)
{
	size_t n = 0;
	for (int c = 0; c < COLUMN_COUNT; c++)
		if (column_get((enum column_id)c)->cell)
			cols[n++] = (enum column_id)c;
	return n;
}

static void tree_header(struct sbuf *b)
{
	enum column_id cols[COLUMN_COUNT];
	int at, len;	/* no column is marked as the sort column */
	columns_header(b, cols, fixed_columns(cols), COLUMN_COUNT, &at, &len);
	sbuf_printf(b, "  %s\n", column_get(COLUMN_COMMAND)->heading);
}

static void tree_line(struct sbuf *b, tree_t *t, const struct proc *procs, size_t i,
		      bool utf8, unsigned flags, bool *levels)
{
	const struct tree_row *r = tree_row(t, i);
	const struct proc *p = &procs[r->proc];
	enum column_id cols[COLUMN_COUNT];
	columns_row(b, cols, fixed_columns(cols), p);
	sbuf_adds(b, "  ");
	int depth = tree_prefix(t, i, levels, MAX_LEVELS);
	format_tree_prefix(b, levels, depth, r->last, false, utf8, MAX_LEVELS);
	format_command(b, p, flags);
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

static void print_rows(const struct options *o, scan_t *s, tree_t *t,
		       const struct proc *procs, FILE *out)
{
	struct sbuf b;
	sbuf_init(&b);
	bool utf8 = !o->ascii && isatty(fileno(out)) && text_locale_is_utf8();
	unsigned flags = text_locale_is_utf8() ? 0 : TEXT_ASCII;
	bool *levels = xcalloc(MAX_LEVELS + 1, sizeof *levels);
	size_t nrows = tree_nrows(t);
	if (o->mode == MODE_JSON)
		sbuf_adds(&b, "{\"processes\": [");
	else
		tree_header(&b);
	for (size_t i = 0; i < nrows; i++) {
		if (o->mode == MODE_JSON) {
			const struct tree_row *r = tree_row(t, i);
			const struct proc *p = &procs[r->proc];
			sbuf_adds(&b, i ? ",\n  " : "\n  ");
			json_proc(&b, p, r->depth, scan_info(s), scan_user(s, p->uid));
		} else {
			tree_line(&b, t, procs, i, utf8, flags, levels);
		}
		if (b.len > 1 << 16)
			flush(&b, out);
	}
	if (o->mode == MODE_JSON)
		sbuf_adds(&b, "\n]}\n");
	flush(&b, out);
	free(levels);
	sbuf_free(&b);
}

int snapshot_print(const struct options *o, FILE *out)
{
	char err[256];
	scan_t *s = scan_new(err, sizeof err);
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
	print_rows(o, s, t, procs, out);
	tree_free(t);
	scan_free(s);
	return fflush(out) == 0 ? EXIT_OK : EXIT_NOTFOUND;
}
