/* form.c - what the dialogs' fields hold: typed text edited as UTF-8, the New-task form
 * checked and turned into a task_spec, join's timeout. */
#include "form.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demos.h"
#include "text.h"
#include "util.h"

/* A number the demos read as seconds or a count: finite, not negative, and not past
 * FORM_MAX_NUMBER (1e400 is inf to Python, and sleeping it would never end). */
static int check_number(const char *what, const char *v, char *err, size_t errlen)
{
	char *end;
	if (!*v || *v == ' ')
		return 0;
	errno = 0;
	double d = strtod(v, &end);	/* "inf" and "nan" too: kwargs are not typed */
	if (*end)
		return 0;		/* text, not a number */
	if (errno == ERANGE || !isfinite(d) || d < 0 || d > FORM_MAX_NUMBER) {
		snprintf(err, errlen, "%s %.40s: a demo's seconds or count must be a number from "
			 "0 to %d", what, v, FORM_MAX_NUMBER);
		return -1;
	}
	return 0;
}

static int check_numbers(char **args, char **kwargs, char *err, size_t errlen)
{
	for (size_t i = 0; args[i]; i++)
		if (check_number("args:", args[i], err, errlen) < 0)
			return -1;
	for (size_t i = 0; kwargs[i]; i++)
		if (check_number("kwargs:", kwargs[i] + strcspn(kwargs[i], "=") + 1, err,
				 errlen) < 0)
			return -1;
	return 0;
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
	} else if (!blank(f->command)) {
		snprintf(err, errlen, "a command line is run only with target \"command\" (not "
			 "the demo %.60s): pick it with Left/Right, or clear the command", target);
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
	char **args;
	if (task_parse_args(f->args, &args, err, errlen) < 0 ||
	    (spec->demo && check_numbers(args, kwargs, err, errlen) < 0)) {
		task_strv_free(args);
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

/* Appends a typed character to a field as UTF-8; control characters are refused. */
void field_add(char *f, size_t size, int cp)
{
	char b[4];
	size_t n, len = strlen(f);
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp > 0x10ffff)
		return;
	n = text_utf8_encode((unsigned long)cp, b);
	if (len + n < size) {
		memcpy(f + len, b, n);
		f[len + n] = '\0';
	}
}

/* Removes the last UTF-8 character. */
void field_backspace(char *f)
{
	size_t len = strlen(f);
	while (len > 0 && ((unsigned char)f[len - 1] & 0xc0) == 0x80)
		len--;
	if (len > 0)
		len--;
	f[len] = '\0';
}

/* Parses the timeout typed in the join prompt: "" is none (-1), else 0 <= t <= 1 day
 * (join(0) returns at once, as in Python). */
int form_parse_timeout(const char *in, double *out, char *err, size_t errlen)
{
	while (*in == ' ')
		in++;
	if (!*in) {
		*out = -1;
		return 0;
	}
	char *end;
	double t = strtod(in, &end);
	while (*end == ' ')
		end++;
	if (*end || end == in || !(t >= 0) || t > 86400) {
		snprintf(err, errlen, "timeout: a number of seconds from 0 to 86400, or "
			 "empty to wait until it ends");
		return -1;
	}
	*out = t;
	return 0;
}
