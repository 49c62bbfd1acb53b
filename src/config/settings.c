/* settings.c - forktoprc: parsing, formatting, and saving in place. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1		/* mkostemp */
#endif
#include "settings.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

#define LINE_MAX_BYTES 4096
#define PROBLEM_MAX 320

static const char *const key_names[SETTING_COUNT] = {
	[SETTING_DELAY] = "delay", [SETTING_TREE] = "tree",
	[SETTING_CONNECTORS] = "connectors", [SETTING_THEME] = "theme",
	[SETTING_KERNEL_THREADS] = "kernel_threads", [SETTING_USER_THREADS] = "user_threads",
	[SETTING_CONFIRM_SIGNAL] = "confirm_signal", [SETTING_GRACE] = "grace",
	[SETTING_SCROLLBACK] = "scrollback", [SETTING_COLUMNS] = "columns",
};

const char *settings_key_name(enum settings_key k)
{
	return (unsigned)k < SETTING_COUNT ? key_names[k] : NULL;
}

void settings_default(struct settings *s)
{
	*s = (struct settings){ .delay = DELAY_DEFAULT, .tree = true,
		.connectors = CONNECTORS_AUTO, .confirm_signal = true, .grace = GRACE_DEFAULT,
		.scrollback = SCROLLBACK_DEFAULT, .ncolumns = COLUMNS_DEFAULT };
	snprintf(s->theme, sizeof s->theme, "default");
	for (int c = 0; c < COLUMNS_DEFAULT; c++)
		s->columns[c] = (enum column_id)c;
}

/* ---- values ---------------------------------------------------------------------- */

static void problem_quoted(char *problem, const char *v, const char *after)
{
	struct sbuf b;
	size_t n = strlen(v);
	sbuf_init(&b);
	sbuf_addc(&b, '\'');
	text_escape(&b, v, n > 40 ? 40 : n, 0);
	sbuf_adds(&b, n > 40 ? "…' " : "' ");
	sbuf_adds(&b, after);
	snprintf(problem, PROBLEM_MAX, "%s", sbuf_str(&b));
	sbuf_free(&b);
}

/* A decimal number "D[.D]" read without strtod, whose decimal point follows the locale.
 * The digits are summed as integers so that "0.3" is the double 0.3. */
static bool parse_decimal(const char *v, double min, double max, double *out)
{
	size_t ni = strspn(v, "0123456789"), nf = 0;
	const char *f = v + ni;
	if (*f == '.')
		nf = strspn(++f, "0123456789");
	if ((ni == 0 && nf == 0) || f[nf] != '\0' || ni > 6 || nf > 6)
		return false;
	long whole = 0, frac = 0, scale = 1;
	for (size_t i = 0; i < ni; i++)
		whole = whole * 10 + (v[i] - '0');
	for (size_t i = 0; i < nf; i++) {
		frac = frac * 10 + (f[i] - '0');
		scale *= 10;
	}
	double x = (double)whole + (double)frac / (double)scale;
	if (!(x >= min && x <= max))
		return false;
	*out = x;
	return true;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "on", "yes", "true", "1" };
	static const char *const no[] = { "off", "no", "false", "0" };
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = true, true;
		if (strcasecmp(v, no[i]) == 0)
			return *out = false, true;
	}
	return false;
}

/* "is not a column (PID, PPID, ...)", the names from the column table. */
static void not_a_column(char *problem, const char *name)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "is not a column (");
	for (int c = 0; c < COLUMN_COUNT; c++)
		sbuf_printf(&b, "%s%s", c ? ", " : "", column_get((enum column_id)c)->name);
	sbuf_addc(&b, ')');
	problem_quoted(problem, name, sbuf_str(&b));
	sbuf_free(&b);
}

