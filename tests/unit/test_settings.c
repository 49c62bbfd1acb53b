/* test_settings.c - forktoprc: every key, every bad value, where the file is, how it
 * merges with the command line, and saving: comments and unknown lines kept, changed
 * keys rewritten in place, written atomically (temporary file, then rename). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"
#include "unit.h"
#include "userfile.h"

static int parse(struct settings *s, const char *text, struct diags *d)
{
	settings_default(s);
	memset(d, 0, sizeof *d);
	return settings_parse(s, text, strlen(text), "rc", collect, d);
}

/* One bad line: one report with want in it, the key not set, its value the default. */
static void bad(const char *text, const char *want, enum settings_key k)
{
	struct settings s, def;
	struct diags d;
	char a[1100], b[1100];
	settings_default(&def);
	ck_assert_int_eq(parse(&s, text, &d), 1);
	ck_assert_int_eq(d.n, 1);
	ck_assert_msg(strstr(d.msg[0], want) != NULL, "'%s' lacks '%s'", d.msg[0], want);
	ck_assert_msg(strncmp(d.msg[0], "rc:1: ", 6) == 0, "no file:line in '%s'", d.msg[0]);
	ck_assert_uint_eq(s.set, 0);
	settings_format(&s, k, a, sizeof a);
	settings_format(&def, k, b, sizeof b);
	ck_assert_str_eq(a, b);
}

START_TEST(defaults)
{
	struct settings s;
	char v[256];
	settings_default(&s);
	ck_assert_uint_eq(s.set, 0);
	ck_assert_int_eq(s.delay, DELAY_DEFAULT);
	ck_assert(s.tree && !s.kernel_threads && s.confirm_signal);
	ck_assert_int_eq(s.connectors, CONNECTORS_AUTO);
	ck_assert_str_eq(s.theme, "default");
	ck_assert(s.grace == GRACE_DEFAULT);
	ck_assert_int_eq(s.scrollback, SCROLLBACK_DEFAULT);
	settings_format(&s, SETTING_COLUMNS, v, sizeof v);
	ck_assert_str_eq(v, "PID,USER,PRI,NI,VIRT,RES,SHR,S,CPU,MEM,TIME,TASK,COMMAND");
	ck_assert_str_eq(settings_key_name(SETTING_KERNEL_THREADS), "kernel_threads");
	ck_assert_ptr_null(settings_key_name(SETTING_COUNT));
	ck_assert_str_eq(column_get(COLUMN_STATE)->name, "S");
}
END_TEST

START_TEST(every_key)
{
	struct settings s;
	struct diags d;
	ck_assert_int_eq(parse(&s, "# my settings\n"
			       "delay = 5\n"
			       "tree = off\n"
			       "connectors = ascii\n"
			       "theme = solarized-dark\n"
			       "kernel_threads = on\n"
			       "user_threads = on\n"
			       "confirm_signal = no\n"
			       "grace = 0.5\n"
			       "scrollback = 100000\n"
			       "columns = pid, s, cpu%, Command\n", &d), 0);
	ck_assert_uint_eq(s.set, (1u << SETTING_COUNT) - 1);
	ck_assert_int_eq(s.delay, 5);
	ck_assert(!s.tree && s.kernel_threads && s.user_threads && !s.confirm_signal);
	ck_assert_int_eq(s.connectors, CONNECTORS_ASCII);
	ck_assert_str_eq(s.theme, "solarized-dark");
	ck_assert(s.grace == 0.5);
	ck_assert_int_eq(s.scrollback, 100000);
	ck_assert_int_eq(s.ncolumns, 4);
	ck_assert(s.columns[0] == COLUMN_PID && s.columns[1] == COLUMN_STATE &&
		  s.columns[2] == COLUMN_CPU && s.columns[3] == COLUMN_COMMAND);
}
END_TEST

/* columns= is the order shown: any column may go anywhere, S may go, the old names and
 * htop's spellings are read, and every column is written back as it is read. */
