/* verbs.c - the table of verbs and the key dispatch: a grabbing verb, then the open
 * dialog's verb, then the verbs under way (bar, join, pane focus, help), then the key
 * table. Also the helpers every verb's dialog shares. */
#include "verbs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "util.h"

/* One line a verb: the help lists their keys in this order, and the modal keys are
 * offered in it (the search bar before a join's Esc before a focused pane before the
 * help screen). */
static const struct verb *const table[] = {
	&verb_move, &verb_find, &verb_sort, &verb_help, &verb_quit, &verb_new, &verb_join,
	&verb_signal, &verb_details, &verb_timeline, &verb_daemonize, &verb_rename,
	&verb_endtree, &verb_panes, &verb_setup, &verb_tag, &verb_nice, &verb_affinity,
	&verb_user, &verb_follow, &verb_threads,
	&verb_environ, &verb_files, &verb_strace,
};

const struct verb *const *verbs_table(size_t *n)
{
	*n = ARRAY_LEN(table);
	return table;
}

static int dialog_key(struct app *a, int key)
{
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (table[i]->dialog == a->dialog.kind && table[i]->dialog_key)
			return table[i]->dialog_key(a, key);
	return verbs_close_key(a, key);
}

/* A key no verb takes says so, rather than nothing happening. */
static int unbound(struct app *a, int key)
{
	if (key == FK_RESIZE || key == FK_WHEEL_UP || key == FK_WHEEL_DOWN)
		return ACT_NONE;
	char name[16];
	if (key >= 0x20 && key < 0x7f)
		snprintf(name, sizeof name, "'%c'", key);
	else if (key >= FK_F1 && key <= FK_F10)
		snprintf(name, sizeof name, "F%d", key - FK_F1 + 1);
	else
		snprintf(name, sizeof name, "that key");
	snprintf(a->status, sizeof a->status, "%s does nothing here: F1 or ? lists the keys",
		 name);
	return ACT_REDRAW;
}

static int table_key(struct app *a, int key)
{
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		for (size_t j = 0; j < table[i]->nkeys; j++) {
			const struct verb_key *e = &table[i]->keys[j];
			for (int k = 0; k < 3 && e->keys[k]; k++)
				if (e->keys[k] == key)
					return e->run(a);
		}
	return unbound(a, key);
}

int verbs_key(struct app *a, int key)
{
	int r;
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (table[i]->grab_key && (r = table[i]->grab_key(a, key)) >= 0)
			return r;
	if (a->dialog.kind != DIALOG_NONE)
		return dialog_key(a, key);
	a->status[0] = '\0';	/* the last key's message goes; this key may say its own */
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (table[i]->modal_key && (r = table[i]->modal_key(a, key)) >= 0)
			return r;
	return table_key(a, key);
}

bool verbs_tick(struct app *a, double now)
{
	bool redraw = false;
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (table[i]->tick)
			redraw |= table[i]->tick(a, now);
	return redraw;
}

double verbs_deadline(const struct app *a)
{
	double d = 0;
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		double e = table[i]->deadline ? table[i]->deadline(a) : 0;
		if (e > 0 && (d <= 0 || e < d))
			d = e;
	}
	return d;
}

size_t verbs_pollfds(const struct app *a, int *fds, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < ARRAY_LEN(table) && n < max; i++) {
		int fd = table[i]->fd ? table[i]->fd(a) : -1;
		if (fd >= 0)
			fds[n++] = fd;
	}
	return n;
}

void verbs_scanned(struct app *a)
{
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (table[i]->scanned)
			table[i]->scanned(a);
}

void verbs_finish(struct app *a)
{
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (table[i]->finish)
			table[i]->finish(a);
}

const struct key_help *verbs_key_help(size_t *n)
{
	static struct key_help *lines;
	static size_t nlines;
	if (!lines) {
		for (size_t i = 0; i < ARRAY_LEN(table); i++)
			for (size_t j = 0; j < table[i]->nkeys; j++)
				if (table[i]->keys[j].help) {
					lines = xrealloc(lines, (nlines + 1) * sizeof *lines);
					lines[nlines++] = (struct key_help){ table[i]->keys[j].keyname,
						table[i]->keys[j].help };
				}
	}
	*n = nlines;
	return lines;
}

/* The user thread's row (H) that pid + start is, or NULL for a process's. */
static const struct proc *thread_row(const struct app *a, int pid, unsigned long long start)
{
	size_t n = 0;
	const struct proc *procs = a->scan ? scan_procs(a->scan, &n) : NULL;
	for (size_t i = 0; i < n; i++)
		if (procs[i].thread && proc_same(procs[i].pid, procs[i].start, pid, start))
			return &procs[i];
	return NULL;
}

