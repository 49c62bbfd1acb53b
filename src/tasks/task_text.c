/* task_text.c - the pure side of tasks: exit codes and states as words, Python reprs of
 * arguments, and the key=value parser of the New dialog. No processes, no /proc. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "task.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "signals.h"
#include "text.h"
#include "util.h"

int task_exitcode_from(int code, int status)
{
	if (code == CLD_KILLED || code == CLD_DUMPED)
		return -status;
	return status;
}

static bool has_exited(const struct task *k)
{
	return k->state == TASK_EXITED || k->state == TASK_JOINED;
}

void task_exitcode_str(char *buf, size_t size, const struct task *k)
{
	if (!has_exited(k))
		snprintf(buf, size, "%s", "");
	else if (k->exit_unknown)
		snprintf(buf, size, "unknown (not our child)");
	else if (k->exitcode < 0)
		snprintf(buf, size, "%d %s%s", k->exitcode, signal_name(-k->exitcode),
			 k->core_dumped ? " (core dumped)" : "");
	else
		snprintf(buf, size, "%d", k->exitcode);
}

void task_state_str(char *buf, size_t size, const struct task *k, bool utf8)
{
	char code[64];
	task_exitcode_str(code, sizeof code, k);
	switch (k->state) {
	case TASK_RUNNING:
		snprintf(buf, size, "%s running", utf8 ? "●" : "*");
		break;
	case TASK_STOPPED:
		snprintf(buf, size, "%s stopped", utf8 ? "■" : "#");
		break;
	case TASK_EXITED:
		/* Not our child: its parent collected it, so it is no zombie of ours. */
		if (k->exit_unknown)
			snprintf(buf, size, "? ended, not joined");
		else
			snprintf(buf, size, "Z exited %s, not joined", code);
		break;
	case TASK_JOINED:
		if (k->exit_unknown)
			snprintf(buf, size, "? joined, code unknown");
		else if (k->exitcode == 0)
			snprintf(buf, size, "%s joined 0", utf8 ? "✓" : "+");
		else if (k->exitcode > 0)
			snprintf(buf, size, "%s joined %s", utf8 ? "✗" : "x", code);
		else
			snprintf(buf, size, "%s %s", utf8 ? "✗" : "x", code);
		break;
	case TASK_DAEMONIZED:
	default:
		snprintf(buf, size, "%s daemonized", utf8 ? "⇱" : "^");
		break;
	}
}

void task_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

/* A decimal number, shown bare as Python shows an int or a float. */
static bool is_number(const char *s)
{
	char *end;
	if (!*s || isspace((unsigned char)*s))
		return false;
	strtod(s, &end);
	return *end == '\0' && strspn(s, "+-0123456789.eE") == strlen(s);
}

/* Python's repr of a str: single quotes unless the text holds ' and no ". */
static void add_str_repr(struct sbuf *b, const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
	sbuf_addc(b, q);
	for (; *s; s++) {
		if (*s == '\\' || *s == q)
			sbuf_addc(b, '\\');
		sbuf_addc(b, *s);
	}
	sbuf_addc(b, q);
}

/* An argument: a number, True, False or None shown bare, as Python shows them. */
static void add_repr(struct sbuf *b, const char *s)
{
	if (is_number(s) || strcmp(s, "True") == 0 || strcmp(s, "False") == 0 ||
	    strcmp(s, "None") == 0)
		sbuf_adds(b, s);
	else
		add_str_repr(b, s);
}

char *task_str_repr(const char *s)
{
	struct sbuf raw, out;
	sbuf_init(&raw);
	sbuf_init(&out);
	add_str_repr(&raw, s);
	text_escape(&out, sbuf_str(&raw), raw.len, 0);
	char *r = xstrdup(sbuf_str(&out));
	sbuf_free(&raw);
	sbuf_free(&out);
	return r;
}

static void add_args(struct sbuf *b, char *const *args)
{
	size_t n = 0;
	sbuf_adds(b, "args=(");
	for (; args[n]; n++) {
		if (n)
			sbuf_adds(b, ", ");
		add_repr(b, args[n]);
	}
	sbuf_adds(b, n == 1 ? ",)" : ")");
}

