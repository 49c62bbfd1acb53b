/* tree.c - the process forest: built iteratively from a snapshot, with collapse state and
 * the selection kept by process identity (pid + start) across rebuilds.
 *
 * Every distinct pid of the snapshot is a node; nodes are kept sorted by pid, so a pid is
 * found by binary search. The forest is linked by first-child/next-sibling indices, walked
 * in pre-order without a stack (climbing back by parent), and the visible rows are cut
 * from that pre-order by skipping each collapsed node's descendant count. */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

#include "tree_int.h"
#include "util.h"

tree_t *tree_new(void)
{
	tree_t *t = xcalloc(1, sizeof(*t));

	t->mode = TREE_MODE_TREE;
	t->first_root = NONE;
	t->user = -1;
	return t;
}

void tree_free(tree_t *t)
{
	if (!t)
		return;
	free(t->keys);
	free(t->nodes);
	free(t->pre);
	free(t->rows);
	free(t->cset);
	free(t->filter);
	free(t->order);
	free(t);
}

static struct ident ident_of(const struct node *nd)
{
	return (struct ident){ .pid = nd->pid, .start = nd->start };
}

static int ident_cmp(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Ties keep input order, so the first of duplicate pids sorts first and wins. */
static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->proc > y->proc) - (x->proc < y->proc);
}

