/* events.c - the lifecycle event log: a bounded ring of timestamped, escaped lines. */
#include "events.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "util.h"

struct events {
	struct event *v;
	size_t cap, count, first;	/* v[first] is the oldest of count kept */
};

events_t *events_new(size_t capacity)
{
	events_t *ev = xcalloc(1, sizeof *ev);
	ev->cap = capacity ? capacity : 1;
	ev->v = xcalloc(ev->cap, sizeof *ev->v);
	return ev;
}

void events_free(events_t *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < ev->count; i++) {
		struct event *e = &ev->v[(ev->first + i) % ev->cap];
		free(e->text);
		free(e->python);
	}
	free(ev->v);
	free(ev);
}

void events_add(events_t *ev, enum event_kind kind, const char *python, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	events_vadd(ev, kind, python, fmt, ap);
	va_end(ap);
}

void events_vadd(events_t *ev, enum event_kind kind, const char *python, const char *fmt,
		 va_list ap)
{
	struct sbuf b;
	struct timespec ts;

	sbuf_init(&b);
	sbuf_vprintf(&b, fmt, ap);
	clock_gettime(CLOCK_REALTIME, &ts);

	struct event *e;
	if (ev->count == ev->cap) {
		e = &ev->v[ev->first];
		free(e->text);
		free(e->python);
		ev->first = (ev->first + 1) % ev->cap;
	} else {
		e = &ev->v[(ev->first + ev->count) % ev->cap];
		ev->count++;
	}
	e->time = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	e->kind = kind;
	/* Escaping escaped text changes nothing, so this only ever removes danger. */
	e->text = text_escape_dup(sbuf_str(&b));
	e->python = python ? text_escape_dup(python) : NULL;
	sbuf_free(&b);
}

size_t events_count(const events_t *ev)
{
	return ev->count;
}

const struct event *events_get(const events_t *ev, size_t i)
{
	if (i >= ev->count)
		return NULL;
	return &ev->v[(ev->first + i) % ev->cap];
}

const char *events_kind_name(enum event_kind kind)
{
	static const char *const names[] = {
		[EV_START] = "start", [EV_EXIT] = "exit", [EV_JOIN] = "join",
		[EV_SIGNAL] = "signal", [EV_REPARENT] = "reparent",
		[EV_DAEMONIZE] = "daemonize", [EV_RENAME] = "rename",
		[EV_REFUSED] = "refused", [EV_ERROR] = "error", [EV_MAIN] = "main",
		[EV_INFO] = "info",
	};
	if ((size_t)kind < ARRAY_LEN(names) && names[kind])
		return names[kind];
	return "?";
}
