/* theme.c - the screen elements, the built-in default theme and the theme file parser.
 * The grammar is documented for users at the top of themes/default.theme. */
#include "theme.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

/* Every element: its key and its built-in style, written in the file grammar so the
 * built-in default reads exactly like themes/default.theme (a unit test holds them
 * equal). */
static const struct elem_info {
	const char *key, *style, *mono;
} elems[TE_COUNT] = {
	[TE_NORMAL] = { "normal", "default", "none" },
	[TE_HEADER] = { "header", "cyan bold", "bold" },
	[TE_COLUMN_HEADER] = { "column_header", "black on green", "reverse" },
	[TE_TREE_CONNECTOR] = { "tree_connector", "brightblack", "none" },
	[TE_SELECTED] = { "selected", "black on cyan", "reverse" },
	[TE_TAGGED] = { "tagged", "yellow bold", "underline" },
	[TE_KERNEL_THREAD] = { "kernel_thread", "green", "dim" },
	[TE_ZOMBIE] = { "zombie", "red bold", "bold underline" },
	[TE_TASK] = { "task", "magenta bold", "bold" },
	[TE_TASK_RUNNING] = { "task_running", "green", "none" },
	[TE_TASK_STOPPED] = { "task_stopped", "yellow", "underline" },
	[TE_TASK_ZOMBIE] = { "task_zombie", "red bold", "bold underline" },
	[TE_TASK_JOINED] = { "task_joined", "cyan", "none" },
	[TE_TASK_FAILED] = { "task_failed", "brightwhite on red bold", "bold" },
	[TE_TASK_DAEMONIZED] = { "task_daemonized", "white on blue", "none" },
	[TE_OUTPUT] = { "output", "default", "none" },
	[TE_PANE_TITLE] = { "pane_title", "cyan", "bold" },
	[TE_EVENT_TIME] = { "event_time", "default", "none" },
	[TE_EVENT_START] = { "event_start", "green", "bold" },
	[TE_EVENT_EXIT] = { "event_exit", "yellow", "bold" },
	[TE_EVENT_JOIN] = { "event_join", "cyan", "bold" },
	[TE_EVENT_SIGNAL] = { "event_signal", "magenta", "bold" },
	[TE_EVENT_REPARENT] = { "event_reparent", "brightcyan", "bold" },
	[TE_EVENT_DAEMONIZE] = { "event_daemonize", "brightmagenta", "bold" },
	[TE_EVENT_RENAME] = { "event_rename", "cyan", "bold" },
	[TE_EVENT_REFUSED] = { "event_refused", "yellow bold", "bold" },
	[TE_EVENT_ERROR] = { "event_error", "red bold", "bold underline" },
	[TE_EVENT_MAIN] = { "event_main", "default", "none" },
	[TE_EVENT_INFO] = { "event_info", "default", "none" },
	[TE_DIALOG] = { "dialog", "white on blue", "reverse" },
	[TE_DIALOG_TITLE] = { "dialog_title", "brightwhite on blue bold", "reverse bold" },
	[TE_DIALOG_SELECTED] = { "dialog_selected", "black on cyan", "bold" },
	[TE_DIALOG_ERROR] = { "dialog_error", "brightwhite on red bold",
		"reverse bold underline" },
	[TE_KEYBAR_KEY] = { "keybar_key", "default bold", "bold" },
	[TE_KEYBAR_LABEL] = { "keybar_label", "black on cyan", "reverse" },
	[TE_STATUS] = { "status", "yellow bold", "bold" },
	[TE_HELP_KEY] = { "help_key", "cyan bold", "bold" },
	[TE_CPU_LOW] = { "cpu_low", "default", "none" },
	[TE_CPU_MID] = { "cpu_mid", "yellow", "none" },
	[TE_CPU_HIGH] = { "cpu_high", "red bold", "bold" },
	[TE_RSS_LOW] = { "rss_low", "default", "none" },
	[TE_RSS_MID] = { "rss_mid", "yellow", "none" },
	[TE_RSS_HIGH] = { "rss_high", "red bold", "bold" },
	[TE_METER_LABEL] = { "meter_label", "cyan", "bold" },
	[TE_METER_TEXT] = { "meter_text", "default bold", "none" },
	[TE_METER_BRACKET] = { "meter_bracket", "default bold", "bold" },
	[TE_CPU_USER] = { "cpu_user", "green", "none" },
	[TE_CPU_NICE] = { "cpu_nice", "brightblue", "dim" },
	[TE_CPU_SYSTEM] = { "cpu_system", "red", "bold" },
	[TE_CPU_IOWAIT] = { "cpu_iowait", "brightblack", "dim" },
	[TE_MEM_USED] = { "mem_used", "green", "none" },
	[TE_MEM_BUFFERS] = { "mem_buffers", "brightblue", "dim" },
	[TE_MEM_CACHE] = { "mem_cache", "yellow", "dim" },
	[TE_SWAP_USED] = { "swap_used", "red", "bold" },
	[TE_GRAPH_CPU] = { "graph_cpu", "cyan", "none" },
	[TE_GRAPH_MEM] = { "graph_mem", "green", "none" },
};

