/* sysstat.h - the machine's figures behind the meters: CPU time per core from
 * /proc/stat, memory and swap from /proc/meminfo, and their history for the graphs.
 * The parsers and the arithmetic (htop's) are pure; sysstat_refresh reads the files. */
#ifndef FORKTOP_SYSSTAT_H
#define FORKTOP_SYSSTAT_H

#include <stdbool.h>
#include <stddef.h>

/* One line of /proc/stat, in clock ticks since boot. */
struct cpu_ticks {
	unsigned long long user, nice, system, idle, iowait, irq, softirq, steal, guest,
		guest_nice;
};

/* A core's time between two samples, in percent of that time. busy leaves out idle
 * and iowait (as htop does); iowait is shown beside it. */
struct cpu_load {
	double user, nice, system, iowait, steal, busy;
};

/* /proc/meminfo's fields the meters use, in KiB. */
struct meminfo {
	unsigned long long total, free, available, buffers, cached, sreclaimable, shmem,
		swap_total, swap_free, swap_cached;
};

/* Memory as htop shows it, in KiB: used excludes buffers and the page cache
 * (reclaimable slab counted as cache, shared memory as used). */
struct mem_usage {
	unsigned long long total, used, buffers, cache, swap_total, swap_used, swap_cache;
};

/* Parses /proc/stat: the "cpu" line into *total, "cpuN" lines into cpus[N] (up to max).
 * Returns the number of cores (the highest N + 1), or -1 when there is no cpu line. */
int sysstat_parse_stat(const char *text, struct cpu_ticks *total, struct cpu_ticks *cpus,
		       size_t max);
/* Parses /proc/meminfo; -1 when MemTotal is missing. */
int sysstat_parse_meminfo(const char *text, struct meminfo *m);
/* The load between two samples of one core (prev all zero: since boot). */
void sysstat_cpu_load(const struct cpu_ticks *prev, const struct cpu_ticks *cur,
		      struct cpu_load *out);
void sysstat_mem_usage(const struct meminfo *m, struct mem_usage *u);

/* The reader: keeps the last sample and a history of total CPU% and memory used %. */
typedef struct sysstat sysstat_t;

#define SYSSTAT_HISTORY 600	/* samples kept: ten minutes at one a second */

enum sysstat_series { SERIES_CPU, SERIES_MEM };

sysstat_t *sysstat_new(void);
void sysstat_free(sysstat_t *s);
/* Reads /proc/stat and /proc/meminfo. -1 with a message in err (the last figures
 * are kept). */
int sysstat_refresh(sysstat_t *s, char *err, size_t errlen);
size_t sysstat_ncpus(const sysstat_t *s);
/* Core i's load since the previous refresh; i = -1 for all cores together. */
const struct cpu_load *sysstat_cpu(const sysstat_t *s, int i);
const struct mem_usage *sysstat_mem(const sysstat_t *s);
/* The last n samples of a series (percent), oldest first; returns how many there are. */
size_t sysstat_history(const sysstat_t *s, enum sysstat_series which, float *out, size_t n);

#endif