START_TEST(columns_order_and_names)
{
	struct settings s;
	struct diags d;
	char v[256];
	ck_assert_int_eq(parse(&s, "columns = COMMAND,PID,S\n", &d), 0);
	ck_assert_int_eq(s.ncolumns, 3);
	ck_assert(s.columns[0] == COLUMN_COMMAND && s.columns[1] == COLUMN_PID &&
		  s.columns[2] == COLUMN_STATE);
	ck_assert_int_eq(parse(&s, "columns = rss, TIME+, MEM%, io_r, IO_WRITE_RATE, tty, "
			       "start, ni, pri, user, virt, shr, command\n", &d), 0);
	ck_assert_int_eq(s.ncolumns, 13);
	ck_assert(s.columns[0] == COLUMN_RES && s.columns[1] == COLUMN_TIME &&
		  s.columns[2] == COLUMN_MEM && s.columns[3] == COLUMN_IO_READ &&
		  s.columns[4] == COLUMN_IO_WRITE && s.columns[12] == COLUMN_COMMAND);
	settings_format(&s, SETTING_COLUMNS, v, sizeof v);
	ck_assert_str_eq(v, "RES,TIME,MEM,IO_R,IO_W,TTY,START,NI,PRI,USER,VIRT,SHR,COMMAND");
	/* every column, in reverse, survives a round trip */
	struct settings all, back;
	settings_default(&all);
	all.ncolumns = COLUMN_COUNT;
	for (int c = 0; c < COLUMN_COUNT; c++)
		all.columns[c] = (enum column_id)(COLUMN_COUNT - 1 - c);
	char line[512];
	settings_format(&all, SETTING_COLUMNS, v, sizeof v);
	snprintf(line, sizeof line, "columns = %s\n", v);
	ck_assert_int_eq(parse(&back, line, &d), 0);
	ck_assert_uint_eq(back.ncolumns, COLUMN_COUNT);
	ck_assert(memcmp(back.columns, all.columns, sizeof all.columns) == 0);
}
END_TEST

START_TEST(value_spellings)
{
	struct settings s;
	struct diags d;
	ck_assert_int_eq(parse(&s, "Kernel-Threads = YES\r\n"
			       "  tree=1   # the tree\n"
			       "connectors = UTF-8\n"
			       "theme = \"/home/u/my themes/x.theme\"  # quoted\n"
			       "grace = 600\n"
			       "delay = 600\n"
			       "delay = 1\n"
			       "scrollback = 100\n"
			       "grace = .25\n", &d), 0);
	ck_assert(s.kernel_threads && s.tree);
	ck_assert_int_eq(s.connectors, CONNECTORS_UTF8);
	ck_assert_str_eq(s.theme, "/home/u/my themes/x.theme");
	ck_assert(s.grace == 0.25);
	ck_assert_int_eq(s.delay, 1);	/* the last wins */
	ck_assert_int_eq(s.scrollback, 100);
}
END_TEST