static const char *const color_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"brightblack", "brightred", "brightgreen", "brightyellow",
	"brightblue", "brightmagenta", "brightcyan", "brightwhite",
};

static const struct { const char *name; unsigned bit; } attr_names[] = {
	{ "bold", THEME_BOLD }, { "dim", THEME_DIM }, { "italic", THEME_ITALIC },
	{ "underline", THEME_UNDERLINE }, { "reverse", THEME_REVERSE },
};

/* Which part of an element a key sets. */
enum part { PART_STYLE, PART_FG, PART_BG, PART_ATTR, PART_MONO };

/* btop's own keys, so its theme files apply (in theme[...] lines only). A key may set
 * several elements; btop keys with no counterpart here are accepted and ignored. */
static const struct btop_key {
	const char *key;
	enum theme_elem elem;
	enum part part;
} btop_keys[] = {
	{ "main_fg", TE_NORMAL, PART_FG }, { "main_bg", TE_NORMAL, PART_BG },
	{ "title", TE_PANE_TITLE, PART_FG }, { "title", TE_HEADER, PART_FG },
	{ "hi_fg", TE_KEYBAR_KEY, PART_FG }, { "hi_fg", TE_HELP_KEY, PART_FG },
	{ "inactive_fg", TE_KERNEL_THREAD, PART_FG }, { "inactive_fg", TE_EVENT_TIME, PART_FG },
	{ "div_line", TE_TREE_CONNECTOR, PART_FG },
	{ "process_start", TE_CPU_LOW, PART_FG }, { "process_start", TE_RSS_LOW, PART_FG },
	{ "process_mid", TE_CPU_MID, PART_FG }, { "process_mid", TE_RSS_MID, PART_FG },
	{ "process_end", TE_CPU_HIGH, PART_FG }, { "process_end", TE_RSS_HIGH, PART_FG },
	{ "graph_text", TE_METER_TEXT, PART_FG }, { "cpu_start", TE_GRAPH_CPU, PART_FG },
	{ "cpu_start", TE_CPU_USER, PART_FG }, { "cpu_end", TE_CPU_SYSTEM, PART_FG },
	{ "used_start", TE_MEM_USED, PART_FG }, { "used_start", TE_GRAPH_MEM, PART_FG },
	{ "cached_start", TE_MEM_CACHE, PART_FG },
};

static const char *const btop_ignored[] = {
	"meter_bg", "proc_misc", "cpu_box", "mem_box", "net_box", "proc_box",
	"proc_pause_bg", "proc_follow_bg", "proc_banner_bg", "proc_banner_fg", "followed_bg",
	"followed_fg", "temp_start", "temp_mid", "temp_end", "cpu_mid", "free_start",
	"free_mid", "free_end", "cached_mid", "cached_end", "available_start",
	"available_mid", "available_end", "used_mid", "used_end", "download_start",
	"download_mid", "download_end", "upload_start", "upload_mid", "upload_end",
};

const char *theme_elem_key(enum theme_elem e)
{
	return (unsigned)e < TE_COUNT ? elems[e].key : NULL;
}

/* ---- values ---------------------------------------------------------------------- */

#define LINE_MAX_BYTES 4096
#define PROBLEM_MAX 256

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* A decimal number with at most 9 digits, or -1. */
static long small_number(const char *s)
{
	if (!all_digits(s) || strlen(s) > 9)
		return -1;
	return strtol(s, NULL, 10);
}

/* Appends s in single quotes, escaped and cut to a readable length. */
static void add_quoted(struct sbuf *b, const char *s, size_t n)
{
	enum { QUOTE_MAX = 40 };
	sbuf_addc(b, '\'');
	text_escape(b, s, n > QUOTE_MAX ? QUOTE_MAX : n, 0);
	if (n > QUOTE_MAX)
		sbuf_adds(b, "…");
	sbuf_addc(b, '\'');
}

