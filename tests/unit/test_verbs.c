/* test_verbs.c - the verbs' table and the key dispatch, on a model built from plain
 * process data: which verb a key reaches while a dialog, the search bar, a join, a
 * focused pane or the help is under way. No terminal, no /proc. */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "util.h"
#include "verbs.h"

static const struct proc procs[] = {
	{ .pid = 1, .ppid = 0, .start = 1, .state = 'S', .comm = "init", .cmdline = "init" },
	{ .pid = 10, .ppid = 1, .start = 5, .state = 'S', .comm = "sh", .cmdline = "sh" },
	{ .pid = 11, .ppid = 10, .start = 6, .state = 'R', .comm = "alpha", .cmdline = "alpha" },
	{ .pid = 12, .ppid = 10, .start = 7, .state = 'S', .comm = "beta", .cmdline = "beta" },
	{ .pid = 13, .ppid = 1, .start = 8, .state = 'S', .comm = "gamma", .cmdline = "gamma" },
};

static struct app app;

static void setup(void)
{
	memset(&app, 0, sizeof app);
	settings_default(&app.settings);
	app.view.click_row = -1;
	app.view.page = 3;
	app.tree = tree_new();
	app.events = events_new(64);
	app.tasks = tasks_new(app.events);
	tree_build(app.tree, procs, ARRAY_LEN(procs));
	app.key_help = verbs_key_help(&app.nkey_help);
}

static void teardown(void)
{
	tree_free(app.tree);
	tasks_free(app.tasks);
	events_free(app.events);
}

static int selected_pid(void)
{
	int pid = 0;
	unsigned long long start;
	tree_selected_id(app.tree, &pid, &start);
	return pid;
}

/* A key bound twice would reach only the first verb: the second could never be used. */
START_TEST(every_key_is_bound_once)
{
	size_t n, total = 0;
	const struct verb *const *v = verbs_table(&n);
	int seen[256];
	size_t nseen = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i]->nkeys; j++)
			for (int k = 0; k < 3 && v[i]->keys[j].keys[k]; k++) {
				int key = v[i]->keys[j].keys[k];
				for (size_t s = 0; s < nseen; s++)
					ck_assert_msg(seen[s] != key, "key %#x bound twice (verb %s)",
						      key, v[i]->name);
				ck_assert_uint_lt(nseen, ARRAY_LEN(seen));
				seen[nseen++] = key;
				total++;
			}
	ck_assert_uint_gt(total, 30);
}
END_TEST

/* Each dialog has one verb that owns its keys, and every verb has a name. */
START_TEST(every_dialog_has_one_owner)
{
	size_t n;
	const struct verb *const *v = verbs_table(&n);
	for (int d = DIALOG_NONE + 1; d < DIALOG_KINDS; d++) {
		int owners = 0;
		for (size_t i = 0; i < n; i++)
			owners += v[i]->dialog == (enum dialog_kind)d && v[i]->dialog_key;
		ck_assert_msg(owners == 1, "dialog %d has %d owners", d, owners);
	}
	for (size_t i = 0; i < n; i++)
		ck_assert(v[i]->name && *v[i]->name);
}
END_TEST

/* The help lists every key entry that has a text, and nothing else. */
START_TEST(help_lists_the_table)
{
	size_t n, with_help = 0;
	const struct verb *const *v = verbs_table(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i]->nkeys; j++)
			with_help += v[i]->keys[j].help != NULL;
	ck_assert_uint_eq(app.nkey_help, with_help);
	bool found = false;
	for (size_t i = 0; i < app.nkey_help; i++)
		found |= strcmp(app.key_help[i].keys, "X") == 0 &&
			 strstr(app.key_help[i].what, "descendants") != NULL;
	ck_assert(found);
}
END_TEST

START_TEST(arrows_and_pages_move_the_selection)
{
	ck_assert_int_eq(selected_pid(), 1);
	ck_assert(verbs_key(&app, FK_DOWN) & ACT_REDRAW);
	ck_assert_int_eq(selected_pid(), 10);
	verbs_key(&app, FK_PGDN);		/* page 3: two rows on */
	ck_assert_int_eq(selected_pid(), 12);
	verbs_key(&app, FK_END);
	ck_assert_int_eq(selected_pid(), 13);
	verbs_key(&app, FK_HOME);
	ck_assert_int_eq(selected_pid(), 1);
}
END_TEST

