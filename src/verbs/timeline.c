/* timeline.c - L: every task's life on one time axis (started, stopped, ended, joined).
 * Any key closes it. */
#include "verbs_int.h"

#include "util.h"

static int timeline(struct app *a)
{
	verbs_open_dialog(a, DIALOG_TIMELINE, 0, 0);
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'L', 0 }, "L", "lifecycle timeline: every task's life on one time axis", timeline },
};

const struct verb verb_timeline = {
	.name = "timeline", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_TIMELINE,
	.dialog_key = verbs_close_key,
};
