/* test_theme_files.c - theme files on disk: loading (and refusing what is not a small
 * regular file), the XDG search path, --theme lookup, --list-themes, and every bundled
 * theme: parsed without a report, default.theme equal to the built-in default, and all
 * of them readable with and without colours. */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "theme.h"
#include "theme_test.h"
#include "unit.h"
#include "util.h"

static void mkdirs(const char *path)
{
	char p[512];
	snprintf(p, sizeof p, "%s", path);
	for (char *c = p + 1; *c; c++)
		if (*c == '/') {
			*c = '\0';
			mkdir(p, 0700);
			*c = '/';
		}
	mkdir(p, 0700);
}

START_TEST(load_file_errors)
{
	struct theme t;
	char err[512], path[512];
	theme_default(&t);
	const char *tmpdir = make_tmpdir();
	ck_assert_int_eq(theme_load_file(&t, "/nonexistent/x.theme", NULL, NULL, err,
					 sizeof err), -1);
	ck_assert_str_eq(err, "cannot read /nonexistent/x.theme: No such file or directory");
	ck_assert_int_eq(theme_load_file(&t, tmpdir, NULL, NULL, err, sizeof err), -1);
	ck_assert(strstr(err, "is not a regular file") != NULL);
	snprintf(path, sizeof path, "%s/fifo.theme", tmpdir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);	/* no writer: must not hang */
	ck_assert_int_eq(theme_load_file(&t, path, NULL, NULL, err, sizeof err), -1);
	ck_assert(strstr(err, "is not a regular file") != NULL);
	snprintf(path, sizeof path, "%s/big.theme", tmpdir);
	int fd = open(path, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_eq(ftruncate(fd, THEME_FILE_MAX + 1), 0);
	close(fd);
	ck_assert_int_eq(theme_load_file(&t, path, NULL, NULL, err, sizeof err), -1);
	ck_assert(strstr(err, "is larger than 1048576 bytes") != NULL);
	snprintf(path, sizeof path, "%s/ok.theme", tmpdir);
	write_file(path, "zombie = blue\nbad\n");
	struct diags d = { 0 };
	ck_assert_int_eq(theme_load_file(&t, path, collect, &d, err, sizeof err), 1);
	ck_assert(color_eq(t.style[TE_ZOMBIE].fg, idx(4)));
	ck_assert(strstr(d.msg[0], "/ok.theme:2: ") != NULL);
	ck_assert_int_eq(rm_rf(tmpdir), 0);
}
END_TEST

START_TEST(dirs_follow_xdg)
{
	struct theme_dirs d;
	theme_dirs_init(&d, "/x/conf", "/home/u", "/usr/share/forktop/themes", "themes");
	ck_assert_int_eq(d.n, 3);
	ck_assert_str_eq(d.dir[0], "/x/conf/forktop/themes");
	ck_assert_int_eq(d.origin[0], THEME_FROM_USER);
	ck_assert_str_eq(d.dir[1], "/usr/share/forktop/themes");
	ck_assert_int_eq(d.origin[1], THEME_FROM_INSTALLED);
	ck_assert_str_eq(d.dir[2], "themes");
	ck_assert_int_eq(d.origin[2], THEME_FROM_SOURCE);
	theme_dirs_init(&d, "relative/conf", "/home/u", NULL, "");	/* XDG: absolute only */
	ck_assert_int_eq(d.n, 1);
	ck_assert_str_eq(d.dir[0], "/home/u/.config/forktop/themes");
	theme_dirs_init(&d, "", "/home/u", NULL, NULL);
	ck_assert_str_eq(d.dir[0], "/home/u/.config/forktop/themes");
	theme_dirs_init(&d, NULL, NULL, "/usr/share/forktop/themes", NULL);
	ck_assert_int_eq(d.n, 1);
	ck_assert_int_eq(d.origin[0], THEME_FROM_INSTALLED);
	theme_dirs_init(&d, NULL, "", NULL, NULL);
	ck_assert_int_eq(d.n, 0);
	ck_assert_str_eq(theme_origin_name(THEME_FROM_BUILTIN), "built-in");
}
END_TEST

START_TEST(find_themes)
{
	struct theme_dirs d;
	char path[THEME_PATH_MAX], err[1024], user[300], inst[300], p[400];
	const char *tmpdir = make_tmpdir();
	snprintf(user, sizeof user, "%s/xdg/forktop/themes", tmpdir);
	snprintf(inst, sizeof inst, "%s/share", tmpdir);
	mkdirs(user);
	mkdirs(inst);
	snprintf(p, sizeof p, "%s/nord.theme", user);
	write_file(p, "");
	snprintf(p, sizeof p, "%s/nord.theme", inst);
	write_file(p, "");
	snprintf(p, sizeof p, "%s/gruvbox.theme", inst);
	write_file(p, "");
	snprintf(p, sizeof p, "%s/xdg", tmpdir);
	theme_dirs_init(&d, p, "/nonexistent", inst, NULL);

	ck_assert_int_eq(theme_find(&d, "nord", path, sizeof path, err, sizeof err), 0);
	snprintf(p, sizeof p, "%s/nord.theme", user);
	ck_assert_str_eq(path, p);	/* the user's copy wins */
	ck_assert_int_eq(theme_find(&d, "gruvbox.theme", path, sizeof path, err, sizeof err), 0);
	snprintf(p, sizeof p, "%s/gruvbox.theme", inst);
	ck_assert_str_eq(path, p);
	ck_assert_int_eq(theme_find(&d, "./my/own.theme", path, sizeof path, err, sizeof err),
			 0);
	ck_assert_str_eq(path, "./my/own.theme");	/* a path: as given */
	ck_assert_int_eq(theme_find(&d, "default", path, sizeof path, err, sizeof err), 0);
	ck_assert_str_eq(path, "");	/* built in */
	ck_assert_int_eq(theme_find(&d, "nope", path, sizeof path, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "no theme 'nope' in ") && strstr(err, user) &&
		      strstr(err, inst) && strstr(err, "--list-themes"), "%s", err);
	ck_assert_int_eq(theme_find(&d, "", path, sizeof path, err, sizeof err), -1);
	ck_assert_int_eq(theme_find(&d, "\x1b[2J", path, sizeof path, err, sizeof err), -1);
	ck_assert(strstr(err, "'\\e[2J'") != NULL);

	/* a file in the current directory, named with .theme */
	ck_assert_int_eq(chdir(tmpdir), 0);
	write_file("here.theme", "");
	ck_assert_int_eq(theme_find(&d, "here.theme", path, sizeof path, err, sizeof err), 0);
	ck_assert_str_eq(path, "here.theme");
	ck_assert_int_eq(theme_find(&d, "here", path, sizeof path, err, sizeof err), -1);
	ck_assert_int_eq(chdir("/"), 0);
	ck_assert_int_eq(rm_rf(tmpdir), 0);
}
END_TEST

START_TEST(list_themes)
{
	struct theme_dirs d;
	struct theme_entry *list;
	char user[300], inst[300], p[400];
	const char *tmpdir = make_tmpdir();
	snprintf(user, sizeof user, "%s/home/.config/forktop/themes", tmpdir);
	snprintf(inst, sizeof inst, "%s/share", tmpdir);
	mkdirs(user);
	mkdirs(inst);
	const char *in_user[] = { "nord.theme", ".hidden.theme", "notes.txt", ".theme" };
	const char *in_inst[] = { "nord.theme", "gruvbox.theme", "light.theme" };
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/%s", user, in_user[i]);
		write_file(p, "");
	}
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", inst, in_inst[i]);
		write_file(p, "");
	}
	snprintf(p, sizeof p, "%s/dir.theme", inst);
	mkdir(p, 0700);		/* not a file */
	snprintf(p, sizeof p, "%s/home", tmpdir);
	theme_dirs_init(&d, NULL, p, inst, NULL);
	size_t n = theme_list(&d, &list);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(list[0].name, "default");
	ck_assert_int_eq(list[0].origin, THEME_FROM_BUILTIN);
	ck_assert_ptr_null(list[0].path);
	ck_assert_str_eq(list[1].name, "gruvbox");
	ck_assert_int_eq(list[1].origin, THEME_FROM_INSTALLED);
	ck_assert_str_eq(list[2].name, "light");
	ck_assert_str_eq(list[3].name, "nord");
	ck_assert_int_eq(list[3].origin, THEME_FROM_USER);
	snprintf(p, sizeof p, "%s/nord.theme", user);
	ck_assert_str_eq(list[3].path, p);
	theme_list_free(list, n);
	ck_assert_int_eq(rm_rf(tmpdir), 0);
}
END_TEST

