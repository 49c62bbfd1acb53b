/* format.h - numbers as the columns show them. Pure. */
#ifndef FORKTOP_FORMAT_H
#define FORKTOP_FORMAT_H

#include <stddef.h>

/* Memory in KiB as at most 5 characters: "0", "812K", "48M", "1.5G", "12G", "3.2T". */
void format_kb(char *buf, size_t size, unsigned long kb);
/* Memory in KiB for the meters, three significant figures as htop shows them: "812K",
 * "1.23G", "23.4G", "512M". */
void format_kb_meter(char *buf, size_t size, unsigned long long kb);
/* Elapsed seconds: "00:41", "59:59", "01:02:03" (hours), "3d04:12" (days: d hh:mm),
 * "412d" past 99 days. */
void format_elapsed(char *buf, size_t size, double seconds);
/* Uptime for the header: "3d 04:12", "04:12:09". */
void format_uptime(char *buf, size_t size, double seconds);
/* CPU% and MEM%: "0.0".."99.9", "100" and above as an integer. */
void format_cpu(char *buf, size_t size, double percent);
/* CPU time in hundredths of a second as htop's TIME+: "0:00.00", "59:59.99" (m:ss.cc)
 * below an hour, "1:02:03" (h:mm:ss) from there, "41d16h" from 1000 hours. */
void format_time(char *buf, size_t size, unsigned long long hundredths);
/* A start time (seconds since the epoch) seen elapsed seconds after it, as htop's START:
 * the local time of day "09:41" within a day, the date "Mar05" within a year (English
 * month names whatever the locale: five cells), else the year "2023". */
void format_start(char *buf, size_t size, double start, double elapsed);
/* A terminal from its device number (tty_nr): "pts/3", "tty1", "ttyS0", "console", "?"
 * for none, "136:4"-like major:minor for others. */
void format_tty(char *buf, size_t size, unsigned tty);
/* Bytes per second in at most 5 characters: "0", "512B", "1.5K", "48K", "2.3M", "-" when
 * unknown (negative). */
void format_rate(char *buf, size_t size, double bytes_per_s);


#include <stdbool.h>

#include "proc.h"
#include "util.h"

/* The command shown for a process, escaped for display (text_escape with flags): its
 * command line, or "[comm]" when it has none (kernel threads, zombies). */
void format_command(struct sbuf *out, const struct proc *p, unsigned text_flags);

/* Tree connectors for a row: levels[0..depth-2] say where a vertical line continues
 * (tree_prefix), last whether the row is the last sibling, collapsed whether its
 * children are hidden. UTF-8 box drawing or ASCII. Levels past max_levels are drawn as
 * one "…" marker so a 5,000-deep chain stays readable. */
void format_tree_prefix(struct sbuf *out, const bool *levels, int depth, bool last,
			bool collapsed, bool utf8, int max_levels);

#endif
