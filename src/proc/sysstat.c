/* sysstat.c - CPU, memory and swap for the meters, and their history. */
#include "sysstat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "procfs.h"
#include "util.h"

int sysstat_parse_stat(const char *text, struct cpu_ticks *total, struct cpu_ticks *cpus,
		       size_t max)
{
	int ncpus = 0;
	bool seen = false;
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (strncmp(l, "cpu", 3) != 0)
			continue;
		struct cpu_ticks t = { 0 };
		char *end;
		const char *p = l + 3;
		long n = -1;
		if (*p >= '0' && *p <= '9') {
			n = strtol(p, &end, 10);
			p = end;
		}
		if (*p != ' ')
			continue;
		/* Older kernels have fewer fields: what is missing stays 0. */
		sscanf(p, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &t.user, &t.nice,
		       &t.system, &t.idle, &t.iowait, &t.irq, &t.softirq, &t.steal, &t.guest,
		       &t.guest_nice);
		if (n < 0) {
			*total = t;
			seen = true;
		} else if ((size_t)n < max) {
			cpus[n] = t;
			if (n + 1 > ncpus)
				ncpus = (int)n + 1;
		}
	}
	return seen ? ncpus : -1;
}

int sysstat_parse_meminfo(const char *text, struct meminfo *m)
{
	static const struct { const char *key; size_t off; } fields[] = {
		{ "MemTotal:", offsetof(struct meminfo, total) },
		{ "MemFree:", offsetof(struct meminfo, free) },
		{ "MemAvailable:", offsetof(struct meminfo, available) },
		{ "Buffers:", offsetof(struct meminfo, buffers) },
		{ "Cached:", offsetof(struct meminfo, cached) },
		{ "SReclaimable:", offsetof(struct meminfo, sreclaimable) },
		{ "Shmem:", offsetof(struct meminfo, shmem) },
		{ "SwapTotal:", offsetof(struct meminfo, swap_total) },
		{ "SwapFree:", offsetof(struct meminfo, swap_free) },
		{ "SwapCached:", offsetof(struct meminfo, swap_cached) },
	};
	memset(m, 0, sizeof *m);
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
			size_t len = strlen(fields[i].key);
			if (strncmp(l, fields[i].key, len) == 0) {
				*(unsigned long long *)((char *)m + fields[i].off) =
					strtoull(l + len, NULL, 10);
				break;
			}
		}
	return m->total ? 0 : -1;
}

/* A counter that went backwards (a core that went offline and came back) counts 0. */
static double delta(unsigned long long prev, unsigned long long cur)
{
	return cur > prev ? (double)(cur - prev) : 0;
}

void sysstat_cpu_load(const struct cpu_ticks *prev, const struct cpu_ticks *cur,
		      struct cpu_load *out)
{
	/* user and nice include the guests' time (as the kernel counts it): not twice */
	double guest = delta(prev->guest, cur->guest), guest_nice =
		delta(prev->guest_nice, cur->guest_nice);
	double user = delta(prev->user, cur->user) - guest;
	double nice = delta(prev->nice, cur->nice) - guest_nice;
	double system = delta(prev->system, cur->system) + delta(prev->irq, cur->irq) +
			delta(prev->softirq, cur->softirq);
	double idle = delta(prev->idle, cur->idle), iowait = delta(prev->iowait, cur->iowait);
	double steal = delta(prev->steal, cur->steal) + guest + guest_nice;
	user = user < 0 ? 0 : user;
	nice = nice < 0 ? 0 : nice;
	double total = user + nice + system + idle + iowait + steal;
	memset(out, 0, sizeof *out);
	if (total <= 0)
		return;
	out->user = 100 * user / total;
	out->nice = 100 * nice / total;
	out->system = 100 * system / total;
	out->iowait = 100 * iowait / total;
	out->steal = 100 * steal / total;
	out->busy = out->user + out->nice + out->system + out->steal;
}

void sysstat_mem_usage(const struct meminfo *m, struct mem_usage *u)
{
	unsigned long long cache = m->cached + m->sreclaimable;
	cache = cache > m->shmem ? cache - m->shmem : 0;
	unsigned long long not_used = m->free + m->cached + m->sreclaimable + m->buffers;
	u->total = m->total;
	u->used = m->total >= not_used ? m->total - not_used : m->total - m->free;
	u->buffers = m->buffers;
	u->cache = cache;
	u->swap_total = m->swap_total;
	unsigned long long swap_free = m->swap_free + m->swap_cached;
	u->swap_used = m->swap_total > swap_free ? m->swap_total - swap_free : 0;
	u->swap_cache = m->swap_cached;
}