/* ---- the bundled themes ------------------------------------------------------------- */

static const char *themes_dir(void)
{
	static char dir[1024];
	const char *top = getenv("TOP_SRCDIR");
	snprintf(dir, sizeof dir, "%s/themes", top && *top ? top : ".");
	return dir;
}

static void load_bundled(const char *name, struct theme *t, struct diags *d)
{
	char path[1200], err[1300];
	snprintf(path, sizeof path, "%s/%s.theme", themes_dir(), name);
	memset(d, 0, sizeof *d);
	theme_default(t);
	int r = theme_load_file(t, path, collect, d, err, sizeof err);
	ck_assert_msg(r == 0, "%s: %s", path, r < 0 ? err : d->msg[0]);
}

START_TEST(bundled_themes_parse_clean)
{
	DIR *dir = opendir(themes_dir());
	ck_assert_msg(dir != NULL, "cannot open %s (TOP_SRCDIR?)", themes_dir());
	struct dirent *de;
	int count = 0;
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		if (n < 7 || strcmp(de->d_name + n - 6, ".theme") != 0)
			continue;
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)(n - 6), de->d_name);
		struct theme t;
		struct diags d;
		load_bundled(name, &t, &d);
		count++;
	}
	closedir(dir);
	ck_assert_int_ge(count, 8);
}
END_TEST

/* default.theme sets every key to the built-in value: parsed over a theme where every
 * colour and attribute is something else, it gives exactly theme_default. (The mono
 * attributes start empty: the file lists those that are not "none".) */
