/* test_tree.c - the process forest: shape, connectors, collapse, selection, filters, and
 * the hostile inputs a racy /proc scan can give (duplicates, cycles, huge and deep trees). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "unit.h"
#include "util.h"

#define NOROW ((size_t)-1)

#define PROC(pid_, ppid_, start_, kthread_) { \
	.pid = (pid_), .ppid = (ppid_), .start = (start_), .state = 'S', \
	.kthread = (kthread_), .threads = 1, .comm = "p", .cmdline = "" }

/* Initializers; start times derive from the pid unless a test reuses a pid. */
#define P(pid, ppid) PROC(pid, ppid, 1000 + (pid), false)
#define PS(pid, ppid, start) PROC(pid, ppid, start, false)
#define PK(pid, ppid) PROC(pid, ppid, 1000 + (pid), true)
#define BUILD(t, a) tree_build((t), (a), ARRAY_LEN(a))

static int row_pid(const tree_t *t, const struct proc *p, size_t i)
{
	return p[tree_row(t, i)->proc].pid;
}

/* Rows as "pid" with one '.' per depth level and "[+hidden]" when collapsed. */
static const char *shape(const tree_t *t, const struct proc *p)
{
	static char buf[8192];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < tree_nrows(t) && len < sizeof(buf) - 64; i++) {
		const struct tree_row *r = tree_row(t, i);

		len += snprintf(buf + len, sizeof(buf) - len, "%s%.*s%d", i ? " " : "",
				r->depth, "................", p[r->proc].pid);
		if (r->collapsed)
			len += snprintf(buf + len, sizeof(buf) - len, "[+%zu]", r->hidden);
	}
	return buf;
}

/* Draws the rows exactly as the UI does from tree_prefix. */
static const char *draw(const tree_t *t, const struct proc *p)
{
	static char buf[8192];
	size_t len = 0;
	bool lv[32];

	buf[0] = '\0';
	for (size_t i = 0; i < tree_nrows(t); i++) {
		int d = tree_prefix(t, i, lv, 32);

		for (int k = 0; k < d - 1; k++)
			len += snprintf(buf + len, sizeof(buf) - len, "%s", lv[k] ? "│  " : "   ");
		if (d > 0)
			len += snprintf(buf + len, sizeof(buf) - len, "%s", lv[d - 1] ? "├─ " : "└─ ");
		len += snprintf(buf + len, sizeof(buf) - len, "%d\n", row_pid(t, p, i));
	}
	return buf;
}

/* Selected pid, or -1 when nothing is selected. */
static int sel(const tree_t *t)
{
	int pid;

	return tree_selected_id(t, &pid, NULL) ? pid : -1;
}

static void select_pid(tree_t *t, int pid)
{
	tree_select_id(t, pid, 1000 + (unsigned long long)pid);
	ck_assert_int_eq(sel(t), pid);
}

/* 1 ├ 2 (├ 4, └ 5) └ 3 (└ 6), given out of order. */
static const struct proc small[] = {
	P(5, 2), P(3, 1), P(6, 3), P(1, 0), P(4, 2), P(2, 1),
};

START_TEST(test_empty)
{
	tree_t *t = tree_new();
	struct proc none[1] = { P(1, 0) };

	for (int pass = 0; pass < 3; pass++) {
		if (pass)
			tree_build(t, pass == 1 ? NULL : none, 0);
		ck_assert_uint_eq(tree_nrows(t), 0);
		ck_assert_uint_eq(tree_nprocs(t), 0);
		ck_assert_uint_eq(tree_selected(t), 0);
		ck_assert(!tree_selected_id(t, NULL, NULL));
		ck_assert_ptr_null(tree_row(t, 0));
		ck_assert_uint_eq(tree_find(t, 1, 1001), NOROW);
		ck_assert_int_eq(tree_prefix(t, 0, NULL, 0), 0);
		tree_move(t, 5);
		tree_select_row(t, 3);
		tree_toggle(t, 0);
		tree_collapse_all(t);
		tree_expand_all(t);
		tree_set_mode(t, pass == 1 ? TREE_MODE_LIST : TREE_MODE_TREE);
		ck_assert_uint_eq(tree_selected(t), 0);
	}
	tree_free(t);
	tree_free(NULL);
}
END_TEST

START_TEST(test_roots_when_parent_absent)
{
	/* absent parent, ppid 0, ppid == pid: all roots, ordered by pid */
	static const struct proc p[] = { P(12, 12), P(10, 5), P(13, 10), P(11, 0), P(14, -3) };
	tree_t *t = tree_new();

	BUILD(t, p);
	ck_assert_str_eq(shape(t, p), "10 .13 11 12 14");
	ck_assert_uint_eq(tree_nprocs(t), 5);
	ck_assert(!tree_row(t, 0)->last);
	ck_assert(tree_row(t, 4)->last);
	ck_assert(tree_row(t, 0)->has_children);
	ck_assert(!tree_row(t, 2)->has_children);
	tree_free(t);
}
END_TEST

START_TEST(test_sibling_order_by_pid)
{
	static const struct proc a[] = { P(1, 0), P(40, 1), P(7, 1), P(300, 1), P(8, 7), P(2, 7) };
	static const struct proc b[] = { P(2, 7), P(300, 1), P(8, 7), P(7, 1), P(40, 1), P(1, 0) };
	tree_t *t = tree_new();

	BUILD(t, a);
	ck_assert_str_eq(shape(t, a), "1 .7 ..2 ..8 .40 .300");
	BUILD(t, b);
	ck_assert_str_eq(shape(t, b), "1 .7 ..2 ..8 .40 .300");
	/* row.proc indexes the array given to the build */
	ck_assert_uint_eq(tree_row(t, 0)->proc, 5);
	ck_assert_uint_eq(tree_row(t, 5)->proc, 1);
	tree_free(t);
}
END_TEST

