/* panes.c - the output pane of a task and the event log. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../text.h"

/* A title line "─ title ─────". */
static void title_line(struct app *a, int y, int width, const char *title)
{
	struct sbuf b;
	sbuf_init(&b);
	const char *rule = a->utf8 ? "─" : "-";
	sbuf_printf(&b, "%s %s ", rule, title);
	for (int w = text_width(b.p, b.len); w < width; w++)
		sbuf_adds(&b, rule);
	ui_put(y, 0, sbuf_str(&b), width, ui_theme.pane_title);
	sbuf_free(&b);
}

/* The task the pane follows: the selected one, else the last one shown, else the newest. */
static struct task *pane_task(struct app *a)
{
	int pid;
	unsigned long long start;
	struct task *k = NULL;
	if (tree_selected_id(a->tree, &pid, &start))
		k = tasks_find(a->tasks, pid, start);
	for (size_t i = 0; !k && i < tasks_count(a->tasks); i++)
		if (tasks_get(a->tasks, i)->id == a->last_task_id)
			k = tasks_get(a->tasks, i);
	if (!k && tasks_count(a->tasks))
		k = tasks_get(a->tasks, tasks_count(a->tasks) - 1);
	if (k)
		a->last_task_id = k->id;
	return k;
}

void ui_draw_output(struct app *a, int y, int height, int width)
{
	struct task *k = pane_task(a);
	char title[300];
	struct sbuf name;
	sbuf_init(&name);
	if (k)
		text_escape(&name, k->name, strlen(k->name), a->utf8 ? 0 : TEXT_ASCII);
	/* logpath is escaped already (task.h). */
	snprintf(title, sizeof title, "output: %s%s%s%s", k ? sbuf_str(&name) : "no task",
		 k && k->logpath ? "  (log " : "", k && k->logpath ? k->logpath : "",
		 a->focus_output ? "  [scrolling: o returns]" : k && k->logpath ? ")" : "");
	sbuf_free(&name);
	title_line(a, y, width, title);
	int lines = height - 1;
	size_t n = k ? task_nlines(k) : 0;
	if (a->output_scroll + (size_t)lines > n)
		a->output_scroll = n > (size_t)lines ? n - (size_t)lines : 0;
	size_t end = n - a->output_scroll;
	size_t first = end > (size_t)lines ? end - (size_t)lines : 0;
	for (size_t i = first; i < end; i++)
		ui_put(y + 1 + (int)(i - first), 0, task_line(k, i), width, ui_theme.elem[TE_OUTPUT]);
}

void ui_draw_events(struct app *a, int y, int height, int width)
{
	title_line(a, y, width, "events");
	int lines = height - 1;
	size_t n = events_count(a->events);
	size_t first = n > (size_t)lines ? n - (size_t)lines : 0;
	for (size_t i = first; i < n; i++) {
		const struct event *e = events_get(a->events, i);
		time_t t = (time_t)e->time;
		struct tm tm;
		char stamp[64];
		localtime_r(&t, &tm);
		snprintf(stamp, sizeof stamp, "%02d:%02d:%02d.%03d ", tm.tm_hour, tm.tm_min,
			 tm.tm_sec, (int)((e->time - (double)t) * 1000));
		int ly = y + 1 + (int)(i - first);
		ui_put(ly, 0, stamp, width, ui_theme.elem[TE_EVENT_TIME]);
		int x = text_width(stamp, strlen(stamp));
		snprintf(stamp, sizeof stamp, "%-9s", events_kind_name(e->kind));
		/* The event elements follow the order of the event kinds. */
		int kind = TE_EVENT_START + (int)e->kind;
		if (x < width)
			ui_put(ly, x, stamp, width - x, kind < TE_COUNT && kind <= TE_EVENT_INFO ?
			       ui_theme.elem[kind] : ui_theme.event_kind);
		x += text_width(stamp, strlen(stamp)) + 1;
		struct sbuf b;
		sbuf_init(&b);
		sbuf_adds(&b, e->text);
		if (e->python)
			sbuf_printf(&b, "   %s", e->python);
		if (x < width)
			ui_put(ly, x, sbuf_str(&b), width - x, ui_theme.elem[TE_NORMAL]);
		sbuf_free(&b);
	}
}
