/* details_parse.c - the pure side of a process's details: the sections' rows and the
 * parsers of /proc/PID/environ, fdinfo, the net tables, signal masks, limits, io and
 * cgroup. Text in, rows out: no file is read here. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "details.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "signals.h"

static const char *const titles[DP_COUNT] = {
	[DP_PROCESS] = "Process", [DP_COMMAND] = "Command", [DP_PARENTS] = "Parents",
	[DP_ENVIRON] = "Environment", [DP_FILES] = "Open files", [DP_CGROUP] = "cgroup",
	[DP_NAMESPACES] = "Namespaces", [DP_LIMITS] = "Limits", [DP_IO] = "I/O",
	[DP_SIGNALS] = "Signals",
};

const char *details_title(enum details_part p)
{
	return p < DP_COUNT ? titles[p] : "";
}

void details_init(struct details *d, int pid, unsigned long long start)
{
	memset(d, 0, sizeof *d);
	d->pid = pid;
	d->start = start;
}

void details_clear(struct details_section *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		free(s->rows[i].key);
		free(s->rows[i].value);
	}
	free(s->rows);
	memset(s, 0, sizeof *s);
}

void details_free(struct details *d)
{
	for (int i = 0; i < DP_COUNT; i++)
		details_clear(&d->sec[i]);
}

void details_add(struct details_section *s, const char *key, const char *value)
{
	s->rows = xgrow(s->rows, &s->cap, s->nrows + 1, sizeof *s->rows);
	s->rows[s->nrows++] = (struct details_row){ key ? xstrdup(key) : NULL, xstrdup(value),
						    false };
}

void details_addf(struct details_section *s, const char *key, const char *fmt, ...)
{
	struct sbuf b;
	va_list ap;
	sbuf_init(&b);
	va_start(ap, fmt);
	sbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	details_add(s, key, sbuf_str(&b));
	sbuf_free(&b);
}

const char *details_error(int err)
{
	switch (err) {
	case EACCES: case EPERM:
		return "permission denied (run as root or as the process's user)";
	case ENOENT: case ESRCH:
		return "process has ended";
	default:
		return strerror(err);
	}
}

size_t details_parse_environ(const char *buf, size_t len, struct details_section *s)
{
	size_t added = 0;
	for (size_t i = 0; i < len;) {
		const char *v = buf + i, *end = memchr(v, '\0', len - i);
		size_t n = end ? (size_t)(end - v) : len - i;
		i += n + 1;
		if (n == 0)
			continue;
		char *var = xstrndup(v, n), *eq = strchr(var, '=');
		if (eq)
			*eq = '\0';
		details_add(s, var, eq ? eq + 1 : "");
		free(var);
		added++;
	}
	return added;
}

int details_parse_fdinfo(const char *text, unsigned long long *pos, unsigned *flags)
{
	bool have_pos = false, have_flags = false;
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (strncmp(l, "pos:", 4) == 0)
			have_pos = sscanf(l + 4, "%llu", pos) == 1;
		else if (strncmp(l, "flags:", 6) == 0)
			have_flags = sscanf(l + 6, "%o", flags) == 1;
	}
	return have_pos && have_flags ? 0 : -1;
}

void details_open_flags(unsigned flags, struct sbuf *out)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ O_APPEND, "APPEND" }, { O_NONBLOCK, "NONBLOCK" }, { O_SYNC, "SYNC" },
		{ O_DSYNC, "DSYNC" }, { O_DIRECT, "DIRECT" }, { O_NOATIME, "NOATIME" },
		{ O_PATH, "PATH" }, { O_CLOEXEC, "CLOEXEC" },
	};
	unsigned mode = flags & O_ACCMODE;
	sbuf_adds(out, mode == O_RDONLY ? "r" : mode == O_WRONLY ? "w" : "rw");
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		/* O_SYNC holds O_DSYNC's bit: named once, by the larger. */
		if ((flags & names[i].bit) == names[i].bit &&
		    !(names[i].bit == O_DSYNC && (flags & O_SYNC) == O_SYNC)) {
			sbuf_addc(out, ' ');
			sbuf_adds(out, names[i].name);
		}
}