START_TEST(test_depth_and_connectors)
{
	static const struct proc p[] = { P(1, 0), P(2, 1), P(3, 1), P(4, 2), P(5, 2),
					 P(6, 3), P(7, 0), P(8, 7) };
	tree_t *t = tree_new();
	bool lv[4];

	BUILD(t, p);
	ck_assert_str_eq(draw(t, p),
			 "1\n"
			 "├─ 2\n"
			 "│  ├─ 4\n"
			 "│  └─ 5\n"
			 "└─ 3\n"
			 "   └─ 6\n"
			 "7\n"
			 "└─ 8\n");
	ck_assert_int_eq(tree_prefix(t, 2, lv, 4), 2);	/* 4: 2 has a later sibling */
	ck_assert(lv[0] && lv[1]);
	ck_assert_int_eq(tree_prefix(t, 5, lv, 4), 2);	/* 6: under the last child */
	ck_assert(!lv[0] && !lv[1]);
	ck_assert_int_eq(tree_row(t, 2)->depth, 2);
	ck_assert(!tree_row(t, 2)->last && tree_row(t, 3)->last);
	ck_assert(!tree_row(t, 0)->last && tree_row(t, 6)->last);	/* roots */
	ck_assert_int_eq(tree_prefix(t, 0, lv, 4), 0);
	tree_free(t);
}
END_TEST

START_TEST(test_prefix_respects_max)
{
	static const struct proc p[] = { P(1, 0), P(2, 1), P(3, 2), P(4, 3), P(5, 1) };
	tree_t *t = tree_new();
	bool lv[4] = { false, false, false, false };

	BUILD(t, p);
	ck_assert_int_eq(tree_prefix(t, 3, lv, 1), 3);	/* depth reported in full */
	ck_assert(lv[0]);				/* 2 has the later sibling 5 */
	ck_assert(!lv[1] && !lv[2] && !lv[3]);		/* nothing past max written */
	ck_assert_int_eq(tree_prefix(t, 99, lv, 4), 0);
	tree_free(t);
}
END_TEST

START_TEST(test_collapse_hides_descendants)
{
	tree_t *t = tree_new();

	BUILD(t, small);
	ck_assert_str_eq(shape(t, small), "1 .2 ..4 ..5 .3 ..6");
	tree_collapse(t, 1);
	ck_assert_str_eq(shape(t, small), "1 .2[+2] .3 ..6");
	ck_assert(tree_row(t, 1)->collapsed && tree_row(t, 1)->has_children);
	ck_assert_uint_eq(tree_nprocs(t), 6);
	ck_assert_uint_eq(tree_find(t, 4, 1004), NOROW);
	ck_assert_uint_eq(tree_find(t, 6, 1006), 3);
	tree_collapse(t, 0);
	ck_assert_str_eq(shape(t, small), "1[+5]");
	ck_assert(tree_row(t, 0)->last);
	tree_free(t);
}
END_TEST

START_TEST(test_expand_restores)
{
	tree_t *t = tree_new();

	BUILD(t, small);
	tree_collapse(t, 1);
	tree_collapse(t, 0);
	tree_expand(t, 0);
	/* the inner collapse is remembered */
	ck_assert_str_eq(shape(t, small), "1 .2[+2] .3 ..6");
	tree_expand(t, 1);
	ck_assert_str_eq(shape(t, small), "1 .2 ..4 ..5 .3 ..6");
	ck_assert_uint_eq(tree_find(t, 5, 1005), 3);
	tree_expand(t, 2);	/* not collapsed: no-op */
	ck_assert_str_eq(shape(t, small), "1 .2 ..4 ..5 .3 ..6");
	tree_free(t);
}
END_TEST

START_TEST(test_toggle_and_leaf)
{
	tree_t *t = tree_new();

	BUILD(t, small);
	tree_toggle(t, 4);
	ck_assert_str_eq(shape(t, small), "1 .2 ..4 ..5 .3[+1]");
	tree_toggle(t, 4);
	ck_assert_str_eq(shape(t, small), "1 .2 ..4 ..5 .3 ..6");
	tree_collapse(t, 2);	/* a leaf: nothing to hide */
	tree_toggle(t, 3);
	ck_assert_str_eq(shape(t, small), "1 .2 ..4 ..5 .3 ..6");
	ck_assert(!tree_row(t, 2)->collapsed);
	ck_assert_uint_eq(tree_row(t, 2)->hidden, 0);
	tree_collapse(t, 42);	/* out of range */
	ck_assert_uint_eq(tree_nrows(t), 6);
	tree_free(t);
}
END_TEST

START_TEST(test_collapse_all_expand_all)
{
	static const struct proc p[] = { P(1, 0), P(2, 1), P(3, 2), P(4, 1), P(9, 0), P(10, 0),
					 P(11, 10) };
	tree_t *t = tree_new();

	BUILD(t, p);
	tree_collapse_all(t);
	ck_assert_str_eq(shape(t, p), "1[+3] 9 10[+1]");
	tree_expand(t, 0);
	/* inner parents were collapsed too */
	ck_assert_str_eq(shape(t, p), "1 .2[+1] .4 9 10[+1]");
	tree_expand_all(t);
	ck_assert_str_eq(shape(t, p), "1 .2 ..3 .4 9 10 .11");
	BUILD(t, p);	/* and it stays expanded */
	ck_assert_str_eq(shape(t, p), "1 .2 ..3 .4 9 10 .11");
	tree_free(t);
}
END_TEST

START_TEST(test_collapse_persists_across_builds)
{
	tree_t *t = tree_new();
	struct proc *a = xmalloc(sizeof(small));
	struct proc *b = xmalloc(sizeof(small) + sizeof(struct proc));

	memcpy(a, small, sizeof(small));
	tree_build(t, a, ARRAY_LEN(small));
	tree_collapse(t, 1);
	/* the scanner reallocates: a new array, and 2 has a new child */
	memcpy(b, small, sizeof(small));
	b[ARRAY_LEN(small)] = (struct proc)P(7, 2);
	free(a);
	tree_build(t, b, ARRAY_LEN(small) + 1);
	ck_assert_str_eq(shape(t, b), "1 .2[+3] .3 ..6");
	free(b);
	tree_free(t);
}
END_TEST

START_TEST(test_collapse_dropped_when_process_ends)
{
	static const struct proc without2[] = { P(1, 0), P(4, 2), P(5, 2) };
	tree_t *t = tree_new();

	BUILD(t, small);
	tree_collapse(t, 1);
	BUILD(t, without2);
	ck_assert_str_eq(shape(t, without2), "1 4 5");
	/* the set forgot it (an identity cannot really come back; this shows the drop) */
	BUILD(t, small);
	ck_assert_str_eq(shape(t, small), "1 .2 ..4 ..5 .3 ..6");
	tree_free(t);
}
END_TEST

