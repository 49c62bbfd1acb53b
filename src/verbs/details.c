/* details.c - Enter: the selected process in detail, as htop's process screens show it, in
 * one scrolling view of sections (proc/details.h). Opened at a section by e (environment)
 * and l (open files) too. Its data is read again at every refresh while it is open; a
 * process that ends is said to have ended, and what was read last stays. */
#include "verbs_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "util.h"

/* What the scan and the task table know: today's fields, and a task's Python view. */
static void fill_process(struct app *a)
{
	struct details *d = a->details;
	struct details_section *s = &d->sec[DP_PROCESS];
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n), *p = NULL;
	for (size_t i = 0; i < n && !p; i++)
		if (proc_same(procs[i].pid, procs[i].start, d->pid, d->start))
			p = &procs[i];
	details_clear(s);
	if (d->ended)
		details_addf(s, NULL, "process %d has ended%s%s", d->pid, p && p->state == 'Z' ?
			     " (a zombie until its parent reaps it)" : "",
			     d->read_once ? ": what it showed last is below" : "");
	if (p) {
		char el[32], rss[16], cpu[16];
		format_elapsed(el, sizeof el, p->elapsed);
		format_kb(rss, sizeof rss, p->rss_kb);
		format_cpu(cpu, sizeof cpu, p->cpu);
		details_addf(s, NULL, "pid %d  ppid %d  state %c  threads %d  elapsed %s  user %s",
			     p->pid, p->ppid, p->state, p->threads, el, scan_user(a->scan, p->uid));
		details_addf(s, NULL, "CPU%% %s  RSS %s", cpu, rss);
	} else if (!d->ended) {
		details_addf(s, NULL, "pid %d", d->pid);
	}
	struct task *k = tasks_find(a->tasks, d->pid, d->start);
	if (!k)
		return;
	char code[64];
	task_exitcode_str(code, sizeof code, k);
	/* name, target and args are escaped already; escaping them again changes nothing. */
	details_addf(s, NULL, "task %s  target %s", k->name, k->target);
	if (k->args_repr[0])
		details_add(s, NULL, k->args_repr);
	details_addf(s, NULL, "daemon %s  exitcode %s", k->daemon ? "True" : "False",
		     code[0] ? code : "None (running)");
	char key[2 * TASK_AUTHKEY_LEN + 1];
	for (int i = 0; i < TASK_AUTHKEY_LEN; i++)
		snprintf(key + 2 * i, 3, "%02x", k->authkey[i]);
	details_addf(s, NULL, "authkey %s  (main's, inherited)", key);
}

/* Reads the process again: its sections, then what the scan says. */
static void reread(struct app *a)
{
	if (!a->details->ended)
		details_read(a->details);
	fill_process(a);
}

static void close_details(struct app *a)
{
	if (a->details) {
		details_free(a->details);
		free(a->details);
		a->details = NULL;
	}
	if (a->dialog.kind == DIALOG_DETAILS)
		a->dialog.kind = DIALOG_NONE;
}

int verb_details_open(struct app *a, enum details_part at)
{
	int pid;
	unsigned long long start;
	if (!verbs_selected_now(a, "showing the details of", &pid, &start))
		return ACT_REDRAW;
	close_details(a);
	a->details = xmalloc(sizeof *a->details);
	details_init(a->details, pid, start);
	verbs_open_dialog(a, DIALOG_DETAILS, pid, start);
	reread(a);
	a->view.details_top = 0;
	a->view.details_jump = at;
	return ACT_REDRAW;
}

static int details(struct app *a)
{
	return verb_details_open(a, DP_PROCESS);
}

/* Keys of the view: scrolling, sections (Tab, Shift-Tab, the digits, e, l), Esc closes. */
static int details_key(struct app *a, int key)
{
	struct view *v = &a->view;
	int page = v->details_page > 1 ? v->details_page - 1 : 1;
	switch (key) {
	case FK_UP: v->details_top--; break;
	case FK_DOWN: v->details_top++; break;
	case FK_PGUP: v->details_top -= page; break;
	case FK_PGDN: v->details_top += page; break;
	case FK_HOME: v->details_top = 0; break;
	case FK_END: v->details_top = INT_MAX / 2; break;	/* kept in range when drawn */
	case FK_WHEEL_UP: v->details_top -= 3; break;
	case FK_WHEEL_DOWN: v->details_top += 3; break;
	case '\t': v->details_jump = (v->details_section + 1) % DP_COUNT; break;
	case FK_BTAB: v->details_jump = (v->details_section + DP_COUNT - 1) % DP_COUNT; break;
	case 'e': v->details_jump = DP_ENVIRON; break;
	case 'l': v->details_jump = DP_FILES; break;
	case FK_ESC: case FK_ENTER: case 'q': case FK_F10:
		close_details(a);
		return ACT_REDRAW;
	default:
		if (key >= '0' && key <= '9')	/* 1 the first section ... 0 the tenth */
			v->details_jump = key == '0' ? 9 : key - '1';
		else
			return ACT_NONE;
	}
	if (v->details_top < 0)
		v->details_top = 0;
	if (v->details_jump < 0)
		v->details_section = -1;	/* scrolled: the layout says which is on top */
	return ACT_REDRAW;
}

/* The CPU% and RSS of the process the details view shows, else of the selected one, at
 * each refresh (another process starts them again): the details view's graphs. */
static void note_history(struct app *a)
{
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	struct proc_history *h = &a->history;
	int pid;
	unsigned long long start;
	if (a->details) {
		pid = a->details->pid;
		start = a->details->start;
	} else if (!tree_selected_id(a->tree, &pid, &start)) {
		return;
	}
	if (!proc_same(h->pid, h->start, pid, start)) {
		h->pid = pid;
		h->start = start;
		h->n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (!proc_same(procs[i].pid, procs[i].start, pid, start))
			continue;
		if (h->n == HISTORY_SAMPLES) {	/* the oldest goes */
			memmove(h->cpu, h->cpu + 1, (HISTORY_SAMPLES - 1) * sizeof *h->cpu);
			memmove(h->rss_kb, h->rss_kb + 1, (HISTORY_SAMPLES - 1) * sizeof *h->rss_kb);
			h->n--;
		}
		h->cpu[h->n] = (float)procs[i].cpu;
		h->rss_kb[h->n] = (float)procs[i].rss_kb;
		h->n++;
		return;
	}
}

/* At every refresh: the graphs take a sample, the view shows the process as it is now. */
static void scanned(struct app *a)
{
	note_history(a);
	if (a->details && a->dialog.kind != DIALOG_DETAILS)
		close_details(a);	/* closed some other way */
	else if (a->details)
		reread(a);
}

static void finish(struct app *a)
{
	close_details(a);
}

static const struct verb_key keys[] = {
	{ { FK_ENTER, 0 }, "Enter", "details of the selected process (Tab, Shift-Tab, 1-9 0: its sections; "
	  "Esc closes)", details },
};

const struct verb verb_details = {
	.name = "details", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_DETAILS,
	.dialog_key = details_key, .scanned = scanned, .finish = finish,
};