/* ---- the net tables ---- */

static const char *const table_names[NET_COUNT] = { "TCP", "TCP6", "UDP", "UDP6", "UNIX" };

static const char *tcp_state(unsigned st)
{
	static const char *const states[] = {
		"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
		"CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
	};
	return st < ARRAY_LEN(states) ? states[st] : "";
}

/* An address as the kernel prints it (each 32-bit word in hex, in the machine's own byte
 * order) and a port: "127.0.0.1:8080", "[::1]:53", "*:22" for the unspecified address. */
static bool format_addr(const char *hex, unsigned port, bool v6, char *out, size_t size)
{
	unsigned char raw[16];
	size_t words = v6 ? 4 : 1;
	if (strlen(hex) != words * 8)
		return false;
	bool any = true;
	for (size_t w = 0; w < words; w++) {
		char part[9];
		memcpy(part, hex + 8 * w, 8);
		part[8] = '\0';
		uint32_t v = (uint32_t)strtoul(part, NULL, 16);
		memcpy(raw + 4 * w, &v, 4);
		any &= v == 0;
	}
	char addr[INET6_ADDRSTRLEN];
	if (any)
		snprintf(addr, sizeof addr, "*");
	else if (!inet_ntop(v6 ? AF_INET6 : AF_INET, raw, addr, sizeof addr))
		return false;
	snprintf(out, size, v6 && !any ? "[%s]:%u" : "%s:%u", addr, port);
	return true;
}

/* One line of tcp, tcp6, udp or udp6. */
static bool parse_inet_line(const char *line, enum details_net table, struct details_socket *s)
{
	char lhex[40], rhex[40], local[64], remote[64];
	unsigned lport, rport, st;
	bool v6 = table == NET_TCP6 || table == NET_UDP6;
	if (sscanf(line, " %*u: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %x %*s %*s %*s %*u %*d %llu",
		   lhex, &lport, rhex, &rport, &st, &s->inode) != 6 ||
	    !format_addr(lhex, lport, v6, local, sizeof local) ||
	    !format_addr(rhex, rport, v6, remote, sizeof remote))
		return false;
	bool tcp = table == NET_TCP || table == NET_TCP6, connected = rport != 0;
	int n = snprintf(s->desc, sizeof s->desc, "%s %s", table_names[table], local);
	if (connected && n > 0 && (size_t)n < sizeof s->desc)
		n += snprintf(s->desc + n, sizeof s->desc - (size_t)n, "->%s", remote);
	if (tcp && *tcp_state(st) && n > 0 && (size_t)n < sizeof s->desc)
		snprintf(s->desc + n, sizeof s->desc - (size_t)n, " (%s)", tcp_state(st));
	return true;
}

/* One line of unix: "Num RefCount Protocol Flags Type St Inode [Path]". */
static bool parse_unix_line(const char *line, struct details_socket *s)
{
	unsigned flags, type, st;
	int at = 0;
	if (sscanf(line, " %*[0-9A-Fa-f]: %*x %*x %x %x %x %llu%n", &flags, &type, &st,
		   &s->inode, &at) != 4)
		return false;
	const char *path = line + at;
	while (*path == ' ')
		path++;
	size_t plen = strcspn(path, "\n");
	const char *kind = type == 1 ? "STREAM" : type == 2 ? "DGRAM" : type == 5 ? "SEQPACKET" :
			   "socket";
	const char *state = flags & 0x10000 ? " (LISTEN)" : st == 3 ? " (connected)" : "";
	snprintf(s->desc, sizeof s->desc, "UNIX %s%s%.*s%s", kind, plen ? " " : "",
		 (int)(plen > 100 ? 100 : plen), path, state);
	return true;
}