START_TEST(test_collapse_not_inherited_by_reused_pid)
{
	static const struct proc a[] = { P(1, 0), PS(2, 1, 20), P(3, 2) };
	static const struct proc b[] = { P(1, 0), PS(2, 1, 21), P(3, 2) };
	tree_t *t = tree_new();

	BUILD(t, a);
	tree_collapse(t, 1);
	ck_assert_str_eq(shape(t, a), "1 .2[+1]");
	BUILD(t, b);
	ck_assert_str_eq(shape(t, b), "1 .2 ..3");
	BUILD(t, a);	/* nor does the old process get it back after the pid was reused */
	ck_assert_str_eq(shape(t, a), "1 .2 ..3");
	tree_free(t);
}
END_TEST

START_TEST(test_selection_follows_process)
{
	static const struct proc a[] = { P(1, 0), P(2, 1), P(5, 1), P(9, 1) };
	static const struct proc b[] = { P(1, 0), P(2, 1), P(3, 1), P(4, 1), P(5, 1), P(9, 1) };
	static const struct proc c[] = { P(9, 1), P(1, 0) };
	tree_t *t = tree_new();

	BUILD(t, a);
	ck_assert_int_eq(sel(t), 1);	/* first row by default */
	tree_select_row(t, 3);
	ck_assert_int_eq(sel(t), 9);
	BUILD(t, b);
	ck_assert_int_eq(sel(t), 9);
	ck_assert_uint_eq(tree_selected(t), 5);
	BUILD(t, c);
	ck_assert_int_eq(sel(t), 9);
	ck_assert_uint_eq(tree_selected(t), 1);
	tree_free(t);
}
END_TEST

START_TEST(test_selection_to_parent_when_process_ends)
{
	static const struct proc a[] = { P(1, 0), P(2, 1), P(3, 2), P(4, 2), P(5, 1) };
	static const struct proc b[] = { P(1, 0), P(2, 1), P(3, 2), P(5, 1) };
	tree_t *t = tree_new();

	BUILD(t, a);
	select_pid(t, 4);
	BUILD(t, b);
	ck_assert_int_eq(sel(t), 2);
	ck_assert_uint_eq(tree_selected(t), 1);
	tree_free(t);
}
END_TEST

START_TEST(test_selection_to_nearest_when_parent_gone)
{
	static const struct proc a[] = { P(1, 0), P(2, 1), P(3, 2), P(4, 2), P(10, 0),
					 P(11, 0), P(12, 0) };
	static const struct proc b[] = { P(1, 0), P(5, 1), P(10, 0), P(11, 0), P(12, 0) };
	static const struct proc c[] = { P(1, 0), P(5, 1) };
	tree_t *t = tree_new();

	BUILD(t, a);
	select_pid(t, 4);	/* row 3 */
	BUILD(t, b);
	ck_assert_uint_eq(tree_selected(t), 3);
	ck_assert_int_eq(sel(t), 11);
	select_pid(t, 12);
	BUILD(t, c);		/* same position, clamped to the last row */
	ck_assert_uint_eq(tree_selected(t), 1);
	ck_assert_int_eq(sel(t), 5);
	tree_free(t);
}
END_TEST

START_TEST(test_selection_on_collapse)
{
	static const struct proc p[] = { P(1, 0), P(2, 1), P(3, 2), P(4, 3), P(5, 1), P(6, 1),
					 P(7, 1) };
	tree_t *t = tree_new();

	BUILD(t, p);
	select_pid(t, 4);
	tree_collapse(t, 1);	/* hides a grandchild: the collapsed 2 is selected */
	ck_assert_str_eq(shape(t, p), "1 .2[+2] .5 .6 .7");
	ck_assert_int_eq(sel(t), 2);
	ck_assert_uint_eq(tree_selected(t), 1);
	BUILD(t, small);
	select_pid(t, 6);
	tree_collapse(t, 1);	/* above it: the selection stays on 6 */
	ck_assert_int_eq(sel(t), 6);
	ck_assert_uint_eq(tree_selected(t), 3);
	tree_expand(t, 1);
	select_pid(t, 5);
	tree_collapse(t, 0);	/* hides it: the collapsed ancestor is selected */
	ck_assert_int_eq(sel(t), 1);
	ck_assert_uint_eq(tree_selected(t), 0);
	tree_expand(t, 0);
	ck_assert_int_eq(sel(t), 1);
	tree_free(t);
}
END_TEST

START_TEST(test_selection_hidden_after_rebuild)
{
	static const struct proc a[] = { P(1, 0), P(2, 1), P(3, 2), P(9, 50), P(10, 0),
					 P(11, 0) };
	static const struct proc b[] = { P(1, 0), P(2, 1), P(3, 2), P(9, 3), P(10, 0),
					 P(11, 0) };
	tree_t *t = tree_new();

	BUILD(t, a);
	tree_collapse(t, 1);
	select_pid(t, 9);
	/* 9 was reparented under the collapsed 2 */
	BUILD(t, b);
	ck_assert_str_eq(shape(t, b), "1 .2[+2] 10 11");
	ck_assert_int_eq(sel(t), 2);
	ck_assert_uint_eq(tree_selected(t), 1);
	tree_free(t);
}
END_TEST

START_TEST(test_selection_not_kept_on_reused_pid)
{
	static const struct proc a[] = { P(1, 0), P(2, 1), PS(7, 2, 70), P(8, 2) };
	static const struct proc b[] = { P(1, 0), P(2, 1), PS(7, 2, 99), P(8, 2) };
	tree_t *t = tree_new();
	unsigned long long start;

	BUILD(t, a);
	tree_select_id(t, 7, 70);
	BUILD(t, b);
	ck_assert_int_eq(sel(t), 2);	/* 7 ended; the new 7 is another process */
	ck_assert(tree_selected_id(t, NULL, &start));
	ck_assert_uint_eq(start, 1002);
	ck_assert_uint_eq(tree_find(t, 7, 70), NOROW);
	ck_assert_uint_eq(tree_find(t, 7, 99), 2);
	tree_select_id(t, 7, 70);	/* gone: no change */
	ck_assert_int_eq(sel(t), 2);
	tree_free(t);
}
END_TEST