START_TEST(sort_keys_sort)
{
	bool desc;
	verbs_key(&app, 'P');
	ck_assert_int_eq(tree_sort_key(app.tree, &desc), COLUMN_CPU);
	ck_assert(desc);
	ck_assert_ptr_nonnull(strstr(app.status, "sorted by CPU"));
	verbs_key(&app, 'I');
	ck_assert_int_eq(tree_sort_key(app.tree, &desc), COLUMN_CPU);
	ck_assert(!desc);
	verbs_key(&app, 'N');
	ck_assert_int_eq(tree_sort_key(app.tree, &desc), COLUMN_PID);
}
END_TEST

/* The pids of the rows in order, "1 13 10 11 12". */
static const char *rows(void)
{
	static char buf[128];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < tree_nrows(app.tree) && len < sizeof buf - 16; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d", i ? " " : "",
					procs[tree_row(app.tree, i)->proc].pid);
	return buf;
}

/* F6: the sort menu opens on the column sorted by; Up/Down choose, Enter sorts by it in
 * its natural order and closes, Esc closes sorting nothing. */
START_TEST(sort_menu_sorts_by_the_column_chosen)
{
	bool desc;
	ck_assert_str_eq(rows(), "1 10 11 12 13");
	ck_assert(verbs_key(&app, FK_F6) & ACT_REDRAW);
	ck_assert_int_eq(app.dialog.kind, DIALOG_SORT);
	ck_assert_int_eq(app.dialog.choice, 0);		/* PID, the first shown */
	for (int i = 0; i < 11; i++)	/* PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ COMMAND */
		verbs_key(&app, FK_DOWN);
	verbs_key(&app, FK_ENTER);
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
	ck_assert_int_eq(tree_sort_key(app.tree, &desc), COLUMN_COMMAND);
	ck_assert(!desc);
	ck_assert_str_eq(rows(), "1 13 10 11 12");	/* gamma before sh, in the tree */
	ck_assert_ptr_nonnull(strstr(app.status, "sorted by COMMAND"));
	verbs_key(&app, FK_F6);
	ck_assert_int_eq(app.dialog.choice, 11);	/* on the column sorted by */
	verbs_key(&app, FK_END);
	ck_assert_int_eq(app.dialog.choice, COLUMN_COUNT - 2);	/* all but TASK */
	verbs_key(&app, FK_DOWN);
	ck_assert_int_eq(app.dialog.choice, 0);		/* round */
	verbs_key(&app, FK_UP);
	verbs_key(&app, 'N');				/* the menu's, not a sort */
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_COMMAND);
	verbs_key(&app, FK_ESC);
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_COMMAND);
	verbs_key(&app, FK_F6);
	verbs_key(&app, FK_F6);				/* F6 closes it too */
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
}
END_TEST

/* > and < step through the columns shown, in forktoprc's order. */
START_TEST(sort_steps_follow_the_columns_shown)
{
	verbs_key(&app, '>');
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_USER);
	verbs_key(&app, '<');
	verbs_key(&app, '<');
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_COMMAND);
	app.settings.ncolumns = 3;
	app.settings.columns[0] = COLUMN_COMMAND;
	app.settings.columns[1] = COLUMN_PID;
	app.settings.columns[2] = COLUMN_STATE;
	verbs_key(&app, '>');
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_PID);
	verbs_key(&app, '>');
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_STATE);
	verbs_key(&app, 'T');			/* htop's T: CPU time, largest first */
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_TIME);
}
END_TEST

/* While a dialog is open its keys go to it: q closes the timeline, it does not quit,
 * and N does not sort behind it. */
START_TEST(an_open_dialog_takes_the_keys)
{
	verbs_key(&app, 'L');
	ck_assert_int_eq(app.dialog.kind, DIALOG_TIMELINE);
	ck_assert_int_eq(verbs_key(&app, FK_RESIZE), ACT_REDRAW);
	ck_assert_int_eq(app.dialog.kind, DIALOG_TIMELINE);
	int r = verbs_key(&app, 'q');
	ck_assert(!(r & ACT_QUIT));
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
	verbs_key(&app, 'L');
	verbs_key(&app, 'P');
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_PID);
}
END_TEST

/* The details view: digits and Tab jump to sections, arrows scroll, Esc closes it and
 * lets its data go. */