/* Sets problem to "what: 'token'" with the token escaped. */
static void problem_tok(char *problem, const char *what, const char *tok, const char *after)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, what);
	add_quoted(&b, tok, strlen(tok));
	sbuf_adds(&b, after);
	snprintf(problem, PROBLEM_MAX, "%s", sbuf_str(&b));
	sbuf_free(&b);
}

/* One colour token. Returns 0, or 1 when it is not a colour at all (maybe an
 * attribute), or -1 for a malformed colour with the reason in problem. */
static int parse_color(const char *tok, struct theme_color *c, char *problem)
{
	if (strcasecmp(tok, "default") == 0) {
		*c = (struct theme_color){ .kind = THEME_COLOR_DEFAULT };
		return 0;
	}
	for (int i = 0; i < 16; i++)
		if (strcasecmp(tok, color_names[i]) == 0) {
			*c = (struct theme_color){ .kind = THEME_COLOR_INDEX, .index = i };
			return 0;
		}
	if (strcasecmp(tok, "gray") == 0 || strcasecmp(tok, "grey") == 0) {
		*c = (struct theme_color){ .kind = THEME_COLOR_INDEX, .index = 8 };
		return 0;
	}
	if (all_digits(tok)) {
		long v = small_number(tok);
		if (v < 0 || v > 255) {
			problem_tok(problem, "colour index ", tok, " is out of range 0-255");
			return -1;
		}
		*c = (struct theme_color){ .kind = THEME_COLOR_INDEX, .index = (int)v };
		return 0;
	}
	if (tok[0] != '#')
		return 1;
	size_t n = strlen(tok + 1);
	int h[6];
	for (size_t i = 0; i < n && i < 6; i++)
		h[i] = hexval(tok[1 + i]);
	bool hex = n == 2 || n == 3 || n == 6;
	for (size_t i = 0; hex && i < n; i++)
		hex = h[i] >= 0;
	if (!hex) {
		problem_tok(problem, "bad colour ", tok,
			    ": expected #rrggbb, #rgb or #gg (grey) in hex digits");
		return -1;
	}
	*c = (struct theme_color){ .kind = THEME_COLOR_RGB };
	if (n == 6) {
		c->r = (unsigned char)(h[0] << 4 | h[1]);
		c->g = (unsigned char)(h[2] << 4 | h[3]);
		c->b = (unsigned char)(h[4] << 4 | h[5]);
	} else if (n == 3) {
		c->r = (unsigned char)(h[0] * 17);
		c->g = (unsigned char)(h[1] * 17);
		c->b = (unsigned char)(h[2] * 17);
	} else {		/* btop's #gg: a grey */
		c->r = c->g = c->b = (unsigned char)(h[0] << 4 | h[1]);
	}
	return 0;
}

static bool parse_attr(const char *tok, unsigned *attrs)
{
	if (strcasecmp(tok, "none") == 0 || strcasecmp(tok, "normal") == 0)
		return true;
	for (size_t i = 0; i < ARRAY_LEN(attr_names); i++)
		if (strcasecmp(tok, attr_names[i].name) == 0) {
			*attrs |= attr_names[i].bit;
			return true;
		}
	return false;
}

/* Splits s in place into whitespace-separated tokens; returns how many (at most max;
 * max + 1 means there were more). */
static size_t tokens(char *s, char **tok, size_t max)
{
	size_t n = 0;
	char *save;
	for (char *p = strtok_r(s, " \t", &save); p; p = strtok_r(NULL, " \t", &save)) {
		if (n == max)
			return max + 1;
		tok[n++] = p;
	}
	return n;
}

#define TOKENS_MAX 16

