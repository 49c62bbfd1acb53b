/* actions_dialog.c - keys while a dialog is open: the signal menu, the New-task form,
 * the details box. */
#include "actions.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signals.h"
#include "text.h"
#include "util.h"


/* A confirmation that signals came in the same read as the key that asked for it: pasted
 * or typed blind, so nothing is sent (every confirmation that ends processes checks). */
static int pasted_confirmation(struct app *a, const char *key, const char *what)
{
	a->dialog.kind = DIALOG_NONE;
	snprintf(a->status, sizeof a->status, "nothing sent: %s came with the key that opened "
		 "%s (pasted text?)", key, what);
	events_add(a->events, EV_REFUSED, NULL, "%s", a->status);
	return ACT_REDRAW;
}

/* Keys typed into the screen by mistake (a shell command meant for another window, a
 * paste) must not end processes: in the menu only the arrows, Enter and Esc work, any
 * other key closes it with nothing sent, and signalling several tagged processes asks
 * once more (y). */
static int signal_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	size_t nsig;
	const struct signal_choice *signals = signal_menu(&nsig);
	int n = (int)nsig;
	if (d->asking) {	/* "SIGTERM to 12 tagged processes? y sends it" */
		d->asking = false;
		if (key != 'y' && key != 'Y') {
			d->kind = DIALOG_NONE;
			snprintf(a->status, sizeof a->status, "nothing sent");
			return ACT_REDRAW;
		}
		if (a->key_burst == d->opened_burst)
			return pasted_confirmation(a, "y", "the question");
		key = FK_ENTER;
		d->confirmed = true;
	}
	if (key == FK_UP || key == FK_HOME)
		d->choice = key == FK_HOME ? 0 : (d->choice + n - 1) % n;
	else if (key == FK_DOWN || key == FK_END)
		d->choice = key == FK_END ? n - 1 : (d->choice + 1) % n;
	else if (key == FK_RESIZE || key == FK_CLICK || key == FK_WHEEL_UP ||
		 key == FK_WHEEL_DOWN)
		return ACT_REDRAW;
	else if (key == FK_ENTER && a->key_burst == d->opened_burst)
		return pasted_confirmation(a, "Enter", "the signal menu");
	else if (key == FK_ENTER && a->ntags > 1 && !d->confirmed) {
		d->asking = true;
		d->opened_burst = a->key_burst;	/* a y pasted with this Enter sends nothing */
		snprintf(d->error, sizeof d->error, " %s to %zu tagged processes? y sends it, "
			 "other keys cancel", signal_name(signals[d->choice].sig), a->ntags);
	} else if (key == FK_ENTER) {
		d->kind = DIALOG_NONE;
		/* A fresh snapshot first: the children of what ends are then known, and their
		 * re-parenting is reported at the next refresh. */
		char err[200];
		scan_refresh(a->scan, err, sizeof err);
		if (a->ntags == 0) {
			actions_send_signal(a, d->pid, d->start, signals[d->choice].sig);
			return ACT_REBUILD;
		}
		/* Tagged processes: each one checked and signalled on its own. */
		size_t sent = 0, ntags = a->ntags;
		for (size_t i = 0; i < ntags; i++) {
			sent += actions_send_signal(a, a->tags[i].pid, a->tags[i].start,
						    signals[d->choice].sig);
		}
		snprintf(a->status, sizeof a->status, "%s sent to %zu of %zu tagged process%s",
			 signal_name(signals[d->choice].sig), sent, ntags, ntags == 1 ? "" : "es");
		return ACT_REBUILD;
	} else {
		d->kind = DIALOG_NONE;
		if (key != FK_ESC)
			snprintf(a->status, sizeof a->status, "signal menu closed: nothing sent "
				 "(arrows choose, Enter sends)");
	}
	return ACT_REDRAW;
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
	case FK_ENTER: return actions_new_submit(a);
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

/* One-line prompts (join timeout, new name): edit field[0], Enter submits. */
static int prompt_key(struct app *a, int key, int (*submit)(struct app *a))
{
	struct dialog *d = &a->dialog;
	d->error[0] = '\0';
	if (key == FK_ESC)
		d->kind = DIALOG_NONE;
	else if (key == FK_ENTER)
		return submit(a);
	else if (key == FK_BACKSPACE)
		field_backspace(d->field[0]);
	else if (key == 0x15)	/* Ctrl-U, as in a shell: clears the line */
		d->field[0][0] = '\0';
	else if (key < FK_BASE)
		field_add(d->field[0], sizeof d->field[0], key);
	return ACT_REDRAW;
}

int actions_dialog_key(struct app *a, int key)
{
	switch (a->dialog.kind) {
	case DIALOG_SIGNAL: return signal_key(a, key);
	case DIALOG_NEW: return new_key(a, key);
	case DIALOG_JOIN: return prompt_key(a, key, actions_join_submit);
	case DIALOG_RENAME: return prompt_key(a, key, actions_rename_submit);
	case DIALOG_END_TREE:
		if ((key == 'y' || key == 'Y' || key == FK_ENTER) &&
		    a->key_burst == a->dialog.opened_burst)
			return pasted_confirmation(a, key == FK_ENTER ? "Enter" : "y",
						   "the end-subtree question");
		return actions_end_tree_key(a, key);
	case DIALOG_SETUP: return actions_setup_key(a, key);
	case DIALOG_QUIT:
		if (key == FK_RESIZE)
			return ACT_REDRAW;
		if ((key == 'e' || key == 'E') && a->key_burst == a->dialog.opened_burst) {
			pasted_confirmation(a, "e", "the quit question");
			return ACT_REDRAW;
		}
		return actions_quit_choice(a, key);
	default:
		if (key != FK_RESIZE)
			a->dialog.kind = DIALOG_NONE;
		return ACT_REDRAW;
	}
}
