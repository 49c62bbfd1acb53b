/* events.h - the lifecycle event log: timestamped, kept in a bounded ring. Pure. */
#ifndef FORKTOP_EVENTS_H
#define FORKTOP_EVENTS_H

#include <stdarg.h>
#include <stddef.h>

enum event_kind {
	EV_START, EV_EXIT, EV_JOIN, EV_SIGNAL, EV_REPARENT, EV_DAEMONIZE, EV_RENAME,
	EV_REFUSED, EV_ERROR, EV_MAIN,	/* EV_MAIN: a line the demo's main process prints */
	EV_INFO,
};

struct event {
	double time;		/* seconds since the epoch (wall clock) */
	enum event_kind kind;
	char *text;		/* valid UTF-8 without control characters (already escaped) */
	char *python;		/* the same in Python's words, or NULL */
};

typedef struct events events_t;

events_t *events_new(size_t capacity);
void events_free(events_t *ev);
/* Adds an event now; fmt is a printf format for the text; python is a plain string (not a
 * format: build it first), or NULL. Untrusted strings must be escaped by the caller first
 * (text_escape); both are escaped once more here, which changes nothing in escaped text
 * and keeps the terminal safe if a caller forgot. The text leaves out the kind: the log
 * shows "start" and then "子进程1 pid 951 (sleeper)". */
void events_add(events_t *ev, enum event_kind kind, const char *python, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with a va_list. */
void events_vadd(events_t *ev, enum event_kind kind, const char *python, const char *fmt,
		 va_list ap) __attribute__((format(printf, 4, 0)));
size_t events_count(const events_t *ev);
/* i = 0 is the oldest kept. */
const struct event *events_get(const events_t *ev, size_t i);
/* "start", "exit", "join", ... as the log shows it. */
const char *events_kind_name(enum event_kind kind);

#endif
