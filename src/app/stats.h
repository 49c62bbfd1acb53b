/* stats.h - what forktop measures of itself for the benchmark (FORKTOP_STATS=FILE):
 * written after each refresh, figures a user feels (the first screen, key to screen, how
 * old the rows are), not a log. */
#ifndef FORKTOP_STATS_H
#define FORKTOP_STATS_H

#include <stddef.h>

struct scan_info;

/* The file named by FORKTOP_STATS, if any; stats_* do nothing without it. */
void stats_open(void);
/* A key was read at clock time t (the first of those read together counts). */
void stats_key(double t);
/* A screen was drawn (its end at clock time t): the first one, or one showing keys. */
void stats_drawn(double t);
/* The loop was busy ms milliseconds without looking at the keys. */
void stats_busy(double ms);
/* A refresh ended; work_ms is the time it took (its reading steps and the rebuild). */
void stats_refreshed(const struct scan_info *si, double work_ms);

#endif
