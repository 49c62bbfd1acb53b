/* theme_dirs.c - where theme files are found: --theme NAME and --list-themes. */
#include "theme.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"
#include "util.h"

#define THEME_EXT ".theme"

static void add_dir(struct theme_dirs *d, enum theme_origin origin, const char *a,
		    const char *b)
{
	if (d->n == THEME_DIRS_MAX)
		return;
	int n = snprintf(d->dir[d->n], THEME_PATH_MAX, "%s%s", a, b);
	if (n > 0 && n < THEME_PATH_MAX)	/* a path too long to open is left out */
		d->origin[d->n++] = origin;
}

void theme_dirs_init(struct theme_dirs *d, const char *xdg_config_home, const char *home,
		     const char *datadir, const char *srcdir)
{
	d->n = 0;
	if (xdg_config_home && xdg_config_home[0] == '/')
		add_dir(d, THEME_FROM_USER, xdg_config_home, "/forktop/themes");
	else if (home && *home)
		add_dir(d, THEME_FROM_USER, home, "/.config/forktop/themes");
	if (datadir && *datadir)
		add_dir(d, THEME_FROM_INSTALLED, datadir, "");
	if (srcdir && *srcdir)
		add_dir(d, THEME_FROM_SOURCE, srcdir, "");
}

const char *theme_origin_name(enum theme_origin o)
{
	switch (o) {
	case THEME_FROM_USER: return "user";
	case THEME_FROM_INSTALLED: return "installed";
	case THEME_FROM_SOURCE: return "source tree";
	case THEME_FROM_BUILTIN: return "built-in";
	}
	return "?";
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Length of name without a trailing ".theme", or 0 when nothing is left. */
static size_t stem_len(const char *name)
{
	size_t n = strlen(name), e = strlen(THEME_EXT);
	if (n > e && strcmp(name + n - e, THEME_EXT) == 0)
		return n - e;
	return n;
}

static int copy_path(char *path, size_t size, const char *s, char *err, size_t errlen)
{
	if ((size_t)snprintf(path, size, "%s", s) >= size) {
		snprintf(err, errlen, "theme path too long");
		return -1;
	}
	return 0;
}

int theme_find(const struct theme_dirs *d, const char *arg, char *path, size_t size,
	       char *err, size_t errlen)
{
	size_t n = stem_len(arg);
	if (!*arg) {
		snprintf(err, errlen, "empty theme name");
		return -1;
	}
	if (strchr(arg, '/') || (n < strlen(arg) && is_file(arg)))
		return copy_path(path, size, arg, err, errlen);
	for (size_t i = 0; i < d->n; i++) {
		char p[THEME_PATH_MAX + 256];
		int w = snprintf(p, sizeof p, "%s/%.*s%s", d->dir[i], (int)n, arg, THEME_EXT);
		if (w > 0 && (size_t)w < sizeof p && is_file(p))
			return copy_path(path, size, p, err, errlen);
	}
	if (n == strlen("default") && strncmp(arg, "default", n) == 0) {
		if (size)
			path[0] = '\0';
		return 0;
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "no theme '");
	text_escape(&b, arg, n, 0);
	sbuf_adds(&b, "'");
	for (size_t i = 0; i < d->n; i++) {
		sbuf_adds(&b, i ? ", " : " in ");
		text_escape(&b, d->dir[i], strlen(d->dir[i]), 0);
	}
	sbuf_adds(&b, " (forktop --list-themes lists them)");
	snprintf(err, errlen, "%s", sbuf_str(&b));
	sbuf_free(&b);
	return -1;
}

static bool listed(const struct theme_entry *list, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i].name) == len && strncmp(list[i].name, name, len) == 0)
			return true;
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct theme_entry *)a)->name,
		      ((const struct theme_entry *)b)->name);
}

size_t theme_list(const struct theme_dirs *d, struct theme_entry **out)
{
	struct theme_entry *list = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < d->n; i++) {
		DIR *dir = opendir(d->dir[i]);
		struct dirent *de;
		while (dir && (de = readdir(dir))) {
			size_t len = stem_len(de->d_name);
			if (len == strlen(de->d_name) || de->d_name[0] == '.' ||
			    listed(list, n, de->d_name, len))
				continue;
			struct sbuf p;
			sbuf_init(&p);
			sbuf_printf(&p, "%s/%s", d->dir[i], de->d_name);
			if (is_file(sbuf_str(&p))) {
				list = xgrow(list, &cap, n + 1, sizeof *list);
				list[n++] = (struct theme_entry){ xstrndup(de->d_name, len),
					xstrdup(sbuf_str(&p)), d->origin[i] };
			}
			sbuf_free(&p);
		}
		if (dir)
			closedir(dir);
	}
	if (!listed(list, n, "default", strlen("default"))) {
		list = xgrow(list, &cap, n + 1, sizeof *list);
		list[n++] = (struct theme_entry){ xstrdup("default"), NULL, THEME_FROM_BUILTIN };
	}
	qsort(list, n, sizeof *list, by_name);
	*out = list;
	return n;
}

void theme_list_free(struct theme_entry *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].path);
	}
	free(list);
}