/* "FG [on BG] [ATTR...]", attributes anywhere. */
static int parse_style(char *v, struct theme_style *s, char *problem)
{
	char *tok[TOKENS_MAX];
	size_t n = tokens(v, tok, TOKENS_MAX);
	if (n > TOKENS_MAX) {
		snprintf(problem, PROBLEM_MAX, "too many words (at most %d)", TOKENS_MAX);
		return -1;
	}
	struct theme_style out = { .mono = s->mono };
	bool have_fg = false, have_bg = false;
	for (size_t i = 0; i < n; i++) {
		struct theme_color c;
		if (strcasecmp(tok[i], "on") == 0) {
			if (have_bg) {
				snprintf(problem, PROBLEM_MAX, "'on' given twice");
				return -1;
			}
			int r = i + 1 < n ? parse_color(tok[i + 1], &c, problem) : 1;
			if (r > 0 && i + 1 < n)
				problem_tok(problem, "'on' needs a background colour, not ",
					    tok[i + 1], "");
			else if (r > 0)
				snprintf(problem, PROBLEM_MAX, "'on' needs a background colour");
			if (r)
				return -1;
			out.bg = c;
			have_bg = true;
			i++;
			continue;
		}
		int r = parse_color(tok[i], &c, problem);
		if (r < 0)
			return -1;
		if (r == 0) {
			if (have_fg || have_bg) {
				problem_tok(problem, "unexpected colour ", tok[i],
					    " (write FG on BG)");
				return -1;
			}
			out.fg = c;
			have_fg = true;
		} else if (!parse_attr(tok[i], &out.attrs)) {
			problem_tok(problem, "unknown colour or attribute ", tok[i], "");
			return -1;
		}
	}
	if (n == 0) {
		snprintf(problem, PROBLEM_MAX, "missing value");
		return -1;
	}
	*s = out;
	return 0;
}

/* A single colour: one token, or btop's "R G B" in decimal. */
static int parse_one_color(char *v, struct theme_color *c, char *problem)
{
	char *tok[4];
	size_t n = tokens(v, tok, 3);
	if (n == 3) {
		long rgb[3];
		for (int i = 0; i < 3; i++)
			if ((rgb[i] = small_number(tok[i])) < 0 || rgb[i] > 255) {
				problem_tok(problem, "bad colour component ", tok[i],
					    ": R G B take 0-255 each");
				return -1;
			}
		*c = (struct theme_color){ .kind = THEME_COLOR_RGB, .r = (unsigned char)rgb[0],
			.g = (unsigned char)rgb[1], .b = (unsigned char)rgb[2] };
		return 0;
	}
	if (n != 1) {
		snprintf(problem, PROBLEM_MAX, n ? "expected one colour" : "missing value");
		return -1;
	}
	int r = parse_color(tok[0], c, problem);
	if (r > 0)
		problem_tok(problem, "unknown colour ", tok[0],
			    " (a name, 0-255, #rrggbb, #rgb or default)");
	return r ? -1 : 0;
}

static int parse_attrs(char *v, unsigned *attrs, char *problem)
{
	char *tok[TOKENS_MAX];
	size_t n = tokens(v, tok, TOKENS_MAX);
	if (n == 0 || n > TOKENS_MAX) {
		snprintf(problem, PROBLEM_MAX, n ? "too many words" : "missing value");
		return -1;
	}
	unsigned a = 0;
	for (size_t i = 0; i < n; i++)
		if (!parse_attr(tok[i], &a)) {
			problem_tok(problem, "unknown attribute ", tok[i],
				    " (bold, dim, italic, underline, reverse or none)");
			return -1;
		}
	*attrs = a;
	return 0;
}

/* Applies value v to one part of style s; s is unchanged on error. */
static int apply_part(struct theme_style *s, enum part part, char *v, char *problem)
{
	switch (part) {
	case PART_STYLE: return parse_style(v, s, problem);
	case PART_FG: return parse_one_color(v, &s->fg, problem);
	case PART_BG: return parse_one_color(v, &s->bg, problem);
	case PART_ATTR: return parse_attrs(v, &s->attrs, problem);
	case PART_MONO: return parse_attrs(v, &s->mono, problem);
	}
	return -1;
}

/* ---- formatting ------------------------------------------------------------------ */

static void format_color(struct sbuf *b, const struct theme_color *c)
{
	if (c->kind == THEME_COLOR_RGB)
		sbuf_printf(b, "#%02x%02x%02x", c->r, c->g, c->b);
	else if (c->kind == THEME_COLOR_INDEX && c->index >= 0 && c->index < 16)
		sbuf_adds(b, color_names[c->index]);
	else if (c->kind == THEME_COLOR_INDEX)
		sbuf_printf(b, "%d", c->index);
	else
		sbuf_adds(b, "default");
}

static void format_attrs(struct sbuf *b, unsigned attrs)
{
	size_t start = b->len;
	for (size_t i = 0; i < ARRAY_LEN(attr_names); i++)
		if (attrs & attr_names[i].bit)
			sbuf_printf(b, "%s%s", b->len > start ? " " : "", attr_names[i].name);
	if (b->len == start)
		sbuf_adds(b, "none");
}