START_TEST(test_move_and_select_clamp)
{
	tree_t *t = tree_new();

	BUILD(t, small);
	tree_move(t, 2);
	ck_assert_uint_eq(tree_selected(t), 2);
	tree_move(t, 100);
	ck_assert_uint_eq(tree_selected(t), 5);
	tree_move(t, -1);
	ck_assert_uint_eq(tree_selected(t), 4);
	tree_move(t, -100);
	ck_assert_uint_eq(tree_selected(t), 0);
	tree_move(t, LONG_MAX);
	ck_assert_uint_eq(tree_selected(t), 5);
	tree_move(t, LONG_MIN);
	ck_assert_uint_eq(tree_selected(t), 0);
	tree_select_row(t, 99);
	ck_assert_uint_eq(tree_selected(t), 5);
	ck_assert_int_eq(sel(t), 6);
	tree_free(t);
}
END_TEST

START_TEST(test_select_id_and_find)
{
	tree_t *t = tree_new();

	BUILD(t, small);
	tree_select_id(t, 5, 1005);
	ck_assert_uint_eq(tree_selected(t), 3);
	ck_assert_uint_eq(tree_find(t, 5, 1005), 3);
	ck_assert_uint_eq(tree_find(t, 5, 1), NOROW);	/* other start: other process */
	ck_assert_uint_eq(tree_find(t, 77, 1077), NOROW);
	tree_collapse(t, 1);
	tree_select_id(t, 4, 1004);	/* hidden: its collapsed ancestor */
	ck_assert_int_eq(sel(t), 2);
	tree_select_id(t, 77, 1077);	/* absent: no change */
	ck_assert_int_eq(sel(t), 2);
	tree_free(t);
}
END_TEST

START_TEST(test_list_mode)
{
	tree_t *t = tree_new();
	bool lv[4];

	BUILD(t, small);
	tree_collapse(t, 1);
	select_pid(t, 3);
	tree_set_mode(t, TREE_MODE_LIST);
	ck_assert_int_eq(tree_mode(t), TREE_MODE_LIST);
	/* sorted by pid, flat, the collapse has no effect */
	ck_assert_str_eq(shape(t, small), "1 2 3 4 5 6");
	ck_assert_int_eq(sel(t), 3);
	ck_assert_uint_eq(tree_selected(t), 2);
	ck_assert(!tree_row(t, 4)->last && tree_row(t, 5)->last);
	ck_assert_int_eq(tree_prefix(t, 3, lv, 4), 0);
	tree_collapse_all(t);	/* nothing to collapse in a list */
	ck_assert_uint_eq(tree_nrows(t), 6);
	tree_set_root(t, 2, 0);
	ck_assert_str_eq(shape(t, small), "2 4 5");
	ck_assert_int_eq(sel(t), 5);	/* 3 left the view: same position */
	tree_set_root(t, 0, 0);
	tree_set_mode(t, TREE_MODE_TREE);
	ck_assert_str_eq(shape(t, small), "1 .2[+2] .3 ..6");
	ck_assert_int_eq(sel(t), 2);	/* 5 is hidden under the collapsed 2 */
	tree_free(t);
}
END_TEST

START_TEST(test_kthreads)
{
	static const struct proc p[] = { P(1, 0), PK(2, 0), PK(3, 2), P(4, 1), PK(9, 2) };
	tree_t *t = tree_new();

	BUILD(t, p);
	ck_assert(!tree_show_kthreads(t));
	ck_assert_str_eq(shape(t, p), "1 .4");
	ck_assert_uint_eq(tree_nprocs(t), 2);
	ck_assert_uint_eq(tree_find(t, 3, 1003), NOROW);
	tree_set_show_kthreads(t, true);	/* at once, no new scan needed */
	ck_assert(tree_show_kthreads(t));
	ck_assert_str_eq(shape(t, p), "1 .4 2 .3 .9");
	ck_assert_uint_eq(tree_nprocs(t), 5);
	tree_collapse(t, 2);
	tree_set_show_kthreads(t, false);
	ck_assert_str_eq(shape(t, p), "1 .4");
	tree_set_show_kthreads(t, true);	/* the collapse survived the filter */
	ck_assert_str_eq(shape(t, p), "1 .4 2[+2]");
	tree_free(t);
}
END_TEST

START_TEST(test_set_root)
{
	static const struct proc p[] = { P(1, 0), P(2, 1), P(3, 2), P(4, 1), P(5, 4), P(6, 0),
					 PK(7, 0) };
	tree_t *t = tree_new();
	bool lv[2];

	BUILD(t, p);
	tree_set_root(t, 2, 0);
	ck_assert_str_eq(shape(t, p), "2 .3");
	ck_assert(tree_row(t, 0)->last);	/* the only root, though 4 follows it */
	ck_assert_int_eq(tree_prefix(t, 1, lv, 2), 1);
	ck_assert(!lv[0]);
	tree_set_root(t, 4, 0);
	ck_assert_str_eq(shape(t, p), "4 .5");
	ck_assert_uint_eq(tree_nprocs(t), 2);
	BUILD(t, p);	/* stays across builds */
	ck_assert_str_eq(shape(t, p), "4 .5");
	tree_set_root(t, 42, 0);
	ck_assert_uint_eq(tree_nrows(t), 0);
	ck_assert_uint_eq(tree_nprocs(t), 0);
	ck_assert(!tree_selected_id(t, NULL, NULL));
	tree_set_root(t, 7, 0);	/* a hidden kernel thread: nothing */
	ck_assert_uint_eq(tree_nrows(t), 0);
	tree_set_root(t, 0, 0);
	ck_assert_str_eq(shape(t, p), "1 .2 ..3 .4 ..5 6");
	tree_free(t);
}
END_TEST

/* --pid follows a process, not a number: once it ends, a new process given its pid is not
 * shown as the root, and the tree says the root is absent. */
START_TEST(test_set_root_identity)
{
	static const struct proc before[] = { P(1, 0), P(4, 1), P(5, 4), P(6, 1) };
	static const struct proc reused[] = { P(1, 0), PS(4, 6, 9999), P(6, 1) };
	static const struct proc gone[] = { P(1, 0), P(6, 1) };
	tree_t *t = tree_new();

	BUILD(t, before);
	tree_set_root(t, 4, 1004);
	ck_assert_str_eq(shape(t, before), "4 .5");
	ck_assert(tree_root_present(t));
	tree_set_filter(t, "nothing matches this");	/* no rows, the root is still there */
	ck_assert_uint_eq(tree_nrows(t), 0);
	ck_assert(tree_root_present(t));
	tree_set_filter(t, NULL);
	BUILD(t, reused);	/* pid 4 is now another process, a child of 6 */
	ck_assert_uint_eq(tree_nrows(t), 0);
	ck_assert(!tree_root_present(t));
	BUILD(t, gone);
	ck_assert(!tree_root_present(t));
	tree_set_root(t, 4, 0);	/* any process with pid 4 (--tree --pid: one snapshot) */
	BUILD(t, reused);
	ck_assert_str_eq(shape(t, reused), "4");
	ck_assert(tree_root_present(t));
	tree_set_root(t, 0, 0);
	ck_assert(tree_root_present(t));
	tree_free(t);
}
END_TEST

