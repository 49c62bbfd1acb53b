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

/* An argument: a number shown bare, as Python shows an int or a float. */
static void add_repr(struct sbuf *b, const char *s)
{
	if (is_number(s))
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
