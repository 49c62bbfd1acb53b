/* signal.c - F9, k: the signal menu (terminate, kill, stop, continue ...) for the
 * selected process or every tagged one. Each signal goes through signal_send, which
 * checks the process is still the one chosen. */
#include "verbs_int.h"

#include <signal.h>
#include <stdio.h>

#include "signals.h"
#include "util.h"

static int open_menu(struct app *a)
{
	int pid = 0;
	unsigned long long start = 0;
	if (a->ntags == 0 && !verbs_selected(a, "signalling", &pid, &start))
		return ACT_REDRAW;
	verbs_open_dialog(a, DIALOG_SIGNAL, pid, start);
	return ACT_REDRAW;
}

/* The children a signal that may end pid leaves behind: said, with the offer of X. */
static size_t orphans_of(struct app *a, int pid, int sig)
{
	size_t n, kids = 0;
	if (sig != SIGTERM && sig != SIGKILL && sig != SIGINT && sig != SIGHUP && sig != SIGQUIT)
		return 0;
	const struct proc *procs = scan_procs(a->scan, &n);
	for (size_t i = 0; i < n; i++)
		kids += procs[i].ppid == pid && !procs[i].thread;	/* threads end with it */
	if (kids)
		events_add(a->events, EV_INFO, NULL, "%d has %zu child%s: orphaned, they keep "
			   "running; X ends a whole subtree", pid, kids, kids == 1 ? "" : "ren");
	return kids;
}

/* Sends one signal and logs what happened; false when it was refused. */
static bool send_one(struct app *a, int pid, unsigned long long start, int sig)
{
	char msg[512];
	if (signal_send(pid, start, sig, msg, sizeof msg) < 0) {
		verbs_refuse(a, msg);
		return false;
	}
	verbs_note_signalled(a, pid);
	a->rescan_at = clock_now() + 0.1;	/* STOP, CONT, TERM: the state column follows soon */
	struct task *k = tasks_find(a->tasks, pid, start);
	const char *py = sig == SIGTERM ? "p.terminate()" : sig == SIGKILL ? "p.kill()" : NULL;
	events_add(a->events, EV_SIGNAL, k ? py : NULL, "%s sent to %d%s%s%s", signal_name(sig),
		   pid, k ? " (" : "", k ? k->name : "", k ? ")" : "");
	size_t kids = orphans_of(a, pid, sig);
	if (msg[0]) {
		events_add(a->events, EV_INFO, NULL, "%s", msg);
		snprintf(a->status, sizeof a->status, "%.255s", msg);
	} else if (kids) {	/* the offer, where the user looks */
		snprintf(a->status, sizeof a->status, "%s sent to %d; its %zu child%s keep%s "
			 "running (orphaned): X ends a whole subtree", signal_name(sig), pid, kids,
			 kids == 1 ? "" : "ren", kids == 1 ? "s" : "");
	} else {
		snprintf(a->status, sizeof a->status, "%s sent to %d", signal_name(sig), pid);
	}
	return true;
}

/* Enter: the chosen signal, to the selected process or each tagged one on its own. */
static int send_chosen(struct app *a, int sig)
{
	struct dialog *d = &a->dialog;
	char err[200];
	d->kind = DIALOG_NONE;
	/* A fresh snapshot first: the children of what ends are then known, and their
	 * re-parenting is reported at the next refresh. */
	scan_refresh(a->scan, err, sizeof err);
	if (a->ntags == 0) {
		send_one(a, d->pid, d->start, sig);
		return ACT_REBUILD;
	}
	size_t sent = 0, ntags = a->ntags;
	for (size_t i = 0; i < ntags; i++)
		sent += send_one(a, a->tags[i].pid, a->tags[i].start, sig);
	snprintf(a->status, sizeof a->status, "%s sent to %zu of %zu tagged process%s",
		 signal_name(sig), sent, ntags, ntags == 1 ? "" : "es");
	return ACT_REBUILD;
}

/* Keys typed into the screen by mistake (a shell command meant for another window, a
 * paste) must not end processes: in the menu only the arrows, Enter and Esc work, any
 * other key closes it with nothing sent, and signalling several tagged processes asks
 * once more (y). */
static int menu_key(struct app *a, int key)
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
		if (verbs_pasted(a))
			return verbs_refuse_pasted(a, "y", "the question");
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
	else if (key == FK_ENTER && verbs_pasted(a))
		return verbs_refuse_pasted(a, "Enter", "the signal menu");
	else if (key == FK_ENTER && a->ntags > 1 && !d->confirmed) {
		d->asking = true;
		d->opened_burst = a->key_burst;	/* a y pasted with this Enter sends nothing */
		snprintf(d->error, sizeof d->error, " %s to %zu tagged processes? y sends it, "
			 "other keys cancel", signal_name(signals[d->choice].sig), a->ntags);
	} else if (key == FK_ENTER) {
		return send_chosen(a, signals[d->choice].sig);
	} else {
		d->kind = DIALOG_NONE;
		if (key != FK_ESC)
			snprintf(a->status, sizeof a->status, "signal menu closed: nothing sent "
				 "(arrows choose, Enter sends)");
	}
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'k', FK_F9, 0 }, "F9 k", "send a signal: terminate (TERM), kill (KILL) ...",
	  open_menu },
};

const struct verb verb_signal = {
	.name = "signal", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_SIGNAL,
	.dialog_key = menu_key,
};