/* A process with a name and a command line, for the filter and search. */
#define PC(pid_, ppid_, comm_, cmd_) { \
	.pid = (pid_), .ppid = (ppid_), .start = 1000 + (pid_), .state = 'S', .threads = 1, \
	.comm = (comm_), .cmdline = (cmd_), .cmdline_len = sizeof(cmd_) - 1 }

START_TEST(test_filter)
{
	static const struct proc p[] = {
		PC(1, 0, "init", "/sbin/init"), PC(10, 1, "bash", "-bash"),
		PC(11, 10, "sleep", "sleep 100"), PC(12, 10, "vim", "vim notes.txt"),
		PC(20, 1, "sshd", "sshd: root"), PC(21, 20, "sleep", "/bin/SLEEP 5"),
		PC(30, 1, "cron", "cron -f"),
	};
	tree_t *t = tree_new();

	BUILD(t, p);
	select_pid(t, 12);
	tree_set_filter(t, "sleep");
	ck_assert_str_eq(tree_filter(t), "sleep");
	/* The matches and the ancestors that lead to them; cron and vim are left out. */
	ck_assert_str_eq(shape(t, p), "1 .10 ..11 .20 ..21");
	ck_assert_str_eq(draw(t, p), "1\n├─ 10\n│  └─ 11\n└─ 20\n   └─ 21\n");
	ck_assert_int_eq(sel(t), 10);	/* vim is filtered out: its parent */
	BUILD(t, p);			/* the filter stays across builds */
	ck_assert_str_eq(shape(t, p), "1 .10 ..11 .20 ..21");
	tree_set_mode(t, TREE_MODE_LIST);	/* the list shows the matches alone */
	ck_assert_str_eq(shape(t, p), "11 21");
	tree_set_mode(t, TREE_MODE_TREE);
	tree_set_filter(t, "VIM NOTES");	/* any case, the command line too */
	ck_assert_str_eq(shape(t, p), "1 .10 ..12");
	tree_set_filter(t, "no such thing");
	ck_assert_uint_eq(tree_nrows(t), 0);
	tree_set_filter(t, "");		/* "" ends it */
	ck_assert_ptr_null(tree_filter(t));
	ck_assert_uint_eq(tree_nrows(t), ARRAY_LEN(p));
	tree_free(t);
}
END_TEST

/* u: one user's processes, with the ancestors that lead to them in the tree, alone in
 * the list; together with the text filter; -1 shows everyone's again. */
START_TEST(test_user_filter)
{
	struct proc p[] = {
		PC(1, 0, "init", "/sbin/init"), PC(10, 1, "bash", "-bash"),
		PC(11, 10, "sleep", "sleep 100"), PC(12, 10, "vim", "vim notes.txt"),
		PC(20, 1, "sshd", "sshd: root"), PC(21, 20, "sleep", "/bin/SLEEP 5"),
	};
	p[2].uid = p[3].uid = 1000;
	tree_t *t = tree_new();
	BUILD(t, p);
	ck_assert_int_eq(tree_user(t), -1);
	tree_set_user(t, 1000);
	ck_assert_int_eq(tree_user(t), 1000);
	ck_assert_str_eq(shape(t, p), "1 .10 ..11 ..12");
	tree_set_mode(t, TREE_MODE_LIST);
	ck_assert_str_eq(shape(t, p), "11 12");
	tree_set_mode(t, TREE_MODE_TREE);
	tree_set_filter(t, "vim");		/* both filters at once */
	ck_assert_str_eq(shape(t, p), "1 .10 ..12");
	tree_set_filter(t, NULL);
	tree_set_user(t, 0);			/* root's: init, bash, sshd, SLEEP */
	ck_assert_str_eq(shape(t, p), "1 .10 .20 ..21");
	tree_set_user(t, -1);
	ck_assert_uint_eq(tree_nrows(t), ARRAY_LEN(p));
	tree_free(t);
}
END_TEST

START_TEST(test_search)
{
	static const struct proc p[] = {
		PC(1, 0, "init", "/sbin/init"), PC(10, 1, "bash", "-bash"),
		PC(11, 10, "sleep", "sleep 100"), PC(20, 1, "sshd", "sshd: root"),
		PC(21, 20, "sleep", "/bin/SLEEP 5"), PC(22, 20, "\033[2J", ""),
	};
	tree_t *t = tree_new();

	BUILD(t, p);
	ck_assert_int_eq(row_pid(t, p, tree_search(t, 0, "sleep")), 11);
	ck_assert_int_eq(row_pid(t, p, tree_search(t, 3, "sleep")), 21);
	ck_assert_int_eq(row_pid(t, p, tree_search(t, 5, "sleep")), 11);	/* wraps */
	ck_assert_int_eq(row_pid(t, p, tree_search(t, 0, "\033[2")), 22);	/* raw bytes */
	ck_assert_uint_eq(tree_search(t, 0, "nothing"), NOROW);
	ck_assert_uint_eq(tree_search(t, 0, ""), NOROW);
	tree_collapse(t, 3);		/* collapsed away: not found */
	ck_assert_uint_eq(tree_search(t, 0, "SLEEP 5"), NOROW);
	tree_free(t);
}
END_TEST

/* A user thread's row (H): its tid, its process, its name (its command "{name}"). */
#define PTH(tid_, tgid_, comm_, cpu_) { \
	.pid = (tid_), .ppid = (tgid_), .start = 1000 + (tid_), .state = 'S', .threads = 1, \
	.thread = true, .cpu = (cpu_), .comm = (comm_), .cmdline = "{" comm_ "}", \
	.cmdline_len = sizeof(comm_) + 1 }

/* H: a process's threads are its first children, before its child processes, in any
 * sort; the filter keeps a thread that matches or whose process does; search finds a
 * thread by its own name; collapse folds threads away with the children; a thread's row
 * is its own identity for the selection. */
