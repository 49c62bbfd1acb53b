/* new.c - n, F2: the New-task dialog, Process(target=..., args=..., kwargs=...,
 * name=..., daemon=...).start(): a demo of the lesson or any command, count times.
 * The form is checked by form.c (pure); this file owns its keys. */
#include "verbs_int.h"

#include <stdio.h>
#include <string.h>

#include "form.h"
#include "util.h"

int verb_new_open(struct app *a)
{
	struct dialog *d = verbs_open_dialog(a, DIALOG_NEW, 0, 0);
	snprintf(d->field[NF_TARGET], sizeof d->field[0], "sleeper");
	snprintf(d->field[NF_COUNT], sizeof d->field[0], "1");
	snprintf(d->field[NF_DAEMON], sizeof d->field[0], "no");
	snprintf(d->field[NF_DETACHED], sizeof d->field[0], "no");
	return ACT_REDRAW;
}

/* Enter: checks the form and starts count tasks. */
static int submit(struct app *a)
{
	struct dialog *d = &a->dialog;
	struct task_spec spec;
	int count, started = 0;
	struct new_form f = {
		.target = d->field[NF_TARGET], .command = d->field[NF_COMMAND],
		.args = d->field[NF_ARGS], .kwargs = d->field[NF_KWARGS], .name = d->field[NF_NAME],
		.count = d->field[NF_COUNT], .daemon = strcmp(d->field[NF_DAEMON], "yes") == 0,
		.detached = strcmp(d->field[NF_DETACHED], "yes") == 0,
	};
	if (form_parse(&f, &spec, &count, d->error, sizeof d->error) < 0)
		return ACT_REDRAW;
	char name[300], err[256];
	for (int i = 0; i < count; i++) {
		spec.name = NULL;
		if (d->field[NF_NAME][0]) {
			snprintf(name, sizeof name, count > 1 ? "%s-%d" : "%s", d->field[NF_NAME], i + 1);
			spec.name = name;
		}
		if (task_start(a->tasks, &spec, err, sizeof err) < 0) {
			snprintf(d->error, sizeof d->error, "%s", err);
			break;
		}
		started++;
	}
	task_strv_free(spec.args);
	task_strv_free(spec.kwargs);
	if (started == count)
		d->kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "started %d task%s", started, started == 1 ? "" : "s");
	return ACT_RESCAN;
}

/* Left/Right on the target field cycle through the demos. */
static void cycle_target(struct dialog *d, int dir)
{
	size_t n;
	const struct demo_info *list = demos_list(&n);
	size_t i = 0;
	while (i < n && strcmp(list[i].name, d->field[NF_TARGET]) != 0)
		i++;
	i = i >= n ? 0 : (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	snprintf(d->field[NF_TARGET], sizeof d->field[0], "%s", list[i].name);
}

/* Typing a command line means to run it: the target becomes "command", and it is said
 * (a demo would start and the command be dropped). */
static void command_target(struct dialog *d, bool switched_before)
{
	if (strcmp(d->field[NF_TARGET], "command") != 0)
		snprintf(d->field[NF_TARGET], sizeof d->field[0], "command");
	else if (!switched_before)
		return;
	snprintf(d->error, sizeof d->error, "target set to \"command\": the command line is "
		 "what runs");
}

static int new_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	char *f = d->field[d->choice];
	bool switched = strncmp(d->error, "target set to", 13) == 0;	/* said while typing */
	d->error[0] = '\0';
	switch (key) {
	case FK_ESC: d->kind = DIALOG_NONE; break;
	case FK_ENTER: return submit(a);
	case FK_UP: d->choice = (d->choice + NEW_FIELDS - 1) % NEW_FIELDS; break;
	case FK_DOWN: case '\t': d->choice = (d->choice + 1) % NEW_FIELDS; break;
	case FK_LEFT: case FK_RIGHT: case ' ':
		if (d->choice == NF_TARGET && key != ' ')
			cycle_target(d, key == FK_RIGHT ? 1 : -1);
		else if (d->choice == NF_DAEMON || d->choice == NF_DETACHED)
			snprintf(f, sizeof d->field[0], "%s", strcmp(f, "yes") ? "yes" : "no");
		else if (key == ' ')
			field_add(f, sizeof d->field[0], ' ');
		break;
	case FK_BACKSPACE: field_backspace(f); break;
	default:
		if (key < FK_BASE && d->choice != NF_DAEMON && d->choice != NF_DETACHED)
			field_add(f, sizeof d->field[0], key);
		break;
	}
	if (d->kind == DIALOG_NEW && d->choice == NF_COMMAND && key < FK_BASE && key >= ' ')
		command_target(d, switched);
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'n', 0 }, "n", "new task: a demo or a command (Process(...).start())",
	  verb_new_open },
};

const struct verb verb_new = {
	.name = "new", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_NEW,
	.dialog_key = new_key,
};