bool verbs_selected(struct app *a, const char *doing, int *pid, unsigned long long *start)
{
	if (!tree_selected_id(a->tree, pid, start)) {
		snprintf(a->status, sizeof a->status, "no process selected");
		return false;
	}
	const struct proc *t = thread_row(a, *pid, *start);
	if (!t)
		return true;
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	for (size_t i = 0; i < n; i++) {	/* a thread's row: its process */
		if (!procs[i].thread && procs[i].pid == t->ppid) {
			snprintf(a->status, sizeof a->status, "thread %d of %d: %s process %d",
				 t->pid, t->ppid, doing, t->ppid);
			*pid = procs[i].pid;
			*start = procs[i].start;
			return true;
		}
	}
	snprintf(a->status, sizeof a->status, "thread %d: its process has ended", t->pid);
	return false;
}

bool verbs_selected_row(struct app *a, int *pid, unsigned long long *start, int *tgid)
{
	if (!tree_selected_id(a->tree, pid, start)) {
		snprintf(a->status, sizeof a->status, "no process selected");
		return false;
	}
	const struct proc *t = thread_row(a, *pid, *start);
	*tgid = t ? t->ppid : 0;
	return true;
}

bool verbs_selected_now(struct app *a, const char *doing, int *pid, unsigned long long *start)
{
	char err[200];
	size_t n;
	if (!verbs_selected(a, doing, pid, start))
		return false;
	if (scan_refresh(a->scan, err, sizeof err) < 0)
		return true;	/* the last snapshot is all there is */
	const struct proc *procs = scan_procs(a->scan, &n);
	tree_build(a->tree, procs, n);
	for (size_t i = 0; i < n; i++)
		if (proc_same(procs[i].pid, procs[i].start, *pid, *start))
			return true;
	snprintf(a->status, sizeof a->status, "process %d has ended", *pid);
	return false;
}

int verbs_refuse(struct app *a, const char *msg)
{
	snprintf(a->status, sizeof a->status, "%.255s", msg);
	events_add(a->events, EV_REFUSED, NULL, "%s", msg);
	return ACT_REDRAW;
}

struct dialog *verbs_open_dialog(struct app *a, enum dialog_kind kind, int pid,
				 unsigned long long start)
{
	struct dialog *d = &a->dialog;
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->pid = pid;
	d->start = start;
	d->opened_burst = a->key_burst;
	return d;
}

bool verbs_pasted(const struct app *a)
{
	return a->key_burst == a->dialog.opened_burst;
}

int verbs_refuse_pasted(struct app *a, const char *key, const char *what)
{
	a->dialog.kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "nothing sent: %s came with the key that opened "
		 "%s (pasted text?)", key, what);
	events_add(a->events, EV_REFUSED, NULL, "%s", a->status);
	return ACT_REDRAW;
}

int verbs_prompt_key(struct app *a, int key, int (*submit)(struct app *a))
{
	struct dialog *d = &a->dialog;
	d->error[0] = '\0';
	if (key == FK_ESC)
		d->kind = DIALOG_NONE;
	else if (key == FK_ENTER)
		return submit(a);
	else if (key == FK_BACKSPACE)
		field_backspace(d->field[0]);
	else if (key == 0x15)	/* Ctrl-U, as in a shell: clears the line */
		d->field[0][0] = '\0';
	else if (key < FK_BASE)
		field_add(d->field[0], sizeof d->field[0], key);
	return ACT_REDRAW;
}

bool verbs_scroll_back(size_t *scroll, int page, int key)
{
	size_t step = page > 1 ? (size_t)page - 1 : 1;
	switch (key) {
	case FK_UP: (*scroll)++; break;
	case FK_DOWN: if (*scroll) (*scroll)--; break;
	case FK_PGUP: *scroll += step; break;
	case FK_PGDN: *scroll = *scroll > step ? *scroll - step : 0; break;
	case FK_HOME: *scroll = (size_t)-1 / 2; break;	/* the oldest: kept in range when drawn */
	case FK_END: *scroll = 0; break;
	default: return false;
	}
	return true;
}

int verbs_close_key(struct app *a, int key)
{
	if (key != FK_RESIZE)
		a->dialog.kind = DIALOG_NONE;
	return ACT_REDRAW;
}

void verbs_note_signalled(struct app *a, int pid)
{
	a->signalled[a->nsignalled++ % ARRAY_LEN(a->signalled)] = pid;
}