START_TEST(test_user_threads)
{
	static const struct proc p[] = {
		PC(1, 0, "init", "/sbin/init"), PC(100, 1, "server", "server --port 80"),
		PC(150, 100, "helper", "helper -q"), PTH(101, 100, "io", 5.0),
		PTH(160, 100, "gc", 40.0), PC(200, 1, "other", "other"), PTH(201, 200, "io", 0),
	};
	tree_t *t = tree_new();

	BUILD(t, p);
	ck_assert_str_eq(shape(t, p), "1 .100 ..101 ..160 ..150 .200 ..201");
	ck_assert_str_eq(draw(t, p), "1\n├─ 100\n│  ├─ 101\n│  ├─ 160\n│  └─ 150\n"
			 "└─ 200\n   └─ 201\n");
	tree_set_sort(t, COLUMN_CPU, true);	/* busiest first, threads still first */
	ck_assert_str_eq(shape(t, p), "1 .100 ..160 ..101 ..150 .200 ..201");
	tree_set_sort(t, COLUMN_PID, false);
	tree_set_filter(t, "server");		/* the process's threads, not its child */
	ck_assert_str_eq(shape(t, p), "1 .100 ..101 ..160");
	tree_set_mode(t, TREE_MODE_LIST);
	ck_assert_str_eq(shape(t, p), "100 101 160");
	tree_set_mode(t, TREE_MODE_TREE);
	tree_set_filter(t, "gc");		/* a thread by its name, with its process */
	ck_assert_str_eq(shape(t, p), "1 .100 ..160");
	tree_set_filter(t, NULL);
	ck_assert_int_eq(row_pid(t, p, tree_search(t, 0, "gc")), 160);
	ck_assert_int_eq(row_pid(t, p, tree_search(t, 3, "io")), 201);
	select_pid(t, 160);
	BUILD(t, p);
	ck_assert_int_eq(sel(t), 160);
	ck_assert_uint_eq(tree_find(t, 160, 1160), 3);
	tree_collapse(t, 1);			/* threads and child folded away */
	ck_assert_str_eq(shape(t, p), "1 .100[+3] .200 ..201");
	ck_assert_int_eq(sel(t), 100);
	tree_free(t);
}
END_TEST

/* A process with CPU% and RSS, for sorting. */
#define PV(pid_, ppid_, cpu_, rss_) { \
	.pid = (pid_), .ppid = (ppid_), .start = 1000 + (pid_), .state = 'S', .threads = 1, \
	.cpu = (cpu_), .rss_kb = (rss_), .comm = "p", .cmdline = "" }

START_TEST(test_sort)
{
	static const struct proc p[] = {
		PV(1, 0, 0, 100), PV(10, 1, 5, 300), PV(11, 10, 1, 50), PV(12, 10, 9, 60),
		PV(20, 1, 50, 200), PV(21, 20, 0, 10), PV(30, 1, 5, 900),
	};
	tree_t *t = tree_new();
	bool desc;

	BUILD(t, p);
	ck_assert_uint_eq(tree_sort_key(t, &desc), COLUMN_PID);
	ck_assert(!desc);
	select_pid(t, 12);
	tree_set_sort(t, COLUMN_CPU, true);	/* P: busiest first, the tree's shape kept */
	ck_assert_str_eq(shape(t, p), "1 .20 ..21 .10 ..12 ..11 .30");	/* 10 and 30 tie: pid */
	ck_assert_str_eq(draw(t, p), "1\n├─ 20\n│  └─ 21\n├─ 10\n│  ├─ 12\n│  └─ 11\n└─ 30\n");
	ck_assert_int_eq(sel(t), 12);	/* the selection stays on its process */
	BUILD(t, p);			/* and the order across builds */
	ck_assert_str_eq(shape(t, p), "1 .20 ..21 .10 ..12 ..11 .30");
	tree_set_mode(t, TREE_MODE_LIST);	/* M in the list: all rows by memory */
	tree_set_sort(t, COLUMN_RES, true);
	ck_assert_str_eq(shape(t, p), "30 10 20 1 12 11 21");
	tree_set_sort(t, COLUMN_RES, false);	/* I inverts */
	ck_assert_str_eq(shape(t, p), "21 11 12 1 20 10 30");
	tree_set_sort(t, COLUMN_PID, true);
	ck_assert_str_eq(shape(t, p), "30 21 20 12 11 10 1");
	tree_set_sort(t, COLUMN_PID, false);
	ck_assert_str_eq(shape(t, p), "1 10 11 12 20 21 30");
	tree_free(t);
}
END_TEST

/* Names sort as text: USER by name, COMMAND by what is shown (the command line, or the
 * name of a process without one), TTY with its numbers by value (pts/2 before pts/10). */
#define PT(pid_, ppid_, user_, cmd_, comm_, tty_) { \
	.pid = (pid_), .ppid = (ppid_), .start = 1000 + (pid_), .state = 'S', .threads = 1, \
	.user = (user_), .comm = (comm_), .cmdline = (cmd_), .cmdline_len = sizeof(cmd_) - 1, \
	.tty = (tty_) }

START_TEST(test_sort_by_text)
{
	static const struct proc p[] = {
		PT(1, 0, "root", "init", "init", 0), PT(10, 1, "zoe", "vim notes", "vim", 136 << 8 | 10),
		PT(11, 1, "adam", "", "kworker", 136 << 8 | 2), PT(12, 1, "mia", "bash", "bash", 4 << 8 | 1),
		PT(13, 1, "adam", "awk", "awk", 0),
	};
	tree_t *t = tree_new();
	BUILD(t, p);
	tree_set_mode(t, TREE_MODE_LIST);
	tree_set_sort(t, COLUMN_USER, false);	/* ties by pid */
	ck_assert_str_eq(shape(t, p), "11 13 12 1 10");
	tree_set_sort(t, COLUMN_USER, true);
	ck_assert_str_eq(shape(t, p), "10 1 12 11 13");
	tree_set_sort(t, COLUMN_COMMAND, false);
	ck_assert_str_eq(shape(t, p), "13 12 1 11 10");
	tree_set_sort(t, COLUMN_TTY, false);	/* ?, pts/2, pts/10, tty1 */
	ck_assert_str_eq(shape(t, p), "1 13 11 10 12");
	tree_set_sort(t, COLUMN_COMMAND, false);
	tree_set_mode(t, TREE_MODE_TREE);	/* the tree keeps its shape */
	ck_assert_str_eq(shape(t, p), "1 .13 .12 .11 .10");
	tree_set_sort(t, COLUMN_TASK, true);	/* TASK does not sort: by pid */
	ck_assert_uint_eq(tree_sort_key(t, NULL), COLUMN_PID);
	tree_free(t);
}
END_TEST