START_TEST(bad_values)
{
	bad("delay = 0\n", "delay: '0' is not tenths of a second from 1 to 600; kept 15",
	    SETTING_DELAY);
	bad("delay = 601\n", "from 1 to 600", SETTING_DELAY);
	bad("delay = 1.5\n", "'1.5'", SETTING_DELAY);
	bad("delay = 99999999999999999999\n", "from 1 to 600", SETTING_DELAY);
	bad("tree = maybe\n", "tree: 'maybe' is not on or off; kept on", SETTING_TREE);
	bad("kernel_threads =\n", "is not on or off", SETTING_KERNEL_THREADS);
	bad("user_threads = some\n", "is not on or off", SETTING_USER_THREADS);
	bad("connectors = fancy\n", "is not ascii, utf8 or auto; kept auto", SETTING_CONNECTORS);
	bad("theme = \"\"\n", "theme: '' is not a theme name or path", SETTING_THEME);
	bad("theme = a\x01" "b\n", "'a\\x01b'", SETTING_THEME);
	bad("theme = a\"b\n", "is not a theme name", SETTING_THEME);
	bad("grace = 0.05\n", "grace: '0.05' is not seconds from 0.1 to 600; kept 5",
	    SETTING_GRACE);
	bad("grace = 600.5\n", "from 0.1 to 600", SETTING_GRACE);
	bad("grace = 1,5\n", "'1,5'", SETTING_GRACE);
	bad("grace = nan\n", "'nan'", SETTING_GRACE);
	bad("grace = .\n", "'.'", SETTING_GRACE);
	bad("grace = -1\n", "'-1'", SETTING_GRACE);
	bad("scrollback = 99\n", "from 100 to 100000; kept 2000", SETTING_SCROLLBACK);
	bad("scrollback = 100001\n", "from 100 to 100000", SETTING_SCROLLBACK);
	bad("columns = PID,FOO,COMMAND\n", "'FOO' is not a column", SETTING_COLUMNS);
	bad("columns = PID,PID,COMMAND\n", "'PID' is given twice", SETTING_COLUMNS);
	bad("columns = PID,CPU\n", "COMMAND is required", SETTING_COLUMNS);
	bad("columns = PID,,COMMAND\n", "empty column name", SETTING_COLUMNS);
	bad("columns =\n", "empty column name", SETTING_COLUMNS);
}
END_TEST

START_TEST(bad_lines)
{
	bad("colour = red\n", "rc:1: unknown key 'colour'; line ignored", SETTING_THEME);
	bad("delay 15\n", "rc:1: expected 'key = value'; line ignored", SETTING_DELAY);
	bad("= 15\n", "missing key", SETTING_DELAY);
	bad("theme = \"abc\n", "missing closing quote", SETTING_THEME);
	bad("theme = \"abc\" def\n", "text after the closing quote", SETTING_THEME);
	bad("theme = \"abc\" #def\n", "text after the closing quote", SETTING_THEME);
	bad("\x1b]0;pwned\x07 = 1\n", "unknown key '\\e]0;pwned\\x07'", SETTING_DELAY);
}
END_TEST

START_TEST(nul_and_long_lines)
{
	struct settings s;
	struct diags d;
	static const char text[] = "delay = 3\0 0\ntree = off\n";
	settings_default(&s);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(settings_parse(&s, text, sizeof text - 1, "rc", collect, &d), 1);
	ck_assert_str_eq(d.msg[0], "rc:1: NUL byte in the line; line ignored");
	ck_assert_int_eq(s.delay, DELAY_DEFAULT);
	ck_assert(!s.tree);

	size_t n = 100000;
	char *big = malloc(n + 32);
	strcpy(big, "theme = ");
	memset(big + 8, 'x', n);
	strcpy(big + 8 + n, "\ndelay = 7\n");
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(settings_parse(&s, big, strlen(big), "rc", collect, &d), 1);
	ck_assert(strstr(d.msg[0], "rc:1: line too long (100008 bytes, at most 4096)"));
	ck_assert_int_eq(s.delay, 7);
	ck_assert_str_eq(s.theme, "default");
	free(big);

	/* a theme value of exactly the longest line that fits is taken, one more is not */
	big = malloc(SETTINGS_THEME_MAX + 16);
	memset(big, 'y', SETTINGS_THEME_MAX + 15);
	memcpy(big, "theme=", 6);
	big[6 + SETTINGS_THEME_MAX - 1] = '\0';
	ck_assert_int_eq(parse(&s, big, &d), 0);
	ck_assert_int_eq(strlen(s.theme), SETTINGS_THEME_MAX - 1);
	big[6 + SETTINGS_THEME_MAX - 1] = 'y';
	big[6 + SETTINGS_THEME_MAX] = '\0';
	ck_assert_int_eq(parse(&s, big, &d), 1);
	free(big);
}
END_TEST