static size_t find_node(const tree_t *t, int pid)
{
	size_t lo = 0, hi = t->nnodes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->nodes[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->nnodes && t->nodes[lo].pid == pid ? lo : NONE;
}

/* /proc is usually listed in pid order: then the sort is skipped. */
static void load_keys(tree_t *t)
{
	bool sorted = true;

	t->keys = xgrow(t->keys, &t->keys_cap, t->nin, sizeof(*t->keys));
	for (size_t i = 0; i < t->nin; i++) {
		t->keys[i].pid = t->procs[i].pid;
		t->keys[i].proc = i;
		if (i && t->procs[i].pid < t->procs[i - 1].pid)
			sorted = false;
	}
	if (!sorted)
		qsort(t->keys, t->nin, sizeof(*t->keys), key_cmp);
}

/* One node per distinct pid: a racy scan may list a pid twice, the first one wins. */
static void load_nodes(tree_t *t)
{
	t->nodes = xgrow(t->nodes, &t->nodes_cap, t->nin, sizeof(*t->nodes));
	t->nnodes = 0;
	for (size_t i = 0; i < t->nin; i++) {
		const struct proc *p = &t->procs[t->keys[i].proc];

		if (t->nnodes && t->nodes[t->nnodes - 1].pid == p->pid)
			continue;
		t->nodes[t->nnodes++] = (struct node){
			.pid = p->pid,
			.start = p->start,
			.proc = t->keys[i].proc,
			.parent = NONE,
			.child = NONE,
			.next = NONE,
			.row = NONE,
			.kept = t->show_kthreads || !p->kthread,
		};
	}
}

/* A parent that is absent or filtered out makes the process a root. */
static void link_parents(tree_t *t)
{
	for (size_t i = 0; i < t->nnodes; i++) {
		struct node *nd = &t->nodes[i];
		int ppid = t->procs[nd->proc].ppid;
		size_t p;

		if (!nd->kept || ppid <= 0 || ppid == nd->pid)
			continue;
		p = find_node(t, ppid);
		if (p != NONE && t->nodes[p].kept)
			nd->parent = p;
	}
}

/* Cuts the cycle through x at its lowest pid (nodes are in pid order), which becomes a
 * root: everything still appears exactly once, and the choice is stable. */
static void cut_cycle(tree_t *t, size_t x)
{
	size_t low = x, y = x;

	do {
		t->nodes[y].mark = DONE;
		if (y < low)
			low = y;
		y = t->nodes[y].parent;
	} while (y != x);
	t->nodes[low].parent = NONE;
}

/* A racy scan can show a->b and b->a. Walk up from each node marking the path; meeting
 * the path again is a cycle. Each node is walked over once, so O(n). */
static void break_cycles(tree_t *t)
{
	for (size_t i = 0; i < t->nnodes; i++) {
		size_t x = i;

		while (x != NONE && t->nodes[x].mark == UNSEEN) {
			t->nodes[x].mark = ONPATH;
			x = t->nodes[x].parent;
		}
		if (x != NONE && t->nodes[x].mark == ONPATH)
			cut_cycle(t, x);
		for (x = i; x != NONE && t->nodes[x].mark == ONPATH; x = t->nodes[x].parent)
			t->nodes[x].mark = DONE;
	}
}

/* Pushing in front while walking the display order backwards leaves every sibling list
 * in that order (pid order unless sorted otherwise). The processes are pushed first,
 * then the user threads (H): a process's threads come before its child processes. */
static void link_children(tree_t *t)
{
	tree_sort_nodes(t);
	t->first_root = NONE;
	for (int threads = 0; threads < 2; threads++) {
		for (size_t k = t->nnodes; k-- > 0;) {
			size_t i = tree_order_at(t, k);
			struct node *nd = &t->nodes[i];
			size_t *head;

			if (!nd->kept || t->procs[nd->proc].thread != threads)
				continue;
			head = nd->parent == NONE ? &t->first_root : &t->nodes[nd->parent].child;
			nd->next = *head;
			*head = i;
		}
	}
}

static void visit(tree_t *t, size_t x, size_t top)
{
	struct node *nd = &t->nodes[x];

	nd->inview = true;
	nd->depth = x == top ? 0 : t->nodes[nd->parent].depth + 1;
	nd->last = nd->next == NONE;
	t->pre[t->npre++] = x;
}

/* Pre-order walk of one subtree along the links, climbing back by parent: no stack, and
 * each edge is climbed once. */
static void walk_subtree(tree_t *t, size_t top)
{
	size_t x = top;

	for (;;) {
		visit(t, x, top);
		if (t->nodes[x].child != NONE) {
			x = t->nodes[x].child;
			continue;
		}
		while (x != top && t->nodes[x].next == NONE)
			x = t->nodes[x].parent;
		if (x == top)
			return;
		x = t->nodes[x].next;
	}
}

static void walk(tree_t *t)
{
	size_t r;

	t->pre = xgrow(t->pre, &t->pre_cap, t->nnodes, sizeof(*t->pre));
	t->npre = 0;
	if (!t->root_pid) {
		for (r = t->first_root; r != NONE; r = t->nodes[r].next)
			walk_subtree(t, r);
		return;
	}
	r = find_node(t, t->root_pid);
	if (r != NONE && t->nodes[r].kept &&
	    (!t->root_start || t->nodes[r].start == t->root_start)) {
		walk_subtree(t, r);
		t->nodes[r].last = true;	/* the only root shown */
	}
}

/* Children come after their parent in pre-order, so one backward pass sums subtrees. */
static void count_desc(tree_t *t)
{
	for (size_t i = t->npre; i-- > 0;) {
		const struct node *nd = &t->nodes[t->pre[i]];

		if (nd->depth > 0)
			t->nodes[nd->parent].desc += nd->desc + 1;
	}
}

/* Collapse state survives only for processes still in the snapshot (even if filtered
 * out); a pid reused by a new process does not inherit it. */
static void apply_cset(tree_t *t)
{
	size_t k = 0;

	for (size_t i = 0; i < t->ncset; i++) {
		size_t x = find_node(t, t->cset[i].pid);

		if (x == NONE || t->nodes[x].start != t->cset[i].start)
			continue;
		t->nodes[x].collapsed = true;
		t->cset[k++] = t->cset[i];
	}
	t->ncset = k;
}

static void add_row(tree_t *t, size_t x)
{
	struct node *nd = &t->nodes[x];
	struct row *r = &t->rows[t->nrows];
	bool tree = t->mode == TREE_MODE_TREE;

	r->node = x;
	r->pub.proc = nd->proc;
	r->pub.depth = tree ? nd->depth : 0;
	r->pub.has_children = nd->child != NONE;
	r->pub.collapsed = tree && nd->collapsed && nd->child != NONE;
	r->pub.last = tree && nd->last;
	r->pub.hidden = r->pub.collapsed ? nd->desc : 0;
	nd->row = t->nrows++;
}

static void layout_tree(tree_t *t)
{
	for (size_t i = 0; i < t->npre;) {
		size_t x = t->pre[i];

		add_row(t, x);
		i += t->rows[t->nrows - 1].pub.collapsed ? t->nodes[x].desc + 1 : 1;
	}
}

/* Nodes are in pid order already; order_at gives the sorted order. */
static void layout_list(tree_t *t)
{
	for (size_t k = 0; k < t->nnodes; k++) {
		size_t x = tree_order_at(t, k);
		if (t->nodes[x].inview)
			add_row(t, x);
	}
	if (t->nrows)
		t->rows[t->nrows - 1].pub.last = true;
}

/* Visible row of a process, or of its nearest visible ancestor when a collapse hides it. */
static size_t locate(const tree_t *t, struct ident id)
{
	size_t x = find_node(t, id.pid);

	if (x == NONE || t->nodes[x].start != id.start || !t->nodes[x].inview)
		return NONE;
	while (t->nodes[x].row == NONE && t->nodes[x].depth > 0)
		x = t->nodes[x].parent;
	return t->nodes[x].row;
}

/* Also remembers the parent, the fallback should this process end. */
static void set_sel(tree_t *t, size_t row)
{
	const struct node *nd = &t->nodes[t->rows[row].node];

	t->sel_row = row;
	t->has_sel = true;
	t->sel = ident_of(nd);
	t->has_sel_parent = nd->depth > 0;
	if (t->has_sel_parent)
		t->sel_parent = ident_of(&t->nodes[nd->parent]);
}

/* After the rows change: the same process, else its parent, else the same position. */
static void fix_sel(tree_t *t)
{
	size_t r;

	if (!t->nrows) {
		t->sel_row = 0;
		return;
	}
	if (!t->has_sel) {
		set_sel(t, 0);
		return;
	}
	r = locate(t, t->sel);
	if (r == NONE && t->has_sel_parent)
		r = locate(t, t->sel_parent);
	if (r == NONE)
		r = t->sel_row < t->nrows ? t->sel_row : t->nrows - 1;
	set_sel(t, r);
}

static void relayout(tree_t *t)
{
	t->rows = xgrow(t->rows, &t->rows_cap, t->npre, sizeof(*t->rows));
	for (size_t i = 0; i < t->npre; i++)
		t->nodes[t->pre[i]].row = NONE;
	t->nrows = 0;
	if (t->mode == TREE_MODE_LIST)
		layout_list(t);
	else
		layout_tree(t);
	fix_sel(t);
}

void tree_rebuild(tree_t *t)
{
	load_keys(t);
	load_nodes(t);
	link_parents(t);
	break_cycles(t);
	tree_apply_filter(t);
	link_children(t);
	walk(t);
	count_desc(t);
	apply_cset(t);
	relayout(t);
}

void tree_build(tree_t *t, const struct proc *procs, size_t n)
{
	t->procs = procs;
	t->nin = procs ? n : 0;
	tree_rebuild(t);
}

void tree_set_mode(tree_t *t, enum tree_mode mode)
{
	if (t->mode == mode)
		return;
	t->mode = mode;
	if (t->filter || t->user >= 0)
		tree_rebuild(t);	/* the filters keep ancestors in tree mode only */
	else
		relayout(t);
}

enum tree_mode tree_mode(const tree_t *t)
{
	return t->mode;
}

void tree_set_show_kthreads(tree_t *t, bool show)
{
	if (t->show_kthreads == show)
		return;
	t->show_kthreads = show;
	tree_rebuild(t);
}

bool tree_show_kthreads(const tree_t *t)
{
	return t->show_kthreads;
}

void tree_set_root(tree_t *t, int pid, unsigned long long start)
{
	if (t->root_pid == pid && t->root_start == start)
		return;
	t->root_pid = pid;
	t->root_start = start;
	tree_rebuild(t);
}

bool tree_root_present(const tree_t *t)
{
	if (!t->root_pid)
		return true;
	size_t r = find_node(t, t->root_pid);
	return r != NONE && (!t->root_start || t->nodes[r].start == t->root_start);
}

size_t tree_nrows(const tree_t *t)
{
	return t->nrows;
}

const struct tree_row *tree_row(const tree_t *t, size_t i)
{
	return i < t->nrows ? &t->rows[i].pub : NULL;
}

size_t tree_nprocs(const tree_t *t)
{
	return t->npre;
}

size_t tree_find(const tree_t *t, int pid, unsigned long long start)
{
	size_t x = find_node(t, pid);

	if (x == NONE || t->nodes[x].start != start)
		return NONE;
	return t->nodes[x].row;
}

int tree_prefix(const tree_t *t, size_t i, bool *levels, int max)
{
	size_t x;
	int d;

	if (i >= t->nrows)
		return 0;
	x = t->rows[i].node;
	d = t->rows[i].pub.depth;
	for (int k = d - 1; k >= 0; k--) {
		if (k < max)
			levels[k] = !t->nodes[x].last;
		x = t->nodes[x].parent;
	}
	return d;
}

size_t tree_selected(const tree_t *t)
{
	return t->nrows ? t->sel_row : 0;
}

bool tree_selected_id(const tree_t *t, int *pid, unsigned long long *start)
{
	if (!t->nrows)
		return false;
	if (pid)
		*pid = t->sel.pid;
	if (start)
		*start = t->sel.start;
	return true;
}

void tree_select_row(tree_t *t, size_t row)
{
	if (!t->nrows)
		return;
	set_sel(t, row < t->nrows ? row : t->nrows - 1);
}

/* Absent processes leave the selection alone; hidden ones select the collapsed ancestor. */
void tree_select_id(tree_t *t, int pid, unsigned long long start)
{
	size_t r = locate(t, (struct ident){ .pid = pid, .start = start });

	if (r != NONE)
		set_sel(t, r);
}

void tree_move(tree_t *t, long delta)
{
	size_t r = t->sel_row, d;

	if (!t->nrows)
		return;
	if (delta < 0) {
		d = (size_t)(-(delta + 1)) + 1;	/* no overflow at LONG_MIN */
		r = d > r ? 0 : r - d;
	} else {
		d = (size_t)delta;
		r = d > t->nrows - 1 - r ? t->nrows - 1 : r + d;
	}
	set_sel(t, r);
}

static size_t cset_lower(const tree_t *t, struct ident id)
{
	size_t lo = 0, hi = t->ncset;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ident_cmp(&t->cset[mid], &id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void cset_add(tree_t *t, struct ident id)
{
	size_t i = cset_lower(t, id);

	if (i < t->ncset && !ident_cmp(&t->cset[i], &id))
		return;
	t->cset = xgrow(t->cset, &t->cset_cap, t->ncset + 1, sizeof(*t->cset));
	memmove(&t->cset[i + 1], &t->cset[i], (t->ncset - i) * sizeof(*t->cset));
	t->cset[i] = id;
	t->ncset++;
}

static void cset_del(tree_t *t, struct ident id)
{
	size_t i = cset_lower(t, id);

	if (i == t->ncset || ident_cmp(&t->cset[i], &id))
		return;
	t->ncset--;
	if (i < t->ncset)
		memmove(&t->cset[i], &t->cset[i + 1], (t->ncset - i) * sizeof(*t->cset));
}

/* Collapse acts on rows of the tree; list mode shows no collapse, so leaves it alone. */
static struct node *row_node(tree_t *t, size_t row)
{
	if (row >= t->nrows || t->mode != TREE_MODE_TREE)
		return NULL;
	return &t->nodes[t->rows[row].node];
}

void tree_collapse(tree_t *t, size_t row)
{
	struct node *nd = row_node(t, row);

	if (!nd || nd->child == NONE || nd->collapsed)
		return;
	nd->collapsed = true;
	cset_add(t, ident_of(nd));
	relayout(t);
}

void tree_expand(tree_t *t, size_t row)
{
	struct node *nd = row_node(t, row);

	if (!nd || !nd->collapsed)
		return;
	nd->collapsed = false;
	cset_del(t, ident_of(nd));
	relayout(t);
}

void tree_toggle(tree_t *t, size_t row)
{
	struct node *nd = row_node(t, row);

	if (nd && nd->collapsed)
		tree_expand(t, row);
	else
		tree_collapse(t, row);
}

void tree_expand_all(tree_t *t)
{
	if (t->mode != TREE_MODE_TREE)
		return;
	for (size_t i = 0; i < t->nnodes; i++)
		t->nodes[i].collapsed = false;
	t->ncset = 0;
	relayout(t);
}

/* Appends every parent not yet collapsed, then sorts once: O(n log n), not O(n^2). */
void tree_collapse_all(tree_t *t)
{
	if (t->mode != TREE_MODE_TREE)
		return;
	for (size_t i = 0; i < t->npre; i++) {
		struct node *nd = &t->nodes[t->pre[i]];

		if (nd->child == NONE || nd->collapsed)
			continue;
		nd->collapsed = true;
		t->cset = xgrow(t->cset, &t->cset_cap, t->ncset + 1, sizeof(*t->cset));
		t->cset[t->ncset++] = ident_of(nd);
	}
	if (t->ncset > 1)
		qsort(t->cset, t->ncset, sizeof(*t->cset), ident_cmp);
	relayout(t);
}