START_TEST(test_selection_survives_empty_scan)
{
	static const struct proc none[1];
	tree_t *t = tree_new();

	BUILD(t, small);
	select_pid(t, 5);
	tree_build(t, none, 0);
	ck_assert(!tree_selected_id(t, NULL, NULL));
	ck_assert_uint_eq(tree_selected(t), 0);
	BUILD(t, small);
	ck_assert_int_eq(sel(t), 5);
	tree_free(t);
}
END_TEST

START_TEST(test_duplicate_pids)
{
	/* sorted input (no sort needed) and unsorted input: the first of a pid wins */
	static const struct proc a[] = { P(1, 0), PS(2, 1, 5), PS(2, 3, 6), P(3, 2) };
	static const struct proc b[] = { PS(3, 2, 7), P(1, 0), PS(2, 1, 5), PS(3, 1, 8),
					 PS(2, 3, 6), P(1, 2) };
	tree_t *t = tree_new();

	BUILD(t, a);
	ck_assert_str_eq(shape(t, a), "1 .2 ..3");
	ck_assert_uint_eq(tree_row(t, 1)->proc, 1);
	ck_assert_uint_eq(tree_nprocs(t), 3);
	BUILD(t, b);
	ck_assert_str_eq(shape(t, b), "1 .2 ..3");
	ck_assert_uint_eq(tree_row(t, 2)->proc, 0);
	ck_assert_uint_eq(tree_find(t, 2, 6), NOROW);
	ck_assert_uint_eq(tree_find(t, 2, 5), 1);
	tree_free(t);
}
END_TEST

START_TEST(test_cycles)
{
	/* a 2-cycle with a child, a 3-cycle with a tail, a self-parent: each cut at the
	 * lowest pid, every process shown exactly once */
	static const struct proc p[] = { P(10, 11), P(11, 10), P(12, 10), P(13, 1), P(20, 22),
					 P(21, 20), P(22, 21), P(23, 22), P(30, 30) };
	tree_t *t = tree_new();

	BUILD(t, p);
	ck_assert_str_eq(shape(t, p), "10 .11 .12 13 20 .21 ..22 ...23 30");
	ck_assert_uint_eq(tree_nprocs(t), 9);
	tree_collapse_all(t);
	ck_assert_str_eq(shape(t, p), "10[+2] 13 20[+3] 30");
	tree_free(t);
}
END_TEST

START_TEST(test_long_cycle)
{
	enum { N = 10000 };
	struct proc *p = xcalloc(N, sizeof(*p));
	tree_t *t = tree_new();

	/* i's parent is i+1 and N's is 1: one ring through every process */
	for (int i = 1; i <= N; i++)
		p[i - 1] = (struct proc)P(i, i == N ? 1 : i + 1);
	tree_build(t, p, N);
	ck_assert_uint_eq(tree_nrows(t), N);
	ck_assert_int_eq(row_pid(t, p, 0), 1);
	ck_assert_int_eq(row_pid(t, p, 1), N);
	ck_assert_int_eq(row_pid(t, p, N - 1), 2);
	ck_assert_int_eq(tree_row(t, N - 1)->depth, N - 1);
	free(p);
	tree_free(t);
}
END_TEST

START_TEST(test_deep_chain)
{
	enum { N = 5000 };
	struct proc *p = xcalloc(N + 1, sizeof(*p));
	bool *lv = xcalloc(N, sizeof(*lv));
	tree_t *t = tree_new();
	bool ok = true;

	for (int i = 0; i < N; i++)	/* reversed input: the sort does the work */
		p[i] = (struct proc)P(N - i, N - i - 1);
	tree_build(t, p, N);
	ck_assert_uint_eq(tree_nrows(t), N);
	ck_assert_int_eq(tree_row(t, N - 1)->depth, N - 1);
	ck_assert_int_eq(tree_prefix(t, N - 1, lv, N), N - 1);
	for (int k = 0; k < N - 1; k++)
		ok &= !lv[k];
	ck_assert(ok);
	/* a later sibling of 2 draws a line down the first column of the whole chain */
	p[N] = (struct proc)P(9999, 1);
	tree_build(t, p, N + 1);
	ck_assert_int_eq(tree_prefix(t, N - 1, lv, N), N - 1);
	ck_assert(lv[0]);
	for (int k = 1; k < N - 1; k++)
		ok &= !lv[k];
	ck_assert(ok);
	tree_select_row(t, N - 1);
	tree_collapse(t, 0);
	ck_assert_str_eq(shape(t, p), "1[+5000]");
	ck_assert_int_eq(sel(t), 1);
	tree_expand_all(t);
	ck_assert_uint_eq(tree_find(t, N, 1000 + N), N - 1);
	free(lv);
	free(p);
	tree_free(t);
}
END_TEST

/* pids 1..n, shuffled; every 7th (and 1) a root, the rest under one of the 50 pids below. */
static struct proc *gen_forest(size_t n, unsigned seed)
{
	struct proc *p = xcalloc(n, sizeof(*p));
	unsigned x = seed;

	for (size_t i = 0; i < n; i++) {
		int pid = (int)i + 1;
		int ppid;

		x = x * 1103515245u + 12345u;
		ppid = pid % 7 == 1 ? 0 : pid - 1 - (int)((x >> 16) % 50);
		p[i] = (struct proc)P(pid, ppid < 1 ? 9999999 : ppid);
	}
	for (size_t i = n - 1; i > 0; i--) {
		struct proc tmp = p[i];
		size_t j;

		x = x * 1103515245u + 12345u;
		j = (x >> 8) % (i + 1);
		p[i] = p[j];
		p[j] = tmp;
	}
	return p;
}

/* The rows are a pre-order of p (pids 1..n): each process once, each row's parent the
 * nearest row above one level up, siblings ascending, roots exactly the orphans. */