START_TEST(report_flood_is_capped)
{
	struct settings s;
	struct diags d;
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < 70; i++)
		sbuf_adds(&b, "x = 1\n");
	settings_default(&s);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(settings_parse(&s, sbuf_str(&b), b.len, "rc", collect, &d), 70);
	ck_assert_int_eq(d.n, SETTINGS_MAX_DIAGS + 1);
	ck_assert_str_eq(d.msg[SETTINGS_MAX_DIAGS], "rc: 20 more bad lines not shown");
	sbuf_free(&b);
}
END_TEST

START_TEST(path_follows_xdg)
{
	char p[64];
	ck_assert_int_eq(settings_path("/x/conf", "/home/u", p, sizeof p), 0);
	ck_assert_str_eq(p, "/x/conf/forktop/forktoprc");
	ck_assert_int_eq(settings_path("rel/conf", "/home/u", p, sizeof p), 0);
	ck_assert_str_eq(p, "/home/u/.config/forktop/forktoprc");
	ck_assert_int_eq(settings_path("", "/home/u", p, sizeof p), 0);
	ck_assert_str_eq(p, "/home/u/.config/forktop/forktoprc");
	ck_assert_int_eq(settings_path(NULL, "/home/u", p, sizeof p), 0);
	ck_assert_int_eq(settings_path(NULL, NULL, p, sizeof p), -1);
	ck_assert_int_eq(settings_path("relative", "", p, sizeof p), -1);
	ck_assert_int_eq(settings_path("/a/very/long/path/that/does/not/fit/in/the/buffer",
				       NULL, p, 32), -1);
}
END_TEST

/* The file gives the defaults of the command line; options on the command line win. */
START_TEST(apply_to_options)
{
	struct settings s;
	struct diags d;
	struct options o = { .mode = MODE_SCREEN, .delay = DELAY_DEFAULT, .grace = 5,
		.ascii = true };
	ck_assert_int_eq(parse(&s, "delay = 30\ntree = off\nkernel_threads = on\n"
			       "grace = 2.5\nconfirm_signal = off\n", &d), 0);
	settings_apply(&s, &o);
	ck_assert_int_eq(o.delay, 30);
	ck_assert(o.list && o.kthreads && o.grace == 2.5);
	ck_assert(o.ascii);	/* connectors not in the file: untouched */
	ck_assert_int_eq(parse(&s, "connectors = utf8\n", &d), 0);
	settings_apply(&s, &o);
	ck_assert(!o.ascii);
	ck_assert_int_eq(o.delay, 30);
}
END_TEST

START_TEST(format_values)
{
	struct settings s;
	char v[64];
	settings_default(&s);
	double g[] = { 0.1, 5, 0.25, 600, 1.05, 2.5 };
	const char *want[] = { "0.1", "5", "0.25", "600", "1.05", "2.5" };
	for (size_t i = 0; i < ARRAY_LEN(g); i++) {
		s.grace = g[i];
		settings_format(&s, SETTING_GRACE, v, sizeof v);
		ck_assert_str_eq(v, want[i]);
	}
	s.connectors = CONNECTORS_UTF8;
	settings_format(&s, SETTING_CONNECTORS, v, sizeof v);
	ck_assert_str_eq(v, "utf8");
	s.tree = false;
	settings_format(&s, SETTING_TREE, v, sizeof v);
	ck_assert_str_eq(v, "off");
}
END_TEST

/* ---- saving ------------------------------------------------------------------------- */

static void merged(const char *old, const struct settings *s, const char *want)
{
	struct sbuf out;
	sbuf_init(&out);
	settings_merge(old, strlen(old), false, s, &out);
	ck_assert_str_eq(sbuf_str(&out), want);
	sbuf_free(&out);
}