START_TEST(details_keys_jump_scroll_and_close)
{
	app.details = xmalloc(sizeof *app.details);
	details_init(app.details, 11, 6);
	app.dialog.kind = DIALOG_DETAILS;
	app.view.details_jump = -1;
	verbs_key(&app, '5');
	ck_assert_int_eq(app.view.details_jump, DP_FILES);
	verbs_key(&app, '0');
	ck_assert_int_eq(app.view.details_jump, DP_SIGNALS);
	app.view.details_jump = -1;	/* as the layout leaves it */
	app.view.details_section = DP_ENVIRON;
	verbs_key(&app, '\t');
	ck_assert_int_eq(app.view.details_jump, DP_FILES);
	app.view.details_jump = -1;
	verbs_key(&app, FK_DOWN);
	ck_assert_int_eq(app.view.details_top, 1);
	ck_assert_int_eq(app.view.details_section, -1);	/* the layout says which */
	verbs_key(&app, FK_UP);
	verbs_key(&app, FK_UP);
	ck_assert_int_eq(app.view.details_top, 0);
	int r = verbs_key(&app, 'P');	/* no sorting behind the view */
	ck_assert_int_eq(r, ACT_NONE);
	ck_assert_int_eq(tree_sort_key(app.tree, NULL), COLUMN_PID);
	verbs_key(&app, FK_ESC);
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
	ck_assert_ptr_null(app.details);
}
END_TEST

/* With no task running q quits at once. */
START_TEST(q_quits_without_tasks)
{
	ck_assert(verbs_key(&app, 'q') & ACT_QUIT);
}
END_TEST

/* The search bar takes the letters (q is text there), the arrows still move, Enter
 * keeps the selection on the match. */
START_TEST(search_bar_takes_the_letters)
{
	verbs_key(&app, '/');
	ck_assert_int_eq(app.bar.kind, BAR_SEARCH);
	verbs_key(&app, 'b');
	verbs_key(&app, 'e');
	ck_assert_str_eq(app.bar.text, "be");
	ck_assert_int_eq(selected_pid(), 12);
	ck_assert(!(verbs_key(&app, 'q') & ACT_QUIT));
	ck_assert_str_eq(app.bar.text, "beq");
	ck_assert(app.bar.missed);
	verbs_key(&app, FK_BACKSPACE);
	verbs_key(&app, FK_UP);			/* moving around works with the bar open */
	ck_assert_int_eq(selected_pid(), 11);
	verbs_key(&app, FK_ENTER);
	ck_assert_int_eq(app.bar.kind, BAR_NONE);
	ck_assert_str_eq(app.bar.last_search, "be");
}
END_TEST

START_TEST(filter_shows_matches_and_esc_clears)
{
	verbs_key(&app, '\\');
	verbs_key(&app, 'g');
	verbs_key(&app, 'a');
	ck_assert_uint_eq(tree_nprocs(app.tree), 2);	/* gamma, under its ancestor init */
	verbs_key(&app, FK_END);
	ck_assert_int_eq(selected_pid(), 13);
	verbs_key(&app, FK_ENTER);
	ck_assert_str_eq(tree_filter(app.tree), "ga");
	ck_assert_ptr_nonnull(strstr(app.status, "2 processes shown"));
	verbs_key(&app, FK_F4);
	ck_assert_str_eq(app.bar.text, "ga");	/* opens on the filter in force */
	verbs_key(&app, FK_ESC);
	ck_assert_ptr_null(tree_filter(app.tree));
	ck_assert_uint_eq(tree_nprocs(app.tree), ARRAY_LEN(procs));
}
END_TEST

/* Esc cancels a join in progress, but a dialog opened during the wait takes the Esc
 * first; and a cancelled join cancels the quit that waited for it. */
START_TEST(esc_cancels_a_join_after_the_dialog)
{
	app.join = (struct join){ .active = true, .pid = 11, .start = 6, .pidfd = -1,
		.began = clock_now() };
	app.quitting = true;
	verbs_key(&app, 'L');
	verbs_key(&app, FK_ESC);
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
	ck_assert(app.join.active);
	verbs_key(&app, FK_ESC);
	ck_assert(!app.join.active);
	ck_assert(!app.quitting);
	ck_assert_ptr_nonnull(strstr(app.status, "join cancelled"));
	ck_assert_ptr_nonnull(strstr(app.status, "not quitting"));
	ck_assert(verbs_deadline(&app) == 0);
}
END_TEST

/* A join that waits wants a tick every 0.1 s (the time waited is shown). */
START_TEST(a_waiting_join_asks_for_ticks)
{
	ck_assert(verbs_deadline(&app) == 0);
	app.join = (struct join){ .active = true, .all = true, .pidfd = -1, .began = clock_now() };
	double d = verbs_deadline(&app) - clock_now();
	ck_assert(d > 0 && d <= 0.11);
}
END_TEST

