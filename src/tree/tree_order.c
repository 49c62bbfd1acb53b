/* tree_order.c - the order and the choice of the forest's rows: sort (F6, N P M T, I),
 * filter (F4) and search (F3). Pure: no curses, no /proc. */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

#include "tree_int.h"
#include "util.h"

/* By the sort column (the column table's comparison: a number or text); ties go by pid
 * (nodes are in pid order). */
static const tree_t *sort_tree;

static int order_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const tree_t *t = sort_tree;
	int r = column_compare(t->sort, &t->procs[t->nodes[x].proc],
			       &t->procs[t->nodes[y].proc]);
	if (r)
		return t->descending ? -r : r;
	return (x > y) - (x < y);	/* then by pid, ascending */
}

/* The nodes in display order: by pid (their own order), or by the sort key. */
size_t tree_order_at(const tree_t *t, size_t i)
{
	return t->sort == COLUMN_PID && !t->descending ? i :
	       t->sort == COLUMN_PID ? t->nnodes - 1 - i : t->order[i];
}

void tree_sort_nodes(tree_t *t)
{
	if (t->sort == COLUMN_PID)
		return;
	t->order = xgrow(t->order, &t->order_cap, t->nnodes, sizeof(*t->order));
	for (size_t i = 0; i < t->nnodes; i++)
		t->order[i] = i;
	sort_tree = t;
	qsort(t->order, t->nnodes, sizeof(*t->order), order_cmp);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive (ASCII) substring search in raw bytes. */
static bool holds(const char *hay, size_t len, const char *needle, size_t nlen)
{
	if (nlen == 0)
		return true;
	for (size_t i = 0; i + nlen <= len; i++) {
		size_t k = 0;
		while (k < nlen && lower(hay[i + k]) == lower(needle[k]))
			k++;
		if (k == nlen)
			return true;
	}
	return false;
}

bool tree_proc_matches(const struct proc *p, const char *needle)
{
	size_t nlen = strlen(needle);
	return (p->comm && holds(p->comm, strlen(p->comm), needle, nlen)) ||
	       (p->cmdline && holds(p->cmdline, p->cmdline_len, needle, nlen));
}

/* Whether a process passes the text filter (F4) and the user filter (u). */
static bool passes(const tree_t *t, const struct proc *p)
{
	return (!t->filter || tree_proc_matches(p, t->filter)) &&
	       (t->user < 0 || (long)p->uid == t->user);
}

/* A user thread's row (H) passes by its own name or as its process does: filtering on a
 * program's name keeps its threads, as htop's rows of threads show the process's command. */
static bool node_passes(const tree_t *t, const struct node *nd)
{
	const struct proc *p = &t->procs[nd->proc];
	return passes(t, p) || (p->thread && nd->parent != NONE &&
				passes(t, &t->procs[t->nodes[nd->parent].proc]));
}

/* The filter keeps the processes that match and, in tree mode, the ancestors that lead to
 * them (htop's filtered tree); the others are left out like hidden kernel threads. Walks
 * up from each match and stops at the first node already kept, so O(n); the parent links
 * are cycle-free by now. */
void tree_apply_filter(tree_t *t)
{
	if (!t->filter && t->user < 0)
		return;
	for (size_t i = 0; i < t->nnodes; i++)
		t->nodes[i].hit = false;
	for (size_t i = 0; i < t->nnodes; i++) {
		if (!t->nodes[i].kept || !node_passes(t, &t->nodes[i]))
			continue;
		for (size_t x = i; x != NONE && !t->nodes[x].hit; x = t->nodes[x].parent) {
			t->nodes[x].hit = true;
			if (t->mode == TREE_MODE_LIST)
				break;	/* the list shows the matches alone */
		}
	}
	for (size_t i = 0; i < t->nnodes; i++) {
		struct node *nd = &t->nodes[i];
		nd->kept = nd->kept && nd->hit;
		if (nd->parent != NONE && !t->nodes[nd->parent].hit)
			nd->parent = NONE;
	}
}

void tree_set_sort(tree_t *t, enum column_id key, bool descending)
{
	if (!column_sortable(key))
		key = COLUMN_PID;
	if (t->sort == key && t->descending == descending)
		return;
	t->sort = key;
	t->descending = descending;
	tree_rebuild(t);
}

enum column_id tree_sort_key(const tree_t *t, bool *descending)
{
	if (descending)
		*descending = t->descending;
	return t->sort;
}

void tree_set_filter(tree_t *t, const char *needle)
{
	if (needle && !*needle)
		needle = NULL;
	if (!needle && !t->filter)
		return;
	if (needle && t->filter && strcmp(needle, t->filter) == 0)
		return;
	free(t->filter);
	t->filter = needle ? xstrdup(needle) : NULL;
	tree_rebuild(t);
}

const char *tree_filter(const tree_t *t)
{
	return t->filter;
}

void tree_set_user(tree_t *t, long uid)
{
	if (uid < 0)
		uid = -1;
	if (t->user == uid)
		return;
	t->user = uid;
	tree_rebuild(t);
}

long tree_user(const tree_t *t)
{
	return t->user;
}

size_t tree_search(const tree_t *t, size_t from, const char *needle)
{
	if (!needle || !*needle)
		return NONE;
	for (size_t k = 0; k < t->nrows; k++) {
		size_t r = (from + k) % t->nrows;
		if (tree_proc_matches(&t->procs[t->rows[r].pub.proc], needle))
			return r;
	}
	return NONE;
}
