/* rename.c - r: renames a demo task. Linux lets a process rename only itself, so the
 * task is asked to (its comm too, so ps shows it); commands cannot be renamed. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

static int open_rename(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!verbs_selected(a, "renaming", &pid, &start))
		return ACT_REDRAW;
	struct task *k = tasks_find(a->tasks, pid, start);
	if (!k || k->command) {
		char err[256];
		snprintf(err, sizeof err, "cannot rename %d: Linux only lets a process rename "
			 "itself; forktop can rename only its own demo tasks", pid);
		return verbs_refuse(a, err);
	}
	if (k->state != TASK_RUNNING && k->state != TASK_STOPPED && k->state != TASK_DAEMONIZED)
		return verbs_refuse(a, "cannot rename a task that has ended");
	struct dialog *d = verbs_open_dialog(a, DIALOG_RENAME, pid, start);
	snprintf(d->field[0], sizeof d->field[0], "%s", k->name);
	return ACT_REDRAW;
}

/* Enter in the prompt: the task renames itself (its comm too). */
static int submit(struct app *a)
{
	struct dialog *d = &a->dialog;
	struct task *k = tasks_find(a->tasks, d->pid, d->start);
	if (!k) {
		snprintf(d->error, sizeof d->error, "the task has gone");
		return ACT_REDRAW;
	}
	if (task_rename(a->tasks, k, d->field[0], d->error, sizeof d->error) < 0)
		return ACT_REDRAW;
	d->kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "renamed %d", d->pid);
	return ACT_REBUILD;
}

static int prompt_key(struct app *a, int key)
{
	return verbs_prompt_key(a, key, submit);
}

static const struct verb_key keys[] = {
	{ { 'r', 0 }, "r", "rename the selected demo task (its comm too, so ps shows it)",
	  open_rename },
};

const struct verb verb_rename = {
	.name = "rename", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_RENAME,
	.dialog_key = prompt_key,
};