static int parse_columns(const char *v, struct settings *s, char *problem)
{
	enum column_id cols[COLUMN_COUNT];
	size_t n = 0;
	bool seen[COLUMN_COUNT] = { false };
	for (const char *p = v;;) {
		p += strspn(p, " \t");
		size_t len = strcspn(p, ",");
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(len < 40 ? len : 40), p);
		int c = column_by_name(p, len);
		if (len == 0) {
			problem_quoted(problem, v, "has an empty column name");
			return -1;
		}
		if (c < 0) {
			not_a_column(problem, name);
			return -1;
		}
		if (seen[c]) {
			problem_quoted(problem, name, "is given twice");
			return -1;
		}
		seen[c] = true;
		cols[n++] = (enum column_id)c;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	if (!seen[COLUMN_COMMAND]) {
		snprintf(problem, PROBLEM_MAX, "COMMAND is required (the tree is drawn in it)");
		return -1;
	}
	memcpy(s->columns, cols, n * sizeof cols[0]);
	s->ncolumns = n;
	return 0;
}

static bool has_control(const char *v)
{
	for (; *v; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return true;
	return false;
}

/* Sets key k of s from the value text v; s is unchanged on error. */
static int set_value(struct settings *s, enum settings_key k, const char *v, char *problem)
{
	bool ok = true;
	switch (k) {
	case SETTING_DELAY:
		if (!(ok = parse_int(v, DELAY_MIN, DELAY_MAX, &s->delay)))
			problem_quoted(problem, v, "is not tenths of a second from 1 to 600");
		break;
	case SETTING_TREE:
	case SETTING_KERNEL_THREADS:
	case SETTING_USER_THREADS:
	case SETTING_CONFIRM_SIGNAL:
		if (!(ok = parse_bool(v, k == SETTING_TREE ? &s->tree : k == SETTING_KERNEL_THREADS ?
				      &s->kernel_threads : k == SETTING_USER_THREADS ?
				      &s->user_threads : &s->confirm_signal)))
			problem_quoted(problem, v, "is not on or off");
		break;
	case SETTING_CONNECTORS:
		if (strcasecmp(v, "auto") == 0)
			s->connectors = CONNECTORS_AUTO;
		else if (strcasecmp(v, "ascii") == 0)
			s->connectors = CONNECTORS_ASCII;
		else if (strcasecmp(v, "utf8") == 0 || strcasecmp(v, "utf-8") == 0)
			s->connectors = CONNECTORS_UTF8;
		else if ((ok = false), 1)
			problem_quoted(problem, v, "is not ascii, utf8 or auto");
		break;
	case SETTING_THEME:	/* no '"': every theme value can be written back */
		if (!*v || has_control(v) || strchr(v, '"') || strlen(v) >= sizeof s->theme) {
			ok = false;
			problem_quoted(problem, v, "is not a theme name or path");
		} else {
			snprintf(s->theme, sizeof s->theme, "%s", v);
		}
		break;
	case SETTING_GRACE:
		if (!(ok = parse_decimal(v, 0.1, 600, &s->grace)))
			problem_quoted(problem, v, "is not seconds from 0.1 to 600");
		break;
	case SETTING_SCROLLBACK:
		if (!(ok = parse_int(v, SCROLLBACK_MIN, SCROLLBACK_MAX, &s->scrollback)))
			problem_quoted(problem, v, "is not a number of lines from 100 to 100000");
		break;
	case SETTING_COLUMNS:
		ok = parse_columns(v, s, problem) == 0;
		break;
	case SETTING_COUNT:
		ok = false;
		break;
	}
	if (ok)
		s->set |= 1u << k;
	return ok ? 0 : -1;
}

void settings_format(const struct settings *s, enum settings_key k, char *buf, size_t size)
{
	static const char *const conn[] = { "auto", "ascii", "utf8" };
	struct sbuf b;
	sbuf_init(&b);
	switch (k) {
	case SETTING_DELAY: sbuf_printf(&b, "%d", s->delay); break;
	case SETTING_TREE: sbuf_adds(&b, s->tree ? "on" : "off"); break;
	case SETTING_KERNEL_THREADS: sbuf_adds(&b, s->kernel_threads ? "on" : "off"); break;
	case SETTING_USER_THREADS: sbuf_adds(&b, s->user_threads ? "on" : "off"); break;
	case SETTING_CONFIRM_SIGNAL: sbuf_adds(&b, s->confirm_signal ? "on" : "off"); break;
	case SETTING_CONNECTORS:
		sbuf_adds(&b, (unsigned)s->connectors < 3 ? conn[s->connectors] : "auto");
		break;
	case SETTING_THEME: sbuf_adds(&b, s->theme); break;
	case SETTING_GRACE: {
		/* printf's %g would write a decimal comma in some locales */
		long ms = (long)(s->grace * 1000 + 0.5);
		sbuf_printf(&b, "%ld", ms / 1000);
		if (ms % 1000) {
			char frac[8];
			snprintf(frac, sizeof frac, "%03ld", ms % 1000);
			for (int i = 2; i > 0 && frac[i] == '0'; i--)
				frac[i] = '\0';
			sbuf_printf(&b, ".%s", frac);
		}
		break;
	}
	case SETTING_SCROLLBACK: sbuf_printf(&b, "%d", s->scrollback); break;
	case SETTING_COLUMNS:
		for (size_t i = 0; i < s->ncolumns && i < COLUMN_COUNT; i++) {
			const struct column *c = column_get(s->columns[i]);
			sbuf_printf(&b, "%s%s", i ? "," : "", c ? c->name : "?");
		}
		break;
	case SETTING_COUNT: break;
	}
	snprintf(buf, size, "%s", sbuf_str(&b));
	sbuf_free(&b);
}

/* ---- lines ------------------------------------------------------------------------ */

/* Where the parts of a "key = value # comment" line are, as offsets into the line. */
struct split {
	size_t key, key_len;	/* the key as written */
	size_t val, val_len;	/* the value, without quotes and blanks */
	size_t comment;		/* the '#' of a trailing comment, or the line length */
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Returns 1 for a key = value line, 0 for a blank or comment line, -1 with problem. */
static int split_line(const char *s, size_t n, struct split *sp, char *problem)
{
	size_t i = 0;
	while (i < n && blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return 0;
	const char *eq = memchr(s + i, '=', n - i);
	if (!eq) {
		snprintf(problem, PROBLEM_MAX, "expected 'key = value'");
		return -1;
	}
	size_t e = (size_t)(eq - s), j = e + 1;
	sp->key = i;
	sp->key_len = e - i;
	while (sp->key_len && blank(s[i + sp->key_len - 1]))
		sp->key_len--;
	if (!sp->key_len) {
		snprintf(problem, PROBLEM_MAX, "missing key before '='");
		return -1;
	}
	while (j < n && blank(s[j]))
		j++;
	sp->comment = n;
	if (j < n && s[j] == '"') {
		const char *q = memchr(s + j + 1, '"', n - j - 1);
		if (!q) {
			snprintf(problem, PROBLEM_MAX, "missing closing quote");
			return -1;
		}
		sp->val = j + 1;
		sp->val_len = (size_t)(q - s) - sp->val;
		size_t k = (size_t)(q - s) + 1;
		while (k < n && blank(s[k]))
			k++;
		if (k < n && (s[k] != '#' || (k + 1 < n && !blank(s[k + 1])))) {
			snprintf(problem, PROBLEM_MAX, "text after the closing quote");
			return -1;
		}
		sp->comment = k;
		return 1;
	}
	for (size_t p = j; p < n; p++)
		if (s[p] == '#' && (p == j || blank(s[p - 1])) && (p + 1 == n || blank(s[p + 1]))) {
			sp->comment = p;
			break;
		}
	sp->val = j;
	sp->val_len = sp->comment > j ? sp->comment - j : 0;
	while (sp->val_len && blank(s[j + sp->val_len - 1]))
		sp->val_len--;
	return 1;
}

static int key_by_name(const char *s, size_t n)
{
	char k[32];
	if (n >= sizeof k)
		return -1;
	for (size_t i = 0; i < n; i++)
		k[i] = s[i] == '-' ? '_' : s[i];
	k[n] = '\0';
	for (int i = 0; i < SETTING_COUNT; i++)
		if (strcasecmp(k, key_names[i]) == 0)
			return i;
	return -1;
}

struct parser {
	struct text_diag d;
};

static void parse_line(struct parser *p, struct settings *s, const char *line, size_t n)
{
	struct split sp;
	char problem[PROBLEM_MAX], value[LINE_MAX_BYTES + 1];
	int r = split_line(line, n, &sp, problem);
	if (r <= 0) {
		if (r < 0)
			text_diag(&p->d, "%s; line ignored", problem);
		return;
	}
	int k = key_by_name(line + sp.key, sp.key_len);
	if (k < 0) {
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, line + sp.key, sp.key_len > 40 ? 40 : sp.key_len, 0);
		text_diag(&p->d, "unknown key '%s'; line ignored", sbuf_str(&b));
		sbuf_free(&b);
		return;
	}
	memcpy(value, line + sp.val, sp.val_len);
	value[sp.val_len] = '\0';
	if (set_value(s, (enum settings_key)k, value, problem) < 0) {
		char kept[SETTINGS_THEME_MAX + 64];
		settings_format(s, (enum settings_key)k, kept, sizeof kept);
		struct sbuf b;
		sbuf_init(&b);
		text_escape(&b, kept, strlen(kept), 0);
		text_diag(&p->d, "%s: %s; kept %s", key_names[k], problem, sbuf_str(&b));
		sbuf_free(&b);
	}
}

/* Calls fn for each line of text (without its '\n' or "\r\n"); the BOM is skipped. */
static void each_line(const char *text, size_t len,
		      void (*fn)(void *arg, const char *line, size_t n, bool nl), void *arg)
{
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		const char *start = text + i, *nl = memchr(start, '\n', len - i);
		size_t n = nl ? (size_t)(nl - start) : len - i;
		i += n + (nl != NULL);
		fn(arg, start, n, nl != NULL);
	}
}

struct parse_arg {
	struct parser p;
	struct settings *s;
};

static void parse_each(void *arg, const char *line, size_t n, bool nl)
{
	struct parse_arg *a = arg;
	a->p.d.line++;
	if (n && line[n - 1] == '\r')
		n--;
	if (n > LINE_MAX_BYTES)
		text_diag(&a->p.d, "line too long (%zu bytes, at most %d); line ignored", n,
		     LINE_MAX_BYTES);
	else if (memchr(line, '\0', n))
		text_diag(&a->p.d, "NUL byte in the line; line ignored");
	else
		parse_line(&a->p, a->s, line, n);
}

int settings_parse(struct settings *s, const char *text, size_t len, const char *filename,
		   settings_diag_fn report, void *ctx)
{
	struct parse_arg a = { .p.d = { .file = filename ? filename : "forktoprc",
		.report = report, .ctx = ctx, .max = SETTINGS_MAX_DIAGS }, .s = s };
	each_line(text, len, parse_each, &a);
	return text_diag_end(&a.p.d);
}

int settings_path(const char *xdg_config_home, const char *home, char *buf, size_t size)
{
	int n;
	if (xdg_config_home && xdg_config_home[0] == '/')
		n = snprintf(buf, size, "%s/forktop/forktoprc", xdg_config_home);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.config/forktop/forktoprc", home);
	else
		return -1;
	return n > 0 && (size_t)n < size ? 0 : -1;
}

void settings_apply(const struct settings *s, struct options *o)
{
	if (s->set & 1u << SETTING_DELAY)
		o->delay = s->delay;
	if (s->set & 1u << SETTING_TREE)
		o->list = !s->tree;
	if (s->set & 1u << SETTING_CONNECTORS)
		o->ascii = s->connectors == CONNECTORS_ASCII;
	if (s->set & 1u << SETTING_KERNEL_THREADS)
		o->kthreads = s->kernel_threads;
	if (s->set & 1u << SETTING_USER_THREADS)
		o->uthreads = s->user_threads;
	if (s->set & 1u << SETTING_GRACE)
		o->grace = s->grace;
}

/* ---- files ------------------------------------------------------------------------ */

/* Reads a regular file of at most max bytes; ENOENT is reported as 1. */
int settings_load(struct settings *s, const char *path, settings_diag_fn report, void *ctx,
		  char *err, size_t errlen)
{
	struct sbuf b;
	struct stat st;
	sbuf_init(&b);
	int r = file_read_small(path, SETTINGS_FILE_MAX, &b, &st, err, errlen);
	if (r == 0)
		r = settings_parse(s, sbuf_str(&b), b.len, path, report, ctx);
	else if (r > 0)
		r = 0;
	sbuf_free(&b);
	return r;
}

/* ---- saving ----------------------------------------------------------------------- */

/* Whether the value text v of key k already says what s says. */
static bool same_value(const struct settings *s, enum settings_key k, const char *v, size_t n)
{
	struct settings old = *s;
	char value[LINE_MAX_BYTES + 1], problem[PROBLEM_MAX];
	char a[SETTINGS_THEME_MAX + 64], b[SETTINGS_THEME_MAX + 64];
	memcpy(value, v, n);
	value[n] = '\0';
	if (set_value(&old, k, value, problem) < 0)
		return false;
	settings_format(&old, k, a, sizeof a);
	settings_format(s, k, b, sizeof b);
	return strcmp(a, b) == 0;
}

/* Appends the value of key k as a file line holds it: quoted when it has blanks or '#'
 * (a theme never holds '"': set_value refuses it). */
static void add_value(struct sbuf *out, const struct settings *s, enum settings_key k)
{
	char v[SETTINGS_THEME_MAX + 64];
	settings_format(s, k, v, sizeof v);
	bool quote = strpbrk(v, " \t#") != NULL;
	sbuf_printf(out, quote ? "\"%s\"" : "%s", v);
}

/* line[0..n) (n includes a '\r' before the '\n') with the value of key k replaced; the
 * indentation and then the comment are dropped if keeping them would make the line too
 * long to be read back. */
static void rewrite_line(struct sbuf *out, const char *line, size_t n, size_t m,
			 const struct split *sp, const struct settings *s, enum settings_key k)
{
	struct sbuf v;
	sbuf_init(&v);
	add_value(&v, s, k);
	size_t from = sp->key + sp->key_len + 3 + v.len > LINE_MAX_BYTES ? sp->key : 0;
	size_t len = sp->key + sp->key_len - from + 3 + v.len;
	sbuf_add(out, line + from, sp->key + sp->key_len - from);
	sbuf_adds(out, " = ");
	sbuf_add(out, v.p, v.len);
	if (sp->comment < m && len + 1 + (m - sp->comment) <= LINE_MAX_BYTES) {
		sbuf_addc(out, ' ');
		sbuf_add(out, line + sp->comment, n - sp->comment);
	} else if (m < n) {
		sbuf_addc(out, '\r');
	}
	sbuf_free(&v);
}

struct save {
	const struct settings *s;
	struct sbuf out;
	unsigned present;	/* keys of s->set the file has */
};

static void save_each(void *arg, const char *line, size_t n, bool nl)
{
	struct save *sv = arg;
	size_t m = n && line[n - 1] == '\r' ? n - 1 : n;
	struct split sp;
	char problem[PROBLEM_MAX];
	int k = -1;
	if (m <= LINE_MAX_BYTES && !memchr(line, '\0', m) &&
	    split_line(line, m, &sp, problem) > 0)
		k = key_by_name(line + sp.key, sp.key_len);
	if (k >= 0 && (sv->s->set & 1u << k)) {
		sv->present |= 1u << k;
		if (!same_value(sv->s, (enum settings_key)k, line + sp.val, sp.val_len)) {
			rewrite_line(&sv->out, line, n, m, &sp, sv->s, (enum settings_key)k);
			if (nl)
				sbuf_addc(&sv->out, '\n');
			return;
		}
	}
	sbuf_add(&sv->out, line, n);
	if (nl)
		sbuf_addc(&sv->out, '\n');
}

void settings_merge(const char *old, size_t len, bool new_file, const struct settings *s,
		    struct sbuf *out)
{
	struct save sv = { .s = s, .out = *out };
	if (len >= 3 && memcmp(old, "\xef\xbb\xbf", 3) == 0)
		sbuf_add(&sv.out, old, 3);	/* each_line skips the byte order mark */
	if (new_file)
		sbuf_adds(&sv.out, "# forktop settings: key = value, one a line; see forktop(1).\n");
	each_line(old, len, save_each, &sv);
	for (int k = 0; k < SETTING_COUNT; k++) {
		if (!(s->set & 1u << k) || (sv.present & 1u << k))
			continue;
		if (sv.out.len && sv.out.p[sv.out.len - 1] != '\n')
			sbuf_addc(&sv.out, '\n');
		sbuf_printf(&sv.out, "%s = ", key_names[k]);
		add_value(&sv.out, s, (enum settings_key)k);
		sbuf_addc(&sv.out, '\n');
	}
	*out = sv.out;
}

/* Creates the missing directories of dir (0700, as XDG asks). */
static int make_dirs(const char *dir, char *err, size_t errlen)
{
	char p[PATH_MAX];
	struct stat st;
	if (snprintf(p, sizeof p, "%s", dir) >= (int)sizeof p) {
		snprintf(err, errlen, "path too long: %s", dir);
		return -1;
	}
	for (char *c = p + 1;; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char was = *c;
		*c = '\0';
		if (stat(p, &st) < 0 && mkdir(p, 0700) < 0) {
			snprintf(err, errlen, "cannot create %s: %s", p, strerror(errno));
			return -1;
		}
		if (!(*c = was))
			return 0;
	}
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* data into a temporary file beside path, fsync, rename over path, fsync the directory:
 * a crash leaves either the old file or the new one, never half of one. */
static int write_atomic(const char *path, const char *data, size_t len, mode_t mode,
			char *err, size_t errlen)
{
	char dcopy[PATH_MAX], bcopy[PATH_MAX], tmp[PATH_MAX];
	snprintf(dcopy, sizeof dcopy, "%s", path);
	snprintf(bcopy, sizeof bcopy, "%s", path);
	const char *dir = dirname(dcopy), *base = basename(bcopy);
	if (snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base) >= (int)sizeof tmp) {
		snprintf(err, errlen, "path too long: %s", path);
		return -1;
	}
	if (make_dirs(dir, err, errlen) < 0)
		return -1;
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write in %s: %s", dir, strerror(errno));
		return -1;
	}
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		snprintf(err, errlen, "cannot replace %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);	/* the rename itself reaches the disk */
		close(dfd);
	}
	return 0;
}

int settings_save(const char *path, const struct settings *s, char *err, size_t errlen)
{
	char target[PATH_MAX];
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!realpath(path, target)) {
			snprintf(err, errlen, "cannot follow the link %s: %s", path, strerror(errno));
			return -1;
		}
		path = target;
	}
	struct sbuf old, out;
	sbuf_init(&old);
	sbuf_init(&out);
	int r = file_read_small(path, SETTINGS_FILE_MAX, &old, &st, err, errlen);
	if (r >= 0) {
		settings_merge(sbuf_str(&old), old.len, r > 0, s, &out);
		r = write_atomic(path, sbuf_str(&out), out.len, r > 0 ? 0600 : st.st_mode & 07777,
				 err, errlen);
	}
	sbuf_free(&old);
	sbuf_free(&out);
	return r;
}
