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
/* CPU%: "0.0".."99.9", "100" and above as an integer. */
void format_cpu(char *buf, size_t size, double percent);


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
