/* tag.c - Space, c, U: tagged processes, as in htop. The signal menu acts on every
 * tagged one; tags of processes that end are forgotten. */
#include "verbs_int.h"

#include <stdio.h>

#include "util.h"

bool app_tagged(const struct app *a, int pid, unsigned long long start)
{
	for (size_t i = 0; i < a->ntags; i++)
		if (a->tags[i].pid == pid && a->tags[i].start == start)
			return true;
	return false;
}

static void tag_set(struct app *a, int pid, unsigned long long start, bool on)
{
	for (size_t i = 0; i < a->ntags; i++) {
		if (a->tags[i].pid == pid && a->tags[i].start == start) {
			if (!on)
				a->tags[i] = a->tags[--a->ntags];
			return;
		}
	}
	if (!on)
		return;
	a->tags = xrealloc(a->tags, (a->ntags + 1) * sizeof *a->tags);
	a->tags[a->ntags++] = (struct ident){ pid, start };
}

/* Space: tags or untags the selected process and moves down, as in htop. */
static int tag(struct app *a)
{
	int pid;
	unsigned long long start;
	if (!verbs_selected(a, "tagging", &pid, &start))
		return ACT_REDRAW;
	tag_set(a, pid, start, !app_tagged(a, pid, start));
	tree_move(a->tree, 1);
	snprintf(a->status, sizeof a->status, "%zu tagged: F9/k signals them, U untags all",
		 a->ntags);
	return ACT_REDRAW;
}

/* c: tags the selected process and every descendant shown below it; not the rows of
 * threads (H): a signal to their process reaches them. */
static int tag_children(struct app *a)
{
	size_t n, sel = tree_selected(a->tree);
	const struct proc *procs = scan_procs(a->scan, &n);
	const struct tree_row *r = tree_row(a->tree, sel);
	if (!r)
		return ACT_REDRAW;
	if (procs[r->proc].thread) {
		snprintf(a->status, sizeof a->status, "thread %d has no children: Space tags its "
			 "process %d", procs[r->proc].pid, procs[r->proc].ppid);
		return ACT_REDRAW;
	}
	int depth = r->depth;
	size_t count = 0;
	for (size_t i = sel; (r = tree_row(a->tree, i)); i++) {
		if (i > sel && r->depth <= depth)
			break;
		if (procs[r->proc].thread)
			continue;
		tag_set(a, procs[r->proc].pid, procs[r->proc].start, true);
		count++;
	}
	snprintf(a->status, sizeof a->status, "tagged %zu process%s (%zu in all)", count,
		 count == 1 ? "" : "es", a->ntags);
	return ACT_REDRAW;
}

static int untag_all(struct app *a)
{
	snprintf(a->status, sizeof a->status, "%zu untagged", a->ntags);
	a->ntags = 0;
	return ACT_REDRAW;
}

/* Forgets tags of processes that have ended (after each scan). */
static void prune(struct app *a)
{
	size_t n, kept = 0;
	if (!a->ntags)
		return;
	const struct proc *procs = scan_procs(a->scan, &n);
	for (size_t i = 0; i < a->ntags; i++) {
		bool alive = false;
		for (size_t j = 0; j < n && !alive; j++)
			alive = procs[j].pid == a->tags[i].pid && procs[j].start == a->tags[i].start;
		if (alive)
			a->tags[kept++] = a->tags[i];
	}
	a->ntags = kept;
}

static const struct verb_key keys[] = {
	{ { ' ', 0 }, "Space", "tag or untag the selected process (signals go to tagged ones)",
	  tag },
	{ { 'c', 0 }, "c", "tag the selected process and its children", tag_children },
	{ { 'U', 0 }, "U", "untag every process", untag_all },
};

const struct verb verb_tag = {
	.name = "tag", .keys = keys, .nkeys = ARRAY_LEN(keys), .scanned = prune,
};