START_TEST(help_scrolls_and_any_key_leaves)
{
	verbs_key(&app, '?');
	ck_assert(app.help);
	verbs_key(&app, FK_DOWN);
	verbs_key(&app, FK_PGDN);
	ck_assert_int_eq(app.view.help_top, 6);
	verbs_key(&app, FK_UP);
	ck_assert_int_eq(app.view.help_top, 5);
	verbs_key(&app, FK_PGUP);
	verbs_key(&app, FK_PGUP);
	ck_assert_int_eq(app.view.help_top, 0);
	ck_assert(!(verbs_key(&app, 'q') & ACT_QUIT));	/* leaves the help only */
	ck_assert(!app.help);
	ck_assert_int_eq(selected_pid(), 1);
}
END_TEST

/* o gives the arrows to the output pane, o again to the event log, Esc back. */
START_TEST(o_moves_the_focus_round)
{
	verbs_key(&app, 'o');
	ck_assert_int_eq(app.view.focus, FOCUS_OUTPUT);
	verbs_key(&app, FK_UP);
	verbs_key(&app, FK_UP);
	ck_assert_uint_eq(app.view.output_scroll, 2);
	ck_assert_int_eq(selected_pid(), 1);
	verbs_key(&app, 'o');
	ck_assert_int_eq(app.view.focus, FOCUS_EVENTS);
	verbs_key(&app, FK_UP);
	ck_assert_uint_eq(app.view.events_scroll, 1);
	verbs_key(&app, FK_ESC);
	ck_assert_int_eq(app.view.focus, FOCUS_TREE);
	verbs_key(&app, FK_DOWN);
	ck_assert_int_eq(selected_pid(), 10);
}
END_TEST

/* While quit's "end them" runs, no key does anything but say so. */
START_TEST(quitting_grabs_every_key)
{
	app.quit_after_ending = true;
	ck_assert_int_eq(verbs_key(&app, FK_DOWN), ACT_REDRAW);
	ck_assert_int_eq(selected_pid(), 1);
	ck_assert(!(verbs_key(&app, 'q') & ACT_QUIT));
	ck_assert_ptr_nonnull(strstr(app.status, "quitting"));
}
END_TEST

/* Space tags and moves down, c tags a branch, U untags; signals then go to the tags. */
START_TEST(tags_follow_the_keys)
{
	verbs_key(&app, FK_DOWN);
	verbs_key(&app, ' ');
	ck_assert(app_tagged(&app, 10, 5));
	ck_assert_int_eq(selected_pid(), 11);
	verbs_key(&app, ' ');
	ck_assert_uint_eq(app.ntags, 2);
	verbs_key(&app, 'U');
	ck_assert_uint_eq(app.ntags, 0);
	free(app.tags);
}
END_TEST

/* Setup: Right on the delay line takes the next step and tells the loop. */
START_TEST(setup_changes_the_delay)
{
	app.opts.delay = 20;
	app.opts.grace = 5;
	verbs_key(&app, 'S');
	ck_assert_int_eq(app.dialog.kind, DIALOG_SETUP);
	ck_assert_int_ge(app.dialog.nlines, 6);
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[1], "2.0 s"));
	verbs_key(&app, FK_DOWN);
	verbs_key(&app, FK_RIGHT);
	ck_assert_int_eq(app.opts.delay, 30);
	ck_assert(app.delay_changed);
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[1], "3.0 s"));
	verbs_key(&app, FK_LEFT);
	verbs_key(&app, FK_LEFT);
	ck_assert_int_eq(app.opts.delay, 15);
	verbs_key(&app, FK_ESC);
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
}
END_TEST

/* Setup's columns: Left/Right select one, x removes it, ] moves it right, the add line
 * offers the hidden ones and Enter adds one after the selected; COMMAND stays. */
/* The setup's lines: theme, delay, tree, connectors, kernel and user threads, grace, then
 * these two. */
#define SL_COLUMNS_LINE 7
#define SL_ADD_LINE 8

