/* tree_int.h - the forest's insides, shared by tree.c (build, layout, selection,
 * collapse) and tree_order.c (sort, filter, search). Not for other modules. */
#ifndef FORKTOP_TREE_INT_H
#define FORKTOP_TREE_INT_H

#include "tree.h"

#define NONE ((size_t)-1)

struct key {
	int pid;
	size_t proc;
};

enum { UNSEEN, ONPATH, DONE };	/* cycle search state of a node */

struct node {
	int pid;
	unsigned long long start;
	size_t proc;			/* index into the procs array */
	size_t parent, child, next;	/* filtered forest; NONE when absent */
	size_t desc;			/* descendants in the view */
	size_t row;			/* visible row; NONE when hidden or out of view */
	int depth;			/* in the forest, also in list mode */
	bool kept;			/* passes the kernel thread filter */
	bool inview;			/* under the root filter */
	bool last;			/* last among its siblings in the view */
	bool collapsed;			/* in the collapse set */
	bool hit;			/* matches the filter, or leads to a match */
	unsigned char mark;
};

struct row {
	struct tree_row pub;
	size_t node;
};

struct tree {
	enum tree_mode mode;
	bool show_kthreads;
	int root_pid;
	unsigned long long root_start;	/* 0: whichever process has root_pid */
	char *filter;			/* F4: only processes whose command holds it, or NULL */
	long user;			/* u: only this uid's processes, or -1 */
	enum column_id sort;		/* siblings (tree) or rows (list) in this order */
	bool descending;
	size_t *order;			/* nodes by the sort key when it is not the pid */
	size_t order_cap;

	/* The last build's input: the caller keeps it valid until the next build. */
	const struct proc *procs;
	size_t nin;

	/* Arrays only grow, so a rebuild every refresh allocates nothing once warm. */
	struct key *keys;
	size_t keys_cap;
	struct node *nodes;
	size_t nnodes, nodes_cap;
	size_t first_root;
	size_t *pre;			/* nodes in view, depth-first pre-order */
	size_t npre, pre_cap;
	struct row *rows;
	size_t nrows, rows_cap;
	struct ident *cset;		/* collapsed processes, sorted by pid, start */
	size_t ncset, cset_cap;

	/* The selection is a process; sel_row only serves as the fallback position. */
	bool has_sel, has_sel_parent;
	struct ident sel, sel_parent;
	size_t sel_row;
};

/* Builds again from the procs of the last build (tree.c). */
void tree_rebuild(tree_t *t);
/* tree_order.c: the nodes in display order (the sort), and the filter. */
void tree_sort_nodes(tree_t *t);
size_t tree_order_at(const tree_t *t, size_t i);
void tree_apply_filter(tree_t *t);

#endif
