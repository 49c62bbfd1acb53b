/* panes.c - the output pane of a task and the event log. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text.h"

/* A title line "─ title ─────". */
static void title_line(const struct app *a, int y, int width, const char *title)
{
	struct sbuf b;
	sbuf_init(&b);
	const char *rule = a->utf8 ? "─" : "-";
	sbuf_printf(&b, "%s %s ", rule, title);
	for (int w = text_width(b.p, b.len); w < width; w++)
		sbuf_adds(&b, rule);
	ui_put(y, 0, sbuf_str(&b), width, ui_attr(TE_PANE_TITLE));
	sbuf_free(&b);
}

/* The task the pane follows: the selected one, else the last one shown, else the newest;
 * NULL when forktop's own row is selected (the pane shows the main process then). */
static const struct task *follow_task(const struct app *a)
{
	int pid;
	unsigned long long start;
	const struct task *k = NULL;
	bool sel = tree_selected_id(a->tree, &pid, &start);
	if (sel && pid == getpid())
		return NULL;
	if (sel)
		k = tasks_find(a->tasks, pid, start);
	for (size_t i = 0; !k && i < tasks_count(a->tasks); i++)
		if (tasks_get(a->tasks, i)->id == a->view.last_task_id)
			k = tasks_get(a->tasks, i);
	if (!k && tasks_count(a->tasks))
		k = tasks_get(a->tasks, tasks_count(a->tasks) - 1);
	return k;
}

/* The task whose output the pane shows (as laid out), or NULL for the main process. */
static const struct task *pane_task(const struct app *a)
{
	for (size_t i = 0; a->view.pane_task_id && i < tasks_count(a->tasks); i++)
		if (tasks_get(a->tasks, i)->id == a->view.pane_task_id)
			return tasks_get(a->tasks, i);
	return NULL;
}

/* scroll lines up from the newest kept in range for n lines shown lines at a time. */
static void clamp_scroll(size_t *scroll, size_t n, int lines)
{
	if (*scroll + (size_t)lines > n)
		*scroll = n > (size_t)lines ? n - (size_t)lines : 0;
}

void ui_panes_layout(struct app *a, int output_height, int events_height)
{
	const struct task *k = follow_task(a);
	a->view.pane_task_id = k ? k->id : 0;
	if (k)
		a->view.last_task_id = k->id;
	a->view.output_page = output_height - 1;
	size_t n = k ? task_nlines(k) : tasks_console_count(a->tasks);
	clamp_scroll(&a->view.output_scroll, n, output_height - 1);
	/* in range: Home asks for the oldest */
	clamp_scroll(&a->view.events_scroll, events_count(a->events), events_height - 1);
}

/* The first line to show of n so that the newest is at the bottom, scrolled back by
 * output_scroll. */
static size_t pane_first(const struct app *a, size_t n, int lines, size_t *end)
{
	*end = n > a->view.output_scroll ? n - a->view.output_scroll : 0;
	return *end > (size_t)lines ? *end - (size_t)lines : 0;
}

/* forktop as the lesson's main process: its terminal, where the main process's prints and
 * every task's output come in the order they came, as running the lesson's program in a
 * terminal shows them. */
static void draw_main(const struct app *a, int y, int height, int width)
{
	char title[200];
	snprintf(title, sizeof title, "output: main (forktop, pid %d) and every task, as one "
		 "terminal shows them%s", (int)getpid(),
		 a->view.focus == FOCUS_OUTPUT ? "  [scrolling: o the events, Esc returns]" : "");
	title_line(a, y, width, title);
	int lines = height - 1;
	size_t end, n = tasks_console_count(a->tasks);
	if (n == 0 && lines > 0)
		ui_put(y + 1, 0, "(nothing printed yet: a demo's main process and its tasks print "
		       "here)", width, ui_attr(TE_OUTPUT));
	size_t first = pane_first(a, n, lines, &end);
	for (size_t i = first; i < end; i++)
		ui_put(y + 1 + (int)(i - first), 0, tasks_console_line(a->tasks, i), width,
		       ui_attr(TE_OUTPUT));
}

void ui_draw_output(const struct app *a, int y, int height, int width)
{
	const struct task *k = pane_task(a);
	if (!k) {
		draw_main(a, y, height, width);
		return;
	}
	char title[300];
	struct sbuf name;
	sbuf_init(&name);
	text_escape(&name, k->name, strlen(k->name), a->utf8 ? 0 : TEXT_ASCII);
	/* logpath is escaped already (task.h). */
	snprintf(title, sizeof title, "output: %s%s%s%s", sbuf_str(&name),
		 k->logpath ? "  (log " : "", k->logpath ? k->logpath : "",
		 a->view.focus == FOCUS_OUTPUT ? "  [scrolling: o the events, Esc returns]" :
		 k->logpath ? ")" :
		 "  (every task's: forktop's own row)");
	sbuf_free(&name);
	title_line(a, y, width, title);
	int lines = height - 1;
	size_t end;
	size_t first = pane_first(a, task_nlines(k), lines, &end);
	for (size_t i = first; i < end; i++)
		ui_put(y + 1 + (int)(i - first), 0, task_line(k, i), width,
		       ui_attr(TE_OUTPUT));
}

void ui_draw_events(const struct app *a, int y, int height, int width)
{
	char title[128];
	int lines = height - 1;
	size_t n = events_count(a->events);
	size_t end = n > a->view.events_scroll ? n - a->view.events_scroll : 0;
	size_t first = end > (size_t)lines ? end - (size_t)lines : 0;
	if (a->view.focus == FOCUS_EVENTS)
		snprintf(title, sizeof title, "events %zu-%zu of %zu  [scrolling: o or Esc returns]",
			 first + 1, end, n);
	else
		snprintf(title, sizeof title, "events%s", n > (size_t)lines ? "  (o o: scroll back)" :
			 "");
	title_line(a, y, width, title);
	for (size_t i = first; i < end; i++) {
		const struct event *e = events_get(a->events, i);
		time_t t = (time_t)e->time;
		struct tm tm;
		char stamp[64];
		localtime_r(&t, &tm);
		snprintf(stamp, sizeof stamp, "%02d:%02d:%02d.%03d ", tm.tm_hour, tm.tm_min,
			 tm.tm_sec, (int)((e->time - (double)t) * 1000));
		int ly = y + 1 + (int)(i - first);
		ui_put(ly, 0, stamp, width, ui_attr(TE_EVENT_TIME));
		int x = text_width(stamp, strlen(stamp));
		snprintf(stamp, sizeof stamp, "%-9s", events_kind_name(e->kind));
		/* The event elements follow the order of the event kinds. */
		int kind = TE_EVENT_START + (int)e->kind;
		if (x < width)
			ui_put(ly, x, stamp, width - x, kind < TE_COUNT && kind <= TE_EVENT_INFO ?
			       ui_attr((enum theme_elem)kind) : ui_attr(TE_EVENT_INFO));
		x += text_width(stamp, strlen(stamp)) + 1;
		struct sbuf b;
		sbuf_init(&b);
		sbuf_adds(&b, e->text);
		if (e->python)
			sbuf_printf(&b, "   %s", e->python);
		if (x < width)
			ui_put(ly, x, sbuf_str(&b), width - x, ui_attr(TE_NORMAL));
		sbuf_free(&b);
	}
}