static void format_style(struct sbuf *b, const struct theme_style *s)
{
	format_color(b, &s->fg);
	if (s->bg.kind != THEME_COLOR_DEFAULT) {
		sbuf_adds(b, " on ");
		format_color(b, &s->bg);
	}
	if (s->attrs) {
		sbuf_addc(b, ' ');
		format_attrs(b, s->attrs);
	}
}

void theme_style_format(const struct theme_style *s, char *buf, size_t size)
{
	struct sbuf b;
	sbuf_init(&b);
	format_style(&b, s);
	snprintf(buf, size, "%s", sbuf_str(&b));
	sbuf_free(&b);
}

/* ---- the built-in default ----------------------------------------------------------- */

void theme_default(struct theme *t)
{
	char v[128], problem[PROBLEM_MAX];
	for (int e = 0; e < TE_COUNT; e++) {
		struct theme_style *s = &t->style[e];
		*s = (struct theme_style){ 0 };
		snprintf(v, sizeof v, "%s", elems[e].style);
		parse_style(v, s, problem);	/* the table is known good: test_theme */
		snprintf(v, sizeof v, "%s", elems[e].mono);
		parse_attrs(v, &s->mono, problem);
	}
}

/* ---- lines ------------------------------------------------------------------------ */

struct parser {
	struct theme *t;
	struct text_diag d;
};

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Cuts a comment: '#' at the start of a word and followed by a blank or the end
 * ("#ff0000" is a colour, "# note" and "#" are comments). */
static void cut_comment(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t') &&
		    (p[1] == '\0' || p[1] == ' ' || p[1] == '\t')) {
			*p = '\0';
			return;
		}
}

/* Splits KEY and VALUE; btop's theme[KEY]="VALUE" sets *btop. Returns false with the
 * reason in problem. */
static bool split_line(char *s, char **key, char **value, bool *btop, char *problem)
{
	*btop = strncmp(s, "theme[", 6) == 0;
	char *eq;
	if (*btop) {
		char *close = strchr(s + 6, ']');
		if (!close) {
			snprintf(problem, PROBLEM_MAX, "missing ']' after theme[");
			return false;
		}
		*close = '\0';
		*key = trim(s + 6);
		eq = close + 1;
		while (*eq == ' ' || *eq == '\t')
			eq++;
		if (*eq != '=') {
			snprintf(problem, PROBLEM_MAX, "expected theme[key]=\"value\"");
			return false;
		}
	} else {
		eq = strchr(s, '=');
		if (!eq) {
			snprintf(problem, PROBLEM_MAX, "expected 'key = value'");
			return false;
		}
		*eq = '\0';
		*key = trim(s);
	}
	char *v = trim(eq + 1);
	if (*v == '"') {	/* quoted: btop's form, allowed in ours */
		char *end = strchr(v + 1, '"');
		if (end)
			cut_comment(end + 1);
		if (!end || *trim(end + 1)) {
			snprintf(problem, PROBLEM_MAX, end ? "text after the closing quote" :
				 "missing closing quote");
			return false;
		}
		*end = '\0';
		v++;
	} else {
		cut_comment(v);
		v = trim(v);
	}
	*value = v;
	if (!**key) {
		snprintf(problem, PROBLEM_MAX, "missing key before '='");
		return false;
	}
	return true;
}

static int elem_by_key(const char *key, size_t n)
{
	for (int e = 0; e < TE_COUNT; e++)
		if (strlen(elems[e].key) == n && strncasecmp(key, elems[e].key, n) == 0)
			return e;
	return -1;
}

/* KEY, KEY.fg/.bg/.attr/.mono, or btop's KEY_fg/KEY_bg. */
static int resolve_key(const char *key, enum part *part)
{
	static const struct { const char *suffix; enum part part; } suffixes[] = {
		{ ".fg", PART_FG }, { ".bg", PART_BG }, { ".attr", PART_ATTR },
		{ ".mono", PART_MONO }, { "_fg", PART_FG }, { "_bg", PART_BG },
	};
	size_t n = strlen(key);
	int e = elem_by_key(key, n);
	*part = PART_STYLE;
	for (size_t i = 0; e < 0 && i < ARRAY_LEN(suffixes); i++) {
		size_t sn = strlen(suffixes[i].suffix);
		if (n > sn && strcasecmp(key + n - sn, suffixes[i].suffix) == 0 &&
		    (e = elem_by_key(key, n - sn)) >= 0)
			*part = suffixes[i].part;
	}
	return e;
}

