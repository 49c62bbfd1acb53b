/* form.h - what the dialogs' fields hold: typed text edited as UTF-8, the New-task form
 * checked and turned into a task_spec, join's timeout. Pure: no curses, no processes
 * started. */
#ifndef FORKTOP_FORM_H
#define FORKTOP_FORM_H

#include <stddef.h>

#include "task.h"

#define FORM_MAX_COUNT 1000
#define FORM_MAX_NUMBER 1000000

/* The fields as typed (UTF-8). target: a demo name or "command". */
struct new_form {
	const char *target, *command, *args, *kwargs, *name, *count;
	bool daemon, detached;
};

/* Checks the form and fills spec (args and kwargs allocated: free them with
 * task_strv_free) and count (1..FORM_MAX_COUNT). Returns 0, or -1 with a message for
 * the dialog in err and nothing allocated. */
int form_parse(const struct new_form *f, struct task_spec *spec, int *count, char *err,
	       size_t errlen);

/* Appends a typed character (a code point) to the field as UTF-8; control characters
 * are refused, and a character that does not fit is dropped. */
void field_add(char *f, size_t size, int cp);
/* Removes the last UTF-8 character. */
void field_backspace(char *f);

/* The timeout typed in join's prompt: "" is none (-1 in *out), else seconds from 0 to
 * one day (join(0) returns at once, as in Python). -1 with a message in err. */
int form_parse_timeout(const char *in, double *out, char *err, size_t errlen);

#endif
