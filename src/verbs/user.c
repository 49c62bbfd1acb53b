/* user.c - u: show only one user's processes (htop's), picked from the users present. */
#include "verbs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static scan_t *names;	/* qsort has no context argument: the scan that names uids */

static int by_name(const void *x, const void *y)
{
	return strcmp(scan_user(names, *(const unsigned *)x), scan_user(names, *(const unsigned *)y));
}

static int open_picker(struct app *a)
{
	size_t n;
	const struct proc *procs = scan_procs(a->scan, &n);
	struct dialog *d = verbs_open_dialog(a, DIALOG_USER, 0, 0);
	d->nusers = 1;		/* entry 0: every user */
	for (size_t i = 0; i < n; i++) {
		int k = 1;
		while (k < d->nusers && d->users[k] != procs[i].uid)
			k++;
		if (k == d->nusers && d->nusers < (int)ARRAY_LEN(d->users))
			d->users[d->nusers++] = procs[i].uid;
	}
	names = a->scan;
	qsort(d->users + 1, (size_t)d->nusers - 1, sizeof d->users[0], by_name);
	for (int k = 1; k < d->nusers; k++)	/* on the user shown now */
		if ((long)d->users[k] == tree_user(a->tree))
			d->choice = k;
	return ACT_REDRAW;
}

static int pick(struct app *a)
{
	struct dialog *d = &a->dialog;
	d->kind = DIALOG_NONE;
	if (d->choice == 0) {
		tree_set_user(a->tree, -1);
		snprintf(a->status, sizeof a->status, "every user's processes");
	} else {
		unsigned uid = d->users[d->choice];
		tree_set_user(a->tree, (long)uid);
		snprintf(a->status, sizeof a->status, "only %s's processes: %zu shown (u, then "
			 "\"all users\" shows everyone's)", scan_user(a->scan, uid),
			 tree_nprocs(a->tree));
	}
	return ACT_REBUILD;
}

static int picker_key(struct app *a, int key)
{
	struct dialog *d = &a->dialog;
	int n = d->nusers > 0 ? d->nusers : 1;
	switch (key) {
	case FK_UP: d->choice = (d->choice + n - 1) % n; break;
	case FK_DOWN: d->choice = (d->choice + 1) % n; break;
	case FK_HOME: d->choice = 0; break;
	case FK_END: d->choice = n - 1; break;
	case FK_ENTER: return pick(a);
	case FK_ESC: case 'u': d->kind = DIALOG_NONE; break;
	default: break;
	}
	return ACT_REDRAW;
}

static const struct verb_key keys[] = {
	{ { 'u', 0 }, "u", "show only one user's processes (a list of the users present)",
	  open_picker },
};

const struct verb verb_user = {
	.name = "user", .keys = keys, .nkeys = ARRAY_LEN(keys), .dialog = DIALOG_USER,
	.dialog_key = picker_key,
};