static void format_part(struct sbuf *b, const struct theme_style *s, enum part part)
{
	switch (part) {
	case PART_STYLE: format_style(b, s); break;
	case PART_FG: format_color(b, &s->fg); break;
	case PART_BG: format_color(b, &s->bg); break;
	case PART_ATTR: format_attrs(b, s->attrs); break;
	case PART_MONO: format_attrs(b, s->mono); break;
	}
}

/* Sets one part of element e from the value text, or reports why not. */
static void set_part(struct parser *p, const char *key, enum theme_elem e, enum part part,
		     const char *value, bool btop)
{
	char v[LINE_MAX_BYTES], problem[PROBLEM_MAX];
	struct theme_style *s = &p->t->style[e];
	snprintf(v, sizeof v, "%s", value);
	if (btop && !*v)	/* btop: "" is the terminal's own colour */
		snprintf(v, sizeof v, "default");
	if (apply_part(s, part, v, problem) == 0)
		return;
	struct sbuf b;
	sbuf_init(&b);
	format_part(&b, s, part);
	text_diag(&p->d, "%s: %s; kept '%s'", key, problem, sbuf_str(&b));
	sbuf_free(&b);
}

static bool btop_ignored_key(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(btop_ignored); i++)
		if (strcasecmp(key, btop_ignored[i]) == 0)
			return true;
	return false;
}

static bool set_btop_key(struct parser *p, const char *key, const char *value)
{
	bool known = btop_ignored_key(key);
	for (size_t i = 0; i < ARRAY_LEN(btop_keys); i++)
		if (strcasecmp(key, btop_keys[i].key) == 0) {
			int before = p->d.bad;
			set_part(p, key, btop_keys[i].elem, btop_keys[i].part, value, true);
			if (p->d.bad > before)
				return true;	/* one report for the line */
			known = true;
		}
	return known;
}

static void parse_line(struct parser *p, char *s)
{
	char *key, *value, problem[PROBLEM_MAX];
	bool btop;
	s = trim(s);
	if (!*s || *s == '#')
		return;
	if (!split_line(s, &key, &value, &btop, problem)) {
		text_diag(&p->d, "%s; line ignored", problem);
		return;
	}
	enum part part;
	int e = resolve_key(key, &part);
	if (e >= 0) {
		char name[64];
		snprintf(name, sizeof name, "%s", key);
		set_part(p, name, (enum theme_elem)e, part, value, btop);
		return;
	}
	if (btop && set_btop_key(p, key, value))
		return;
	struct sbuf b;
	sbuf_init(&b);
	add_quoted(&b, key, strlen(key));
	text_diag(&p->d, "unknown key %s; line ignored", sbuf_str(&b));
	sbuf_free(&b);
}

int theme_parse(struct theme *t, const char *text, size_t len, const char *filename,
		theme_diag_fn report, void *ctx)
{
	struct parser p = { .t = t, .d = { .file = filename ? filename : "theme",
		.report = report, .ctx = ctx, .max = THEME_MAX_DIAGS } };
	char line[LINE_MAX_BYTES + 1];
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;		/* a UTF-8 byte order mark */
	while (i < len) {
		const char *start = text + i;
		const char *nl = memchr(start, '\n', len - i);
		size_t n = nl ? (size_t)(nl - start) : len - i;
		i += n + (nl != NULL);
		p.d.line++;
		if (n && start[n - 1] == '\r')
			n--;
		if (n > LINE_MAX_BYTES)
			text_diag(&p.d, "line too long (%zu bytes, at most %d); line ignored", n,
			     LINE_MAX_BYTES);
		else if (memchr(start, '\0', n))
			text_diag(&p.d, "NUL byte in the line; line ignored");
		else {
			memcpy(line, start, n);
			line[n] = '\0';
			parse_line(&p, line);
		}
	}
	return text_diag_end(&p.d);
}

/* ---- files ------------------------------------------------------------------------ */

int theme_load_file(struct theme *t, const char *path, theme_diag_fn report, void *ctx,
		    char *err, size_t errlen)
{
	struct sbuf b;
	sbuf_init(&b);
	struct stat st;
	int r = file_read_small(path, THEME_FILE_MAX, &b, &st, err, errlen);
	if (r == 1) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(ENOENT));
		r = -1;
	}
	if (r == 0)
		r = theme_parse(t, sbuf_str(&b), b.len, path, report, ctx);
	sbuf_free(&b);
	return r;
}