static void add_kwargs(struct sbuf *b, char *const *kwargs)
{
	sbuf_adds(b, "kwargs={");
	for (size_t i = 0; kwargs[i]; i++) {
		const char *eq = strchr(kwargs[i], '=');
		char *key = xstrndup(kwargs[i], eq ? (size_t)(eq - kwargs[i]) : strlen(kwargs[i]));
		if (i)
			sbuf_adds(b, ", ");
		add_repr(b, key);
		sbuf_adds(b, ": ");
		add_repr(b, eq ? eq + 1 : "");
		free(key);
	}
	sbuf_addc(b, '}');
}

char *task_args_repr(char *const *args, char *const *kwargs)
{
	struct sbuf raw, out;
	sbuf_init(&raw);
	sbuf_init(&out);
	if (args && args[0])
		add_args(&raw, args);
	if (kwargs && kwargs[0]) {
		if (raw.len)
			sbuf_adds(&raw, ", ");
		add_kwargs(&raw, kwargs);
	}
	text_escape(&out, sbuf_str(&raw), raw.len, 0);
	char *r = xstrdup(sbuf_str(&out));
	sbuf_free(&raw);
	sbuf_free(&out);
	return r;
}

/* ---- simple command lines ---- */

/* Words the shell itself handles: they have no program to exec. */
static bool shell_word(const char *w)
{
	static const char *const words[] = {
		"if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while",
		"until", "for", "in", "function", "select", "time", "[[", "exit", "cd", "export",
		"set", "unset", "exec", "eval", ".", "source", "read", "wait", "trap", "return",
		"shift", "alias", "unalias", "ulimit", "umask", "readonly", "local", "type",
		"command", "jobs", "fg", "bg", "hash", "getopts", "times", "break", "continue",
		":",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return false;
}

/* Reads one quoted part starting at the quote *s into b; returns the end, or NULL if the
 * shell would expand something in it or it does not end. */
static const char *add_quoted(struct sbuf *b, const char *s)
{
	char q = *s++;
	for (; *s && *s != q; s++) {
		if (q == '"' && (*s == '$' || *s == '`'))
			return NULL;
		/* In double quotes a backslash escapes only these. */
		if (q == '"' && *s == '\\' && s[1] && strchr("\\\"$`\n", s[1]))
			s++;
		sbuf_addc(b, *s);
	}
	return *s ? s + 1 : NULL;
}

char **task_simple_argv(const char *cmd)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct sbuf w;
	bool in_word = false, quoted = false;

	sbuf_init(&w);
	for (const char *s = cmd ? cmd : "";; s++) {
		if (!*s || *s == ' ' || *s == '\t') {
			if (in_word) {
				/* A first word with an unquoted = is an assignment; a builtin
				 * or a reserved word needs the shell (quoted too, to be safe). */
				if (n == 0 && ((!quoted && strchr(sbuf_str(&w), '=')) ||
					       shell_word(sbuf_str(&w))))
					goto shell;
				v = xgrow(v, &cap, n + 2, sizeof *v);
				v[n++] = xstrdup(sbuf_str(&w));
				v[n] = NULL;
				sbuf_reset(&w);
			}
			in_word = quoted = false;
			if (!*s)
				break;
			continue;
		}
		in_word = true;
		if (*s == '\'' || *s == '"') {
			const char *end = add_quoted(&w, s);
			if (!end)
				goto shell;
			s = end - 1;
			quoted = true;
		} else if (*s == '\\') {
			if (!s[1] || s[1] == '\n')
				goto shell;
			sbuf_addc(&w, *++s);
			quoted = true;
		} else if (strchr("|&;<>()$`*?[]#~{}!\n", *s)) {
			goto shell;	/* lists, pipes, redirections, expansions, globs */
		} else {
			sbuf_addc(&w, *s);
		}
	}
	sbuf_free(&w);
	return v;
shell:
	sbuf_free(&w);
	task_strv_free(v);
	return NULL;
}

static bool is_sep(char c)
{
	return c == ' ' || c == '\t' || c == ',';
}

