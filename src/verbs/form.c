/* form.c - the New-task dialog's fields checked and turned into a task_spec. */
#include "form.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demos.h"
#include "util.h"

char **form_split_args(const char *in, char *err, size_t errlen)
{
	size_t n = 0, cap = 0;
	char **v = xcalloc(1, sizeof *v);
	struct sbuf w;
	sbuf_init(&w);
	const char *s = in ? in : "";
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		sbuf_reset(&w);
		sbuf_adds(&w, "");
		while (*s && *s != ' ') {
			if (*s == '\'' || *s == '"') {
				char q = *s++;
				const char *e = strchr(s, q);
				if (!e) {
					snprintf(err, errlen, "args: the quote %c is not closed", q);
					sbuf_free(&w);
					task_strv_free(v);
					return NULL;
				}
				sbuf_add(&w, s, (size_t)(e - s));
				s = e + 1;
			} else {
				sbuf_addc(&w, *s++);
			}
		}
		v = xgrow(v, &cap, n + 2, sizeof *v);
		v[n++] = xstrdup(sbuf_str(&w));
		v[n] = NULL;
	}
	sbuf_free(&w);
	return v;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ')
		s++;
	return !*s;
}

int form_parse(const struct new_form *f, struct task_spec *spec, int *count, char *err,
	       size_t errlen)
{
	*spec = (struct task_spec){ 0 };
	const char *target = f->target ? f->target : "";
	char *end;
	errno = 0;
	long c = strtol(f->count ? f->count : "", &end, 10);
	while (*end == ' ')
		end++;
	if (errno || blank(f->count) || *end || c < 1 || c > FORM_MAX_COUNT) {
		snprintf(err, errlen, "count must be a number from 1 to %d", FORM_MAX_COUNT);
		return -1;
	}
	if (strcmp(target, "command") == 0) {
		if (blank(f->command)) {
			snprintf(err, errlen, "type a command line to run");
			return -1;
		}
		spec->command = f->command;
	} else if (!demos_find(target) || blank(target)) {
		snprintf(err, errlen, "unknown demo '%.100s': Left/Right picks one, or \"command\"",
			 target);
		return -1;
	} else {
		spec->demo = target;
	}
	if (f->detached && spec->demo) {
		snprintf(err, errlen, "only a command can start detached; a running demo task is "
			 "daemonized with d");
		return -1;
	}
	if (f->detached && f->daemon) {
		snprintf(err, errlen, "daemon=True dies with forktop; detached outlives it: "
			 "choose one");
		return -1;
	}
	char **kwargs = NULL;
	if (task_parse_kwargs(f->kwargs ? f->kwargs : "", &kwargs, err, errlen) < 0)
		return -1;
	char **args = form_split_args(f->args, err, errlen);
	if (!args) {
		task_strv_free(kwargs);
		return -1;
	}
	spec->args = args;
	spec->kwargs = kwargs;
	spec->name = blank(f->name) ? NULL : f->name;
	spec->daemon = f->daemon;
	spec->detached = f->detached;
	*count = (int)c;
	return 0;
}
