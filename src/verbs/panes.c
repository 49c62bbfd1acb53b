/* panes.c - o: the arrows scroll the output pane, o again the event log, Esc gives
 * them back to the tree. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

static int focus_next(struct app *a)
{
	a->view.focus = a->view.focus == FOCUS_TREE ? FOCUS_OUTPUT : a->view.focus == FOCUS_OUTPUT ?
		   FOCUS_EVENTS : FOCUS_TREE;
	a->view.output_scroll = a->view.events_scroll = 0;
	snprintf(a->status, sizeof a->status, "%s", a->view.focus == FOCUS_OUTPUT ?
		 "output pane: arrows, PgUp/PgDn, Home/End scroll; o: the event log, Esc returns" :
		 a->view.focus == FOCUS_EVENTS ? "event log: arrows, PgUp/PgDn, Home/End scroll; o or "
		 "Esc returns" : "");
	return ACT_REDRAW;
}

/* Keys while the output pane has the focus scroll it. */
static int output_key(struct app *a, int key)
{
	if (a->view.focus == FOCUS_TREE)
		return -1;
	size_t *scroll = a->view.focus == FOCUS_EVENTS ? &a->view.events_scroll : &a->view.output_scroll;
	if (verbs_scroll_back(scroll, a->view.output_page, key))
		return ACT_REDRAW;
	switch (key) {
	case 'o': return focus_next(a);
	case FK_ESC:
		a->view.focus = FOCUS_EVENTS;	/* the next step is back to the tree */
		return focus_next(a);
	default: return -1;
	}
}

/* O: the panes out of the way (the tree takes the whole screen), or back. */
static int show_hide(struct app *a)
{
	a->view.panes_hidden = !a->view.panes_hidden;
	if (a->view.panes_hidden)
		a->view.focus = FOCUS_TREE;
	snprintf(a->status, sizeof a->status, "%s", a->view.panes_hidden ?
		 "output pane and event log hidden: O shows them" : "output pane and event log shown");
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'o', 0 }, "o", "scroll the output pane; o again: the event log; Esc returns",
	  focus_next },
	{ { 'O', 0 }, "O", "hide or show the output pane and the event log", show_hide },
};

const struct verb verb_panes = {
	.name = "panes", .keys = keys, .nkeys = ARRAY_LEN(keys), .modal_key = output_key,
};