static bool is_identifier(const char *s, size_t n)
{
	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

/* Reports a bad pair: the token as typed (escaped) and what is wrong with it. */
static int kw_error(const char *tok, size_t n, const char *why, char *err, size_t errlen)
{
	struct sbuf b;
	sbuf_init(&b);
	text_escape(&b, tok, n, 0);
	snprintf(err, errlen, "bad kwarg '%s': %s", sbuf_str(&b), why);
	sbuf_free(&b);
	return -1;
}

/* Parses one key=value at s; sets *pair and returns the bytes used, or -1 with err. */
static long parse_pair(const char *s, char **pair, char *err, size_t errlen)
{
	size_t toklen = 0;
	while (s[toklen] && !is_sep(s[toklen]))
		toklen++;
	const char *eq = memchr(s, '=', toklen);
	if (!eq)
		return kw_error(s, toklen, "expected key=value", err, errlen);
	size_t klen = (size_t)(eq - s);
	if (!is_identifier(s, klen))
		return kw_error(s, toklen, "the key must be an identifier", err, errlen);
	const char *v = eq + 1, *vend;
	size_t used;
	if (*v == '\'' || *v == '"') {
		vend = strchr(v + 1, *v);
		if (!vend)
			return kw_error(s, strlen(s), "unterminated quote", err, errlen);
		if (vend[1] && !is_sep(vend[1]))
			return kw_error(s, strlen(s), "text after the closing quote", err, errlen);
		used = (size_t)(vend + 1 - s);
		v++;
	} else {
		vend = s + toklen;
		used = toklen;
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, s, klen + 1);
	sbuf_add(&b, v, (size_t)(vend - v));
	*pair = xstrdup(sbuf_str(&b));
	sbuf_free(&b);
	return (long)used;
}

/* true if pairs[0..n) already has the key of pair. */
static bool has_key(char **pairs, size_t n, const char *pair)
{
	size_t klen = strcspn(pair, "=");
	for (size_t i = 0; i < n; i++)
		if (strncmp(pairs[i], pair, klen + 1) == 0)
			return true;
	return false;
}

int task_parse_kwargs(const char *in, char ***out, char *err, size_t errlen)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	const char *s = in ? in : "";

	*out = NULL;
	for (;;) {
		while (is_sep(*s))
			s++;
		if (!*s)
			break;
		char *pair;
		long used = parse_pair(s, &pair, err, errlen);
		if (used < 0)
			goto fail;
		if (has_key(v, n, pair)) {
			kw_error(pair, strcspn(pair, "="), "given twice", err, errlen);
			free(pair);
			goto fail;
		}
		v = xgrow(v, &cap, n + 2, sizeof *v);
		v[n++] = pair;
		v[n] = NULL;
		s += used;
	}
	if (!v)
		v = xcalloc(1, sizeof *v);
	*out = v;
	return (int)n;
fail:
	if (v)
		task_strv_free(v);
	return -1;
}

/* ---- positional args as Python literals ---- */

static int args_error(char *err, size_t errlen, const char *at, const char *why)
{
	struct sbuf b;
	sbuf_init(&b);
	size_t n = strlen(at);
	text_escape(&b, at, n > 20 ? 20 : n, 0);
	if (*at)
		snprintf(err, errlen, "args: %s at \"%s%s\"", why, sbuf_str(&b), n > 20 ? "…" : "");
	else
		snprintf(err, errlen, "args: %s at the end", why);
	sbuf_free(&b);
	return -1;
}

static void add_utf8(struct sbuf *b, unsigned long cp)
{
	char u[4];
	sbuf_add(b, u, text_utf8_encode(cp, u));
}

/* The escape after a backslash at *s (Python's rules) into b; returns the bytes used, or
 * -1 with err (a bad \x, \u, \U, or a NUL). Unknown escapes stay as typed. */
static long add_escape(struct sbuf *b, const char *s, char *err, size_t errlen)
{
	static const char from[] = "\\'\"abfnrtv", to[] = "\\'\"\a\b\f\n\r\t\v";
	const char *e = *s ? strchr(from, *s) : NULL;
	if (e) {
		sbuf_addc(b, to[e - from]);
		return 1;
	}
	unsigned long cp = 0;
	long used = 0;
	if (*s >= '0' && *s <= '7') {		/* octal: up to three digits */
		while (used < 3 && s[used] >= '0' && s[used] <= '7')
			cp = cp * 8 + (unsigned long)(s[used++] - '0');
	} else if (*s == 'x' || *s == 'u' || *s == 'U') {
		long digits = *s == 'x' ? 2 : *s == 'u' ? 4 : 8;
		for (used = 1; used <= digits; used++) {
			if (!isxdigit((unsigned char)s[used]))
				return args_error(err, errlen, s - 1, "a bad escape");
			cp = cp * 16 + (unsigned long)(isdigit((unsigned char)s[used]) ?
				s[used] - '0' : tolower((unsigned char)s[used]) - 'a' + 10);
		}
	} else {
		sbuf_addc(b, '\\');	/* Python keeps \q as a backslash and q */
		return 0;
	}
	if (cp == 0)
		return args_error(err, errlen, s - 1, "a NUL character cannot be passed");
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return args_error(err, errlen, s - 1, "a character that cannot be passed");
	add_utf8(b, cp);
	return used;
}

