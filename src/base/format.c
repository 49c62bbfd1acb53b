/* format.c - numbers as the columns show them. */
#include "format.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "text.h"

void format_kb(char *buf, size_t size, unsigned long kb)
{
	static const char units[] = "KMGTP";
	double v = (double)kb;
	int u = 0;
	if (kb < 1000) {
		snprintf(buf, size, kb ? "%luK" : "0", kb);
		return;
	}
	while (v >= 1000 && u < 4) {
		v /= 1024;
		u++;
	}
	if (v < 9.95)
		snprintf(buf, size, "%.1f%c", v, units[u]);
	else
		snprintf(buf, size, "%.0f%c", v, units[u]);
}

void format_kb_meter(char *buf, size_t size, unsigned long long kb)
{
	static const char units[] = "KMGTP";
	double v = (double)kb;
	int u = 0;
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	int decimals = v < 9.995 ? 2 : v < 99.95 ? 1 : 0;
	if (u == 0)
		decimals = 0;	/* whole KiB */
	snprintf(buf, size, "%.*f%c", decimals, v, units[u]);
}

void format_elapsed(char *buf, size_t size, double seconds)
{
	unsigned long s = seconds > 0 ? (unsigned long)seconds : 0;
	unsigned long d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
	if (d > 99)
		snprintf(buf, size, "%lud", d);
	else if (d)
		snprintf(buf, size, "%lud%02lu:%02lu", d, h, m);
	else if (h)
		snprintf(buf, size, "%02lu:%02lu:%02lu", h, m, s % 60);
	else
		snprintf(buf, size, "%02lu:%02lu", m, s % 60);
}

void format_uptime(char *buf, size_t size, double seconds)
{
	unsigned long s = seconds > 0 ? (unsigned long)seconds : 0;
	unsigned long d = s / 86400;
	if (d)
		snprintf(buf, size, "%lud %02lu:%02lu", d, s / 3600 % 24, s / 60 % 60);
	else
		snprintf(buf, size, "%02lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
}

void format_cpu(char *buf, size_t size, double percent)
{
	if (percent < 0)
		percent = 0;
	if (percent >= 99.95)
		snprintf(buf, size, "%.0f", percent);
	else
		snprintf(buf, size, "%.1f", percent);
}

void format_time(char *buf, size_t size, unsigned long long cs)
{
	unsigned long long s = cs / 100, h = s / 3600;
	if (h >= 1000)
		snprintf(buf, size, "%llud%02lluh", h / 24, h % 24);
	else if (h)
		snprintf(buf, size, "%llu:%02llu:%02llu", h, s / 60 % 60, s % 60);
	else
		snprintf(buf, size, "%llu:%02llu.%02llu", s / 60, s % 60, cs % 100);
}

void format_start(char *buf, size_t size, double start, double elapsed)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
					    "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)start;
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		snprintf(buf, size, "?");
		return;
	}
	if (elapsed < 86400)
		snprintf(buf, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
	else if (elapsed < 364 * 86400.0)
		snprintf(buf, size, "%s%02d", months[tm.tm_mon % 12], tm.tm_mday);
	else
		snprintf(buf, size, "%d", tm.tm_year + 1900);
}

void format_tty(char *buf, size_t size, unsigned tty)
{
	/* The kernel's encoding of a dev_t in one int (new_encode_dev). */
	unsigned major = (tty >> 8) & 0xfff, minor = (tty & 0xff) | ((tty >> 12) & 0xfff00);
	if (tty == 0)
		snprintf(buf, size, "?");
	else if (major >= 136 && major <= 143)	/* Unix98 pseudo-terminals */
		snprintf(buf, size, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 4 && minor < 64)
		snprintf(buf, size, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, size, "ttyS%u", minor - 64);
	else if (major == 5 && minor == 1)
		snprintf(buf, size, "console");
	else
		snprintf(buf, size, "%u:%u", major, minor);
}

void format_rate(char *buf, size_t size, double v)
{
	static const char units[] = "BKMGT";
	int u = 0;
	if (v < 0) {
		snprintf(buf, size, "-");
		return;
	}
	if (v < 0.5) {
		snprintf(buf, size, "0");
		return;
	}
	while (v >= 999.5 && u < 4) {
		v /= 1024;
		u++;
	}
	if (u && v < 9.95)
		snprintf(buf, size, "%.1f%c", v, units[u]);
	else
		snprintf(buf, size, "%.0f%c", v, units[u]);
}

void format_command(struct sbuf *out, const struct proc *p, unsigned text_flags)
{
	if (p->cmdline_len) {
		text_escape(out, p->cmdline, p->cmdline_len, text_flags);
		return;
	}
	sbuf_addc(out, '[');
	text_escape(out, p->comm, strlen(p->comm), text_flags);
	sbuf_addc(out, ']');
}

void format_tree_prefix(struct sbuf *out, const bool *levels, int depth, bool last,
			bool collapsed, bool utf8, int max_levels)
{
	if (depth <= 0) {
		if (collapsed)
			sbuf_adds(out, "+ ");
		return;
	}
	int shown = depth - 1;
	if (shown > max_levels)
		shown = max_levels;
	for (int k = 0; k < shown; k++)
		sbuf_adds(out, levels[k] ? (utf8 ? "│  " : "|  ") : "   ");
	if (depth - 1 > shown)
		sbuf_printf(out, "%s%d ", utf8 ? "…" : "...", depth);
	if (utf8)
		sbuf_adds(out, last ? (collapsed ? "└+ " : "└─ ") : (collapsed ? "├+ " : "├─ "));
	else
		sbuf_adds(out, last ? (collapsed ? "\\+ " : "\\- ") : (collapsed ? "|+ " : "|- "));
}