static bool check_forest(const tree_t *t, const struct proc *p, size_t n)
{
	bool *seen = xcalloc(n + 1, sizeof(*seen));
	int *lastpid = xcalloc(n + 1, sizeof(*lastpid));
	bool ok = tree_nrows(t) == n;

	for (size_t i = 0; ok && i < n; i++) {
		const struct tree_row *r = tree_row(t, i);
		const struct proc *q = &p[r->proc];
		int d = r->depth;

		ok = q->pid >= 1 && (size_t)q->pid <= n && !seen[q->pid];
		ok = ok && (d == 0) == (q->ppid < 1 || (size_t)q->ppid > n);
		ok = ok && (d == 0 || q->ppid == lastpid[d - 1]);
		ok = ok && (!lastpid[d] || q->pid > lastpid[d]);
		seen[q->pid] = true;
		lastpid[d] = q->pid;
		lastpid[d + 1] = 0;	/* a new subtree: its children start over */
	}
	free(seen);
	free(lastpid);
	return ok;
}

static size_t count_roots(const struct proc *p, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += p[i].ppid < 1 || (size_t)p[i].ppid > n;
	return k;
}

/* Walks up the ppids of p (pids 1..n) from pid to its root. */
static int root_of(const struct proc *p, size_t n, int pid)
{
	int *ppid = xcalloc(n + 1, sizeof(*ppid));

	for (size_t i = 0; i < n; i++)
		ppid[p[i].pid] = p[i].ppid;
	while (ppid[pid] >= 1 && (size_t)ppid[pid] <= n)
		pid = ppid[pid];
	free(ppid);
	return pid;
}

START_TEST(test_forest_30000)
{
	enum { N = 30000 };
	struct proc *a = gen_forest(N, 1), *b = gen_forest(N, 2);
	tree_t *t = tree_new();
	bool ok = true, lv[64];

	tree_build(t, a, N);
	ck_assert(check_forest(t, a, N));
	ck_assert_uint_eq(tree_nprocs(t), N);
	for (int pid = 1; pid <= N; pid += 97) {
		size_t r = tree_find(t, pid, 1000 + (unsigned long long)pid);

		ok &= r != NOROW && row_pid(t, a, r) == pid;
	}
	ck_assert(ok);
	select_pid(t, 12345);
	tree_build(t, b, N);	/* same processes, another order */
	ck_assert(check_forest(t, b, N));
	ck_assert_int_eq(sel(t), 12345);
	tree_collapse_all(t);
	ck_assert_uint_eq(tree_nrows(t), count_roots(b, N));
	ck_assert_int_eq(sel(t), root_of(b, N, 12345));	/* the collapsed root hiding it */
	ck_assert_int_eq(tree_prefix(t, 0, lv, 64), 0);
	tree_expand_all(t);
	ck_assert(check_forest(t, b, N));
	free(a);
	free(b);
	tree_free(t);
}
END_TEST

START_TEST(test_flat_100000)
{
	enum { N = 100000 };
	struct proc *p = xcalloc(N, sizeof(*p));
	tree_t *t = tree_new();
	bool ok = true;

	for (int i = 0; i < N; i++)	/* all roots, descending */
		p[i] = (struct proc)P(N - i, 0);
	tree_build(t, p, N);
	ck_assert(check_forest(t, p, N));
	for (size_t i = 0; i < N; i++)
		ok &= tree_row(t, i)->last == (i == N - 1);
	ck_assert(ok);
	/* one parent with every other process as a child, rebuilt a few times */
	for (int i = 0; i < N; i++)
		p[i] = (struct proc)P(i + 1, i ? 1 : 0);
	for (int pass = 0; pass < 3; pass++) {
		tree_build(t, p, N);
		ck_assert(check_forest(t, p, N));
	}
	for (size_t i = 1; i < N; i++)
		ok &= tree_row(t, i)->depth == 1 && tree_row(t, i)->last == (i == N - 1);
	ck_assert(ok);
	tree_select_row(t, N - 1);
	tree_toggle(t, 0);
	ck_assert_str_eq(shape(t, p), "1[+99999]");
	ck_assert_int_eq(sel(t), 1);
	free(p);
	tree_free(t);
}
END_TEST

static Suite *tree_suite(void)
{
	Suite *s = suite_create("tree");
	TCase *basic = tcase_create("basic"), *big = tcase_create("big");

	tcase_add_test(basic, test_empty);
	tcase_add_test(basic, test_roots_when_parent_absent);
	tcase_add_test(basic, test_sibling_order_by_pid);
	tcase_add_test(basic, test_depth_and_connectors);
	tcase_add_test(basic, test_prefix_respects_max);
	tcase_add_test(basic, test_collapse_hides_descendants);
	tcase_add_test(basic, test_expand_restores);
	tcase_add_test(basic, test_toggle_and_leaf);
	tcase_add_test(basic, test_collapse_all_expand_all);
	tcase_add_test(basic, test_collapse_persists_across_builds);
	tcase_add_test(basic, test_collapse_dropped_when_process_ends);
	tcase_add_test(basic, test_collapse_not_inherited_by_reused_pid);
	tcase_add_test(basic, test_selection_follows_process);
	tcase_add_test(basic, test_selection_to_parent_when_process_ends);
	tcase_add_test(basic, test_selection_to_nearest_when_parent_gone);
	tcase_add_test(basic, test_selection_on_collapse);
	tcase_add_test(basic, test_selection_hidden_after_rebuild);
	tcase_add_test(basic, test_selection_not_kept_on_reused_pid);
	tcase_add_test(basic, test_move_and_select_clamp);
	tcase_add_test(basic, test_select_id_and_find);
	tcase_add_test(basic, test_list_mode);
	tcase_add_test(basic, test_kthreads);
	tcase_add_test(basic, test_set_root);
	tcase_add_test(basic, test_set_root_identity);
	tcase_add_test(basic, test_filter);
	tcase_add_test(basic, test_user_filter);
	tcase_add_test(basic, test_search);
	tcase_add_test(basic, test_sort);
	tcase_add_test(basic, test_sort_by_text);
	tcase_add_test(basic, test_user_threads);
	tcase_add_test(basic, test_selection_survives_empty_scan);
	tcase_add_test(basic, test_duplicate_pids);
	tcase_add_test(basic, test_cycles);
	suite_add_tcase(s, basic);

	/* sanitizers slow these down; the default 4 s is tight on a busy machine */
	tcase_set_timeout(big, 60);
	tcase_add_test(big, test_long_cycle);
	tcase_add_test(big, test_deep_chain);
	tcase_add_test(big, test_forest_30000);
	tcase_add_test(big, test_flat_100000);
	suite_add_tcase(s, big);
	return s;
}

int main(void) { return unit_run(tree_suite()); }