START_TEST(default_file_is_the_builtin)
{
	struct theme t, def;
	struct diags d;
	char path[1200], err[1300];
	theme_default(&def);
	for (int e = 0; e < TE_COUNT; e++)
		t.style[e] = (struct theme_style){ idx(77), idx(78), 0x40, 0 };
	snprintf(path, sizeof path, "%s/default.theme", themes_dir());
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(theme_load_file(&t, path, collect, &d, err, sizeof err), 0);
	for (int e = 0; e < TE_COUNT; e++)
		ck_assert_msg(style_eq(&t.style[e], &def.style[e]), "%s: file '%s'",
			      theme_elem_key((enum theme_elem)e), fmt(&t.style[e]));
}
END_TEST

/* WCAG contrast of two resolved truecolor pens. */
static double lum(int pen)
{
	unsigned char c[3];
	if (pen & THEME_PEN_RGB_FLAG) {
		c[0] = (unsigned char)(pen >> 16);
		c[1] = (unsigned char)(pen >> 8);
		c[2] = (unsigned char)pen;
	} else {
		theme_index_rgb(pen, &c[0], &c[1], &c[2]);
	}
	double l[3];
	for (int i = 0; i < 3; i++) {
		double v = c[i] / 255.0;
		l[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double contrast(int a, int b)
{
	double la = lum(a), lb = lum(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Readable: what must be found at a glance (the selected row, zombies, failed tasks,
 * errors, bars) has contrast 3 or more (WCAG's level for bold text) and differs from
 * normal text; all text 2 or more. "default" is taken as black or white, as the theme
 * is meant for dark or light terminals. Without colours, the selected row, tagged rows
 * and zombies, and failed and zombie tasks, are told apart by attributes. */
START_TEST(bundled_themes_are_readable)
{
	static const struct { const char *name; bool light; } themes[] = {
		{ "default", false }, { "light", true }, { "monochrome", false },
		{ "high-contrast", false }, { "solarized-dark", false },
		{ "solarized-light", true }, { "nord", false }, { "gruvbox", false },
	};
	static const enum theme_elem key[] = {
		TE_SELECTED, TE_ZOMBIE, TE_TASK_ZOMBIE, TE_TASK_FAILED, TE_EVENT_ERROR,
		TE_DIALOG, TE_DIALOG_SELECTED, TE_DIALOG_ERROR, TE_KEYBAR_LABEL, TE_COLUMN_HEADER,
	};
	for (size_t i = 0; i < ARRAY_LEN(themes); i++) {
		struct theme t;
		struct diags d;
		struct theme_pen p, normal;
		load_bundled(themes[i].name, &t, &d);
		int term_fg = themes[i].light ? 0 : 15, term_bg = themes[i].light ? 15 : 0;
		theme_resolve(&t, TE_NORMAL, THEME_DEPTH_TRUECOLOR, &normal);
		for (int e = 0; e < TE_COUNT; e++) {
			theme_resolve(&t, (enum theme_elem)e, THEME_DEPTH_TRUECOLOR, &p);
			int fg = p.fg == THEME_PEN_DEFAULT ? term_fg : p.fg;
			int bg = p.bg == THEME_PEN_DEFAULT ? term_bg : p.bg;
			double c = contrast(fg, bg), min = 2.0;
			for (size_t k = 0; k < ARRAY_LEN(key); k++)
				if ((int)key[k] == e)
					min = 3.0;
			ck_assert_msg(c >= min, "%s: %s has contrast %.2f (< %.1f)",
				      themes[i].name, theme_elem_key((enum theme_elem)e), c, min);
		}
		for (size_t k = 0; k < ARRAY_LEN(key); k++) {
			theme_resolve(&t, key[k], THEME_DEPTH_TRUECOLOR, &p);
			ck_assert_msg(p.fg != normal.fg || p.bg != normal.bg || p.attrs,
				      "%s: %s looks like normal text", themes[i].name,
				      theme_elem_key(key[k]));
		}
		unsigned sel = t.style[TE_SELECTED].mono, tag = t.style[TE_TAGGED].mono,
			 zom = t.style[TE_ZOMBIE].mono, tz = t.style[TE_TASK_ZOMBIE].mono,
			 tf = t.style[TE_TASK_FAILED].mono;
		ck_assert_msg(sel && tag && zom && sel != tag && sel != zom && tag != zom,
			      "%s: mono rows", themes[i].name);
		ck_assert_msg(tz && tf && tz != tf, "%s: mono task states", themes[i].name);
	}
}
END_TEST

static Suite *theme_files_suite(void)
{
	Suite *s = suite_create("theme_files");
	TCase *tc = tcase_create("files");
	tcase_add_test(tc, load_file_errors);
	tcase_add_test(tc, dirs_follow_xdg);
	tcase_add_test(tc, find_themes);
	tcase_add_test(tc, list_themes);
	tcase_add_test(tc, bundled_themes_parse_clean);
	tcase_add_test(tc, default_file_is_the_builtin);
	tcase_add_test(tc, bundled_themes_are_readable);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(theme_files_suite());
}