#define MAX_CPUS 4096

struct sysstat {
	struct cpu_ticks total, *cpus;	/* the last sample */
	struct cpu_ticks *next;		/* the sample being read */
	struct cpu_load load, *loads;
	size_t ncpus;
	struct mem_usage mem;
	float hist[2][SYSSTAT_HISTORY];	/* rings */
	size_t nhist, head;
};

sysstat_t *sysstat_new(void)
{
	sysstat_t *s = xcalloc(1, sizeof *s);
	s->cpus = xcalloc(MAX_CPUS, sizeof *s->cpus);
	s->loads = xcalloc(MAX_CPUS, sizeof *s->loads);
	s->next = xcalloc(MAX_CPUS, sizeof *s->next);
	return s;
}

void sysstat_free(sysstat_t *s)
{
	if (!s)
		return;
	free(s->cpus);
	free(s->loads);
	free(s->next);
	free(s);
}

/* name below the proc root ("stat", "meminfo"). */
static int read_file(const char *name, struct sbuf *b, char *err, size_t errlen)
{
	struct stat st;
	char path[PROC_PATH_MAX];
	sbuf_reset(b);
	if (proc_path(path, sizeof path, "%s", name) < 0) {
		snprintf(err, errlen, "the proc root is too long");
		return -1;
	}
	int r = file_read_small(path, 1 << 20, b, &st, err, errlen);
	if (r > 0)
		snprintf(err, errlen, "%s does not exist", path);
	return r == 0 ? 0 : -1;
}

static int read_cpus(sysstat_t *s, struct sbuf *b, char *err, size_t errlen)
{
	struct cpu_ticks total, *cpus = s->next;
	int n = read_file("stat", b, err, errlen) < 0 ? -2 :
		sysstat_parse_stat(sbuf_str(b), &total, cpus, MAX_CPUS);
	if (n == -1)
		snprintf(err, errlen, "%s/stat has no cpu line", proc_root());
	if (n >= 0) {
		sysstat_cpu_load(&s->total, &total, &s->load);
		for (int i = 0; i < n; i++)
			sysstat_cpu_load(&s->cpus[i], &cpus[i], &s->loads[i]);
		s->total = total;
		memcpy(s->cpus, cpus, (size_t)n * sizeof *cpus);
		s->ncpus = (size_t)n;
	}
	return n >= 0 ? 0 : -1;
}

int sysstat_refresh(sysstat_t *s, char *err, size_t errlen)
{
	struct sbuf b;
	struct meminfo m;
	sbuf_init(&b);
	int rc = read_cpus(s, &b, err, errlen);
	if (read_file("meminfo", &b, err, errlen) < 0 ||
	    sysstat_parse_meminfo(sbuf_str(&b), &m) < 0) {
		if (rc == 0)
			snprintf(err, errlen, "%s/meminfo cannot be read", proc_root());
		rc = -1;
	} else {
		sysstat_mem_usage(&m, &s->mem);
	}
	sbuf_free(&b);
	s->hist[SERIES_CPU][s->head] = (float)s->load.busy;
	s->hist[SERIES_MEM][s->head] = s->mem.total ? (float)(100.0 * (double)s->mem.used /
							       (double)s->mem.total) : 0;
	s->head = (s->head + 1) % SYSSTAT_HISTORY;
	if (s->nhist < SYSSTAT_HISTORY)
		s->nhist++;
	return rc;
}

size_t sysstat_ncpus(const sysstat_t *s)
{
	return s->ncpus;
}

const struct cpu_load *sysstat_cpu(const sysstat_t *s, int i)
{
	return i < 0 || (size_t)i >= s->ncpus ? &s->load : &s->loads[i];
}

const struct mem_usage *sysstat_mem(const sysstat_t *s)
{
	return &s->mem;
}

size_t sysstat_history(const sysstat_t *s, enum sysstat_series which, float *out, size_t n)
{
	if (n > s->nhist)
		n = s->nhist;
	for (size_t i = 0; i < n; i++)
		out[i] = s->hist[which][(s->head + SYSSTAT_HISTORY - n + i) % SYSSTAT_HISTORY];
	return n;
}