size_t details_parse_net(const char *text, enum details_net table, struct details_socket **v,
			 size_t *n)
{
	size_t added = 0, cap = *n;
	const char *l = strchr(text, '\n');	/* the header */
	for (l = l ? l + 1 : NULL; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		struct details_socket s;
		if (!(table == NET_UNIX ? parse_unix_line(l, &s) : parse_inet_line(l, table, &s)))
			continue;
		*v = xgrow(*v, &cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = s;
		added++;
	}
	return added;
}

int details_signal_mask(const char *hex, struct sbuf *out)
{
	while (*hex == ' ' || *hex == '\t')
		hex++;
	size_t len = strspn(hex, "0123456789abcdefABCDEF");
	if (len == 0 || len > 16 || (hex[len] && hex[len] != '\n'))
		return -1;
	char digits[17];
	memcpy(digits, hex, len);
	digits[len] = '\0';
	unsigned long long mask = strtoull(digits, NULL, 16);
	bool any = false;
	for (int sig = 1; sig <= 64; sig++)
		if (mask & (1ULL << (sig - 1))) {
			sbuf_adds(out, any ? " " : "");
			sbuf_adds(out, signal_name(sig));
			any = true;
		}
	if (!any)
		sbuf_adds(out, "none");
	return 0;
}

/* Text of one fixed-width column of line, from..to (to < 0: the end), trimmed. */
static void column(const char *line, size_t len, int from, int to, char *out, size_t size)
{
	size_t a = (size_t)from < len ? (size_t)from : len;
	size_t b = to < 0 || (size_t)to > len ? len : (size_t)to;
	while (a < b && line[a] == ' ')
		a++;
	while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\n'))
		b--;
	snprintf(out, size, "%.*s", (int)(b - a), line + a);
}

int details_parse_limits(const char *text, struct details_section *s)
{
	const char *soft = strstr(text, "Soft Limit"), *hard = strstr(text, "Hard Limit"),
		   *units = strstr(text, "Units"), *eol = strchr(text, '\n');
	if (!soft || !hard || !units || !eol || units > eol)
		return -1;
	int cs = (int)(soft - text), ch = (int)(hard - text), cu = (int)(units - text), rows = 0;
	for (const char *l = eol + 1; *l; rows++) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		char name[64], sv[32], hv[32], uv[32];
		column(l, len, 0, cs, name, sizeof name);
		column(l, len, cs, ch, sv, sizeof sv);
		column(l, len, ch, cu, hv, sizeof hv);
		column(l, len, cu, -1, uv, sizeof uv);
		if (name[0])
			details_addf(s, name, "soft %s  hard %s%s%s", sv, hv, uv[0] ? "  " : "", uv);
		else
			rows--;
		l = e ? e + 1 : l + len;
	}
	return rows;
}

size_t details_parse_io(const char *text, struct details_section *s)
{
	size_t added = 0;
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		char name[64];
		unsigned long long v;
		if (sscanf(l, "%63[^:\n]: %llu", name, &v) != 2)
			continue;
		/* syscr and syscw count calls; the others are bytes. */
		if (strncmp(name, "sysc", 4) == 0) {
			details_addf(s, name, "%llu", v);
		} else {
			char size[16];
			format_kb_meter(size, sizeof size, v / 1024);
			details_addf(s, name, "%llu  (%s)", v, v < 1024 ? "< 1K" : size);
		}
		added++;
	}
	return added;
}

size_t details_parse_cgroup(const char *text, struct details_section *s)
{
	size_t added = 0;
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *c1 = strchr(l, ':'), *e = strchr(l, '\n');
		const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c1 || !c2 || (e && c2 > e))
			continue;
		size_t plen = e ? (size_t)(e - c2 - 1) : strlen(c2 + 1);
		char *ctl = xstrndup(c1 + 1, (size_t)(c2 - c1 - 1)), *path = xstrndup(c2 + 1, plen);
		details_add(s, *ctl ? ctl : "unified", path);
		free(ctl);
		free(path);
		added++;
	}
	return added;
}