START_TEST(merge_keeps_the_users_lines)
{
	struct settings s;
	settings_default(&s);
	s.set = 1u << SETTING_DELAY | 1u << SETTING_TREE | 1u << SETTING_THEME |
		1u << SETTING_GRACE;
	s.delay = 20;
	s.tree = false;
	snprintf(s.theme, sizeof s.theme, "my theme");
	s.grace = 5;
	merged("# forktoprc of mine\n"
	       "\n"
	       "  delay=10   # faster\n"
	       "future_key = 42\n"
	       "this line is broken\n"
	       "grace = 5.000\n"
	       "delay = 11\n"
	       "kernel_threads = on\n",
	       &s,
	       "# forktoprc of mine\n"
	       "\n"
	       "  delay = 20 # faster\n"
	       "future_key = 42\n"
	       "this line is broken\n"
	       "grace = 5.000\n"	/* the same value: untouched */
	       "delay = 20\n"
	       "kernel_threads = on\n"	/* not to be saved: untouched */
	       "tree = off\n"
	       "theme = \"my theme\"\n");
	merged("tree = on", &s, "tree = off\ndelay = 20\ntheme = \"my theme\"\ngrace = 5\n");
	merged("\xef\xbb\xbftree = off\r\ndelay = 3 # x\r\n", &s,
	       "\xef\xbb\xbftree = off\r\ndelay = 20 # x\r\n"
	       "theme = \"my theme\"\ngrace = 5\n");
	s.set = 0;
	merged("anything\n", &s, "anything\n");
}
END_TEST

START_TEST(merge_new_file_and_round_trip)
{
	struct settings s, back;
	struct diags d;
	struct sbuf out;
	settings_default(&s);
	s.set = (1u << SETTING_COUNT) - 1;
	s.delay = 7;
	s.connectors = CONNECTORS_UTF8;
	snprintf(s.theme, sizeof s.theme, "#odd name");
	s.grace = 0.3;
	s.ncolumns = 2;
	s.columns[0] = COLUMN_COMMAND;
	s.columns[1] = COLUMN_PID;
	sbuf_init(&out);
	settings_merge("", 0, true, &s, &out);
	ck_assert(strncmp(sbuf_str(&out), "# forktop settings", 18) == 0);
	settings_default(&back);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(settings_parse(&back, sbuf_str(&out), out.len, "rc", collect, &d), 0);
	ck_assert_uint_eq(back.set, s.set);
	for (int k = 0; k < SETTING_COUNT; k++) {
		char a[1100], b[1100];
		settings_format(&s, (enum settings_key)k, a, sizeof a);
		settings_format(&back, (enum settings_key)k, b, sizeof b);
		ck_assert_str_eq(a, b);
	}
	sbuf_free(&out);
}
END_TEST

static char *read_all(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	if (d)
		closedir(d);
	return n;
}

/* Saved by writing a new file and renaming it over the old: a hard link to the old file
 * still sees the old text (an in-place rewrite would change it), the inode changes, the
 * mode stays, and no temporary file is left behind. */
START_TEST(save_is_atomic_and_keeps_comments)
{
	char path[400], hard[400], err[512];
	struct stat before, after;
	struct settings s;
	struct diags d;
	const char *tmpdir = make_tmpdir();
	snprintf(path, sizeof path, "%s/forktoprc", tmpdir);
	snprintf(hard, sizeof hard, "%s/old-link", tmpdir);
	const char *old = "# mine\ndelay = 10  # slow machine\nwhatever = 1\n";
	write_file(path, old);
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(link(path, hard), 0);
	ck_assert_int_eq(stat(path, &before), 0);

	settings_default(&s);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(settings_load(&s, path, collect, &d, err, sizeof err), 1);
	ck_assert_str_eq(d.msg[0] + strlen(path), ":3: unknown key 'whatever'; line ignored");
	s.delay = 25;
	s.scrollback = 5000;
	s.set |= 1u << SETTING_SCROLLBACK;
	ck_assert_int_eq(settings_save(path, &s, err, sizeof err), 0);

	ck_assert_str_eq(read_all(path), "# mine\ndelay = 25 # slow machine\nwhatever = 1\n"
			 "scrollback = 5000\n");
	ck_assert_str_eq(read_all(hard), old);
	ck_assert_int_eq(stat(path, &after), 0);
	ck_assert(after.st_ino != before.st_ino);
	ck_assert_int_eq(after.st_mode & 07777, 0640);
	ck_assert_int_eq(count_entries(tmpdir), 2);	/* forktoprc and old-link */
	ck_assert_int_eq(rm_rf(tmpdir), 0);
}
END_TEST

