/* strace.c - s: strace attached to the selected process, as htop's s, its output in a
 * view; Esc detaches (strace is ended through signal_send, tasks/tracer.h). Without
 * strace installed it says how to install it. */
#include "verbs_int.h"

#include <stdio.h>
#include <unistd.h>

#include "tracer.h"
#include "util.h"

/* Frees a tracer that has ended and is no longer shown. */
static void drop_done(struct app *a)
{
	if (a->tracer && tracer_done(a->tracer) && a->dialog.kind != DIALOG_STRACE) {
		tracer_free(a->tracer);
		a->tracer = NULL;
	}
}

static int attach(struct app *a)
{
	int pid;
	unsigned long long start;
	char err[256];
	drop_done(a);
	if (a->tracer)
		return verbs_refuse(a, "strace is still detaching from the last process: "
				    "try again in a moment");
	if (!tracer_available(NULL)) {
		snprintf(a->status, sizeof a->status, "strace is not installed: apt-get install "
			 "strace (as root), then s again");
		return ACT_REDRAW;
	}
	if (!verbs_selected_now(a, "tracing", &pid, &start))
		return ACT_REDRAW;
	if (pid == getpid())
		return verbs_refuse(a, "forktop does not trace itself: its screen is strace's "
				    "output");
	a->tracer = tracer_start(pid, start, err, sizeof err);
	if (!a->tracer)
		return verbs_refuse(a, err);
	verbs_open_dialog(a, DIALOG_STRACE, pid, start);
	a->view.trace_scroll = 0;
	return ACT_REDRAW;
}

static void detach(struct app *a)
{
	char msg[256];
	a->dialog.kind = DIALOG_NONE;
	if (!a->tracer)
		return;
	if (tracer_detach(a->tracer, clock_now(), msg, sizeof msg) == 0)
		snprintf(a->status, sizeof a->status, "strace detached from %d",
			 tracer_target(a->tracer));
	drop_done(a);
}

/* Keys of the view: it scrolls back through the output; Esc detaches. */
static int strace_key(struct app *a, int key)
{
	if (verbs_scroll_back(&a->view.trace_scroll, a->view.trace_page, key))
		return ACT_REDRAW;
	switch (key) {
	case FK_ESC: case 'q': case FK_F10: case 's':
		detach(a);
		break;
	default:
		return ACT_NONE;
	}
	return ACT_REDRAW;
}

static bool tick(struct app *a, double now)
{
	if (!a->tracer)
		return false;
	bool changed = tracer_poll(a->tracer, now);
	drop_done(a);
	return changed && a->dialog.kind == DIALOG_STRACE;
}

static double deadline(const struct app *a)
{
	return a->tracer ? tracer_deadline(a->tracer) : 0;
}

static int fd(const struct app *a)
{
	return a->tracer ? tracer_fd(a->tracer) : -1;
}

static void finish(struct app *a)
{
	tracer_free(a->tracer);
	a->tracer = NULL;
}

static const struct verb_key keys[] = {
	{ { 's', 0 }, "s", "strace the selected process (strace -p PID): its system calls as "
	  "they happen; Esc detaches", attach },
};

const struct verb verb_strace = {
	.name = "strace", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_STRACE,
	.dialog_key = strace_key, .tick = tick, .deadline = deadline, .fd = fd,
	.finish = finish,
};
