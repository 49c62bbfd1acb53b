/* form.h - the New-task dialog's fields checked and turned into a task_spec. Pure: no
 * curses, no processes started. */
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

#endif
