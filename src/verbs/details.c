/* details.c - Enter: the selected process in detail (checked against a fresh scan, so
 * a process that has just ended is said to have ended). Any key closes it. */
#include "verbs_int.h"

#include "util.h"

static int details(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!verbs_selected_now(a, &pid, &start))
		return ACT_REDRAW;
	verbs_open_dialog(a, DIALOG_DETAILS, pid, start);
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { FK_ENTER, 0 }, "Enter", "details of the selected process", details },
};

const struct verb verb_details = {
	.name = "details", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_DETAILS,
	.dialog_key = verbs_close_key,
};