START_TEST(setup_edits_the_columns)
{
	const struct settings *st = &app.settings;
	verbs_key(&app, 'S');
	for (int i = 0; i < SL_COLUMNS_LINE; i++)
		verbs_key(&app, FK_DOWN);
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[SL_COLUMNS_LINE], "[PID] USER PRI"));
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[app.dialog.nlines - 1], "x or F9 removes"));
	verbs_key(&app, FK_RIGHT);
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[SL_COLUMNS_LINE], "PID [USER] PRI"));
	verbs_key(&app, 'x');				/* USER goes */
	ck_assert_uint_eq(st->ncolumns, COLUMNS_DEFAULT - 1);
	ck_assert_int_eq(st->columns[1], COLUMN_PRI);
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[SL_COLUMNS_LINE], "PID [PRI] NI"));
	verbs_key(&app, ']');				/* PRI one place right */
	ck_assert_int_eq(st->columns[1], COLUMN_NI);
	ck_assert_int_eq(st->columns[2], COLUMN_PRI);
	verbs_key(&app, FK_F7);				/* and back */
	ck_assert_int_eq(st->columns[1], COLUMN_PRI);
	verbs_key(&app, FK_DOWN);			/* the add line: the hidden ones */
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[SL_ADD_LINE], "< USER: "));
	verbs_key(&app, FK_RIGHT);
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[SL_ADD_LINE], "< PPID: "));
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[app.dialog.nlines - 1], "Enter adds"));
	verbs_key(&app, FK_ENTER);			/* after PRI, and selected */
	ck_assert_int_eq(st->columns[2], COLUMN_PPID);
	ck_assert_uint_eq(st->ncolumns, COLUMNS_DEFAULT);
	ck_assert_ptr_nonnull(strstr(app.dialog.lines[SL_COLUMNS_LINE], "PID PRI [PPID] NI"));
	verbs_key(&app, FK_UP);
	verbs_key(&app, FK_END);			/* no meaning here: nothing changes */
	for (size_t i = 0; i < COLUMN_COUNT && st->columns[app.dialog.column] != COLUMN_COMMAND; i++)
		verbs_key(&app, FK_RIGHT);
	verbs_key(&app, FK_F9);
	ck_assert_uint_eq(st->ncolumns, COLUMNS_DEFAULT);	/* COMMAND stays */
	ck_assert_ptr_nonnull(strstr(app.status, "COMMAND stays"));
	verbs_key(&app, FK_ESC);
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
}
END_TEST

/* The X question: y pasted with the X (same read) ends nothing and says why. */
START_TEST(pasted_confirmation_sends_nothing)
{
	app.key_burst = 7;
	app.dialog = (struct dialog){ .kind = DIALOG_END_TREE, .pid = 11, .start = 6,
		.opened_burst = 7 };
	verbs_key(&app, 'y');
	ck_assert_int_eq(app.dialog.kind, DIALOG_NONE);
	ck_assert_ptr_null(app.ending);
	ck_assert_ptr_nonnull(strstr(app.status, "nothing sent"));
	app.dialog = (struct dialog){ .kind = DIALOG_QUIT, .opened_burst = 7 };
	ck_assert(!(verbs_key(&app, 'e') & ACT_QUIT));
	ck_assert_ptr_nonnull(strstr(app.status, "the quit question"));
}
END_TEST

static Suite *verbs_suite(void)
{
	Suite *s = suite_create("verbs");
	TCase *tc = tcase_create("verbs");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_key_is_bound_once);
	tcase_add_test(tc, every_dialog_has_one_owner);
	tcase_add_test(tc, help_lists_the_table);
	tcase_add_test(tc, arrows_and_pages_move_the_selection);
	tcase_add_test(tc, sort_keys_sort);
	tcase_add_test(tc, sort_menu_sorts_by_the_column_chosen);
	tcase_add_test(tc, sort_steps_follow_the_columns_shown);
	tcase_add_test(tc, an_open_dialog_takes_the_keys);
	tcase_add_test(tc, details_keys_jump_scroll_and_close);
	tcase_add_test(tc, q_quits_without_tasks);
	tcase_add_test(tc, search_bar_takes_the_letters);
	tcase_add_test(tc, filter_shows_matches_and_esc_clears);
	tcase_add_test(tc, esc_cancels_a_join_after_the_dialog);
	tcase_add_test(tc, a_waiting_join_asks_for_ticks);
	tcase_add_test(tc, help_scrolls_and_any_key_leaves);
	tcase_add_test(tc, o_moves_the_focus_round);
	tcase_add_test(tc, quitting_grabs_every_key);
	tcase_add_test(tc, tags_follow_the_keys);
	tcase_add_test(tc, setup_changes_the_delay);
	tcase_add_test(tc, setup_edits_the_columns);
	tcase_add_test(tc, pasted_confirmation_sends_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(verbs_suite());
}
