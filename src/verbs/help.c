/* help.c - F1, h, ?: the help screen, every key of the verbs' table. Any key leaves it;
 * the arrows scroll it. */
#include "verbs_int.h"

#include "util.h"

static int open_help(struct app *a)
{
	a->help = true;
	a->view.help_top = 0;
	return ACT_REDRAW;
}

static int help_key(struct app *a, int key)
{
	if (!a->help)
		return -1;
	if (key == FK_DOWN || key == FK_PGDN || key == FK_WHEEL_DOWN)
		a->view.help_top += key == FK_DOWN ? 1 : 5;
	else if (key == FK_UP || key == FK_PGUP || key == FK_WHEEL_UP)
		a->view.help_top -= key == FK_UP ? 1 : 5;
	else if (key != FK_RESIZE)
		a->help = false;
	if (a->view.help_top < 0)
		a->view.help_top = 0;
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { FK_F1, 'h', '?' }, "F1 h ?", "this help", open_help },
};

const struct verb verb_help = {
	.name = "help", .keys = keys, .nkeys = ARRAY_LEN(keys), .modal_key = help_key,
};