/* A quoted str at *s into b; returns the end, or NULL with err. */
static const char *parse_str(struct sbuf *b, const char *s, char *err, size_t errlen)
{
	const char *start = s;
	char q = *s++;
	while (*s && *s != q) {
		if (*s != '\\') {
			sbuf_addc(b, *s++);
			continue;
		}
		long used = add_escape(b, s + 1, err, errlen);
		if (used < 0)
			return NULL;
		s += 1 + used;
	}
	if (!*s) {
		args_error(err, errlen, start, q == '\'' ? "the quote ' is not closed" :
			   "the quote \" is not closed");
		return NULL;
	}
	return s + 1;
}

/* An int or float literal at *s (optional sign, digits, '.', exponent) into b, as
 * typed without a '+'; returns the end, or NULL when it is not one. */
static const char *parse_number(struct sbuf *b, const char *s)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	size_t intd = strspn(p, "0123456789"), fracd = 0;
	const char *q = p + intd;
	if (*q == '.') {
		fracd = strspn(q + 1, "0123456789");
		q += 1 + fracd;
	}
	if (intd + fracd == 0)
		return NULL;
	if (*q == 'e' || *q == 'E') {
		const char *x = q + 1 + (q[1] == '+' || q[1] == '-');
		size_t ed = strspn(x, "0123456789");
		if (!ed)
			return NULL;
		q = x + ed;
	}
	if (isalnum((unsigned char)*q) || *q == '_' || *q == '.')
		return NULL;
	if (*s == '-')
		sbuf_addc(b, '-');
	sbuf_add(b, p, (size_t)(q - p));
	return q;
}

/* One literal at *s into b; returns the end, or NULL with err. */
static const char *parse_literal(struct sbuf *b, const char *s, char *err, size_t errlen)
{
	static const char *const words[] = { "True", "False", "None" };
	if (*s == '\'' || *s == '"')
		return parse_str(b, s, err, errlen);
	const char *e = parse_number(b, s);
	if (e)
		return e;
	size_t n = 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_' || (unsigned char)s[n] >= 0x80)
		n++;
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (n == strlen(words[i]) && strncmp(s, words[i], n) == 0) {
			sbuf_add(b, s, n);
			return s + n;
		}
	if (n)
		return args_error(err, errlen, s, "not a Python literal (quote text: 'like "
				  "this')"), NULL;
	return args_error(err, errlen, s, "expected a value ('text', 3, 1.5, True, None)"),
		NULL;
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int task_parse_args(const char *in, char ***out, char *err, size_t errlen)
{
	size_t n = 0, cap = 0;
	char **v = xcalloc(1, sizeof *v);
	struct sbuf b;
	const char *s = skip_space(in ? in : "");
	bool paren = *s == '(';

	sbuf_init(&b);
	err[0] = '\0';
	if (paren)
		s = skip_space(s + 1);
	while (*s && *s != ')') {
		sbuf_reset(&b);
		sbuf_adds(&b, "");
		if (!(s = parse_literal(&b, s, err, errlen)))
			goto fail;
		v = xgrow(v, &cap, n + 2, sizeof *v);
		v[n++] = xstrdup(sbuf_str(&b));
		v[n] = NULL;
		s = skip_space(s);
		if (*s == ',')
			s = skip_space(s + 1);
		else if (*s && *s != ')') {
			args_error(err, errlen, s, "expected a comma between args");
			goto fail;
		}
	}
	if (paren != (*s == ')')) {
		args_error(err, errlen, s, paren ? "the ( is not closed" : "an unmatched )");
		goto fail;
	}
	if (*s && *skip_space(s + 1)) {
		args_error(err, errlen, skip_space(s + 1), "text after the closing )");
		goto fail;
	}
	sbuf_free(&b);
	*out = v;
	return (int)n;
fail:
	sbuf_free(&b);
	task_strv_free(v);
	*out = NULL;
	return -1;
}