START_TEST(save_creates_dirs_and_follows_links)
{
	char path[400], target[400], err[512];
	struct settings s;
	struct stat st;
	const char *tmpdir = make_tmpdir();
	settings_default(&s);
	s.set = 1u << SETTING_TREE;
	s.tree = false;
	snprintf(path, sizeof path, "%s/conf/forktop/forktoprc", tmpdir);
	ck_assert_int_eq(settings_save(path, &s, err, sizeof err), 0);
	ck_assert_str_eq(read_all(path), "# forktop settings: key = value, one a line; see "
			 "forktop(1).\ntree = off\n");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	snprintf(target, sizeof target, "%s/conf/forktop", tmpdir);
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);

	/* a dotfiles-style link: the file it names is replaced, the link stays */
	snprintf(target, sizeof target, "%s/dotfiles-rc", tmpdir);
	write_file(target, "delay = 3\n");
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(symlink(target, path), 0);
	ck_assert_int_eq(settings_save(path, &s, err, sizeof err), 0);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_str_eq(read_all(target), "delay = 3\ntree = off\n");
	ck_assert_int_eq(rm_rf(tmpdir), 0);
}
END_TEST

START_TEST(save_failures_leave_the_file)
{
	char path[400], err[512];
	struct settings s;
	const char *tmpdir = make_tmpdir();
	settings_default(&s);
	s.set = 1u << SETTING_DELAY;
	/* a path through a regular file cannot be created */
	snprintf(path, sizeof path, "%s/file", tmpdir);
	write_file(path, "x");
	snprintf(path, sizeof path, "%s/file/forktoprc", tmpdir);
	ck_assert_int_eq(settings_save(path, &s, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "Not a directory") != NULL, "%s", err);
	/* a directory where the file should be */
	snprintf(path, sizeof path, "%s/dir", tmpdir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(settings_save(path, &s, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "is not a regular file") != NULL, "%s", err);
	/* a dangling link */
	snprintf(path, sizeof path, "%s/dangling", tmpdir);
	ck_assert_int_eq(symlink("/nonexistent/rc", path), 0);
	ck_assert_int_eq(settings_save(path, &s, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "cannot follow the link") != NULL, "%s", err);
	ck_assert_int_eq(count_entries(tmpdir), 3);
	ck_assert_int_eq(rm_rf(tmpdir), 0);
}
END_TEST

START_TEST(load_missing_and_unreadable)
{
	struct settings s;
	char err[256];
	settings_default(&s);
	ck_assert_int_eq(settings_load(&s, "/nonexistent/forktoprc", NULL, NULL, err,
				       sizeof err), 0);
	ck_assert_uint_eq(s.set, 0);
	ck_assert_int_eq(settings_load(&s, "/", NULL, NULL, err, sizeof err), -1);
	ck_assert_str_eq(err, "/ is not a regular file");
}
END_TEST

static Suite *settings_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, every_key);
	tcase_add_test(tc, columns_order_and_names);
	tcase_add_test(tc, value_spellings);
	tcase_add_test(tc, bad_values);
	tcase_add_test(tc, bad_lines);
	tcase_add_test(tc, nul_and_long_lines);
	tcase_add_test(tc, report_flood_is_capped);
	tcase_add_test(tc, path_follows_xdg);
	tcase_add_test(tc, apply_to_options);
	tcase_add_test(tc, format_values);
	suite_add_tcase(s, tc);
	tc = tcase_create("save");
	tcase_add_test(tc, merge_keeps_the_users_lines);
	tcase_add_test(tc, merge_new_file_and_round_trip);
	tcase_add_test(tc, save_is_atomic_and_keeps_comments);
	tcase_add_test(tc, save_creates_dirs_and_follows_links);
	tcase_add_test(tc, save_failures_leave_the_file);
	tcase_add_test(tc, load_missing_and_unreadable);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(settings_suite());
}
