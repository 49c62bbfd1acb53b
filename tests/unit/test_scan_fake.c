/* test_scan_fake.c - the scan against a proc tree of files the test writes (a temporary
 * directory set as the proc root): the tree, the commands and the CPU% a user sees, pid
 * reuse, re-parenting, broken entries, a cut command line; and on the kernel's /proc,
 * libproc2 and forktop's own reader agreeing on processes the test started. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "format.h"
#include "procfs.h"
#include "scan.h"
#include "signals.h"
#include "threads.h"
#include "tree.h"
#include "unit.h"
#include "util.h"

#define PF_KTHREAD 0x00200000u
#define BTIME 1700000000
#define DEADLINE 10.0		/* seconds a wait on a child may take before the test fails */

static char base[512];	/* made once for the suite, removed after it even if a test failed */
static char root[600];	/* a fresh one below base for each test */

/* One process as its stat file says. */
struct fake {
	int pid, ppid;
	const char *comm;
	char state;
	unsigned long long start;	/* ticks after boot */
	unsigned long long utime, stime;
	unsigned flags;
	int threads;
	unsigned long rss;		/* pages */
	int exit_status;		/* field 52: a zombie's wait status */
	int nice;			/* priority is 20 + nice */
	unsigned tty;
	unsigned long vsize;		/* bytes; 0: 2211840 */
};

/* Writes root/rel (rel below a pid directory when pid > 0). */
static void put(int pid, const char *rel, const void *data, size_t len)
{
	char path[1024];
	if (pid > 0) {
		snprintf(path, sizeof path, "%s/%d", root, pid);
		ck_assert(mkdir(path, 0755) == 0 || errno == EEXIST);
		snprintf(path, sizeof path, "%s/%d/%s", root, pid, rel);
	} else {
		snprintf(path, sizeof path, "%s/%s", root, rel);
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void put_str(int pid, const char *rel, const char *text)
{
	put(pid, rel, text, strlen(text));
}

/* stat as the kernel writes it, 52 fields, at rel below the directory of process pid. */
static void put_stat_at(int pid, const char *rel, const struct fake *f)
{
	char buf[1024];
	int n = snprintf(buf, sizeof buf, "%d (%s) %c %d %d %d %u -1 %u 100 0 0 0 %llu %llu 0 0 "
			 "%d %d %d 0 %llu %lu %lu 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 "
			 "17 1 0 0 0 0 0 0 0 0 0 0 0 0 %d\n", f->pid, f->comm, f->state, f->ppid,
			 f->pid, f->pid, f->tty, f->flags, f->utime, f->stime, 20 + f->nice,
			 f->nice, f->threads ? f->threads : 1, f->start,
			 f->vsize ? f->vsize : 2211840, f->rss, f->exit_status);
	put(pid, rel, buf, (size_t)n);
}

static void put_stat(const struct fake *f)
{
	put_stat_at(f->pid, "stat", f);
}

/* Thread t of process pid: its task/TID/stat. */
static void put_task(int pid, const struct fake *t)
{
	char dir[1024], rel[64];
	snprintf(dir, sizeof dir, "%s/%d", root, pid);
	ck_assert(mkdir(dir, 0755) == 0 || errno == EEXIST);
	snprintf(dir, sizeof dir, "%s/%d/task", root, pid);
	ck_assert(mkdir(dir, 0755) == 0 || errno == EEXIST);
	snprintf(dir, sizeof dir, "%s/%d/task/%d", root, pid, t->pid);
	ck_assert(mkdir(dir, 0755) == 0 || errno == EEXIST);
	snprintf(rel, sizeof rel, "task/%d/stat", t->pid);
	put_stat_at(pid, rel, t);
}

/* A process: its stat and its command line (argv joined by NULs, as the kernel keeps it). */
static void put_proc(const struct fake *f, const char *argv, size_t argv_len)
{
	put_stat(f);
	put(f->pid, "cmdline", argv, argv_len);
}

#define ARGV(lit) lit, sizeof lit - 1	/* "a\0b\0" without the literal's own NUL */

/* The system files of the root; uptime is the clock the own reader measures CPU% by. */
static void put_uptime(double seconds)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.2f 4321.00\n", seconds);
	put_str(0, "uptime", buf);
}

static void put_system(double uptime)
{
	put_uptime(uptime);
	put_str(0, "loadavg", "0.50 0.25 0.10 2/123 4567\n");
	put_str(0, "stat", "cpu  1 2 3 4 5 6 7 0 0 0\nbtime 1700000000\nprocesses 4567\n");
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void rm_rf(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void suite_setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(base, sizeof base, "%s/ftscan.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert(mkdtemp(base) != NULL);
}

static void suite_teardown(void)
{
	rm_rf(base);
}

static void setup(void)
{
	/* Check's runner handlers would be inherited by a child the test starts. */
	signal(SIGTERM, SIG_DFL);
	snprintf(root, sizeof root, "%s/proc", base);
	rm_rf(root);
	ck_assert_int_eq(mkdir(root, 0755), 0);
	ck_assert_int_eq(proc_set_root(root), 0);
}

static void teardown(void)
{
	proc_set_root(NULL);
	rm_rf(root);
}

static scan_t *scan_open(void)
{
	char err[256] = "";
	scan_t *s = scan_new(err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	scan_set_eager(s, true);	/* every command line at once, not only the screen's */
	return s;
}

static void refresh(scan_t *s)
{
	char err[256] = "";
	ck_assert_msg(scan_refresh(s, err, sizeof err) == 0, "%s", err);
}

static const struct proc *find(const scan_t *s, int pid)
{
	size_t n;
	const struct proc *p = scan_procs(s, &n);
	for (size_t i = 0; i < n; i++)
		if (p[i].pid == pid)
			return &p[i];
	return NULL;
}

static const struct proc *must_find(const scan_t *s, int pid)
{
	const struct proc *p = find(s, pid);
	ck_assert_msg(p != NULL, "process %d is not in the snapshot", pid);
	return p;
}

/* The command as the screen shows it (escaped; "[comm]" without a command line). */
static char *shown(const struct proc *p)
{
	static char buf[256];
	struct sbuf b;
	sbuf_init(&b);
	format_command(&b, p, 0);
	snprintf(buf, sizeof buf, "%s", sbuf_str(&b));
	sbuf_free(&b);
	return buf;
}

/* The forest as the tree view lays it out: two spaces a level, pid, state, command. */
static char *tree_text(const scan_t *s)
{
	static char buf[2048];
	size_t n, len = 0;
	const struct proc *procs = scan_procs(s, &n);
	tree_t *t = tree_new();
	tree_set_show_kthreads(t, true);
	tree_build(t, procs, n);
	buf[0] = '\0';
	for (size_t i = 0; i < tree_nrows(t) && len < sizeof buf; i++) {
		const struct tree_row *r = tree_row(t, i);
		const struct proc *p = &procs[r->proc];
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%*s%d %c %s\n", 2 * r->depth,
					"", p->pid, p->state, shown(p));
	}
	tree_free(t);
	return buf;
}

static long hz_of(const scan_t *s)
{
	return scan_info(s)->hz;
}

/* A machine of seven processes: init with a shell, its worker, a process named with an
 * escape sequence and a zombie; kthreadd with a kworker (no command line). */
START_TEST(tree_commands_and_states)
{
	put_system(1000.0);
	put_proc(&(struct fake){ .pid = 1, .comm = "systemd", .state = 'S', .start = 1 },
		 ARGV("/sbin/init\0splash\0"));
	put_proc(&(struct fake){ .pid = 2, .comm = "kthreadd", .state = 'S', .start = 1,
				 .flags = PF_KTHREAD }, ARGV(""));
	put_proc(&(struct fake){ .pid = 3, .ppid = 2, .comm = "kworker/0:1", .state = 'I',
				 .start = 2, .flags = PF_KTHREAD }, ARGV(""));
	put_proc(&(struct fake){ .pid = 100, .ppid = 1, .comm = "bash", .state = 'S',
				 .start = 500, .rss = 1000 }, ARGV("-bash\0"));
	put_proc(&(struct fake){ .pid = 101, .ppid = 100, .comm = "python3", .state = 'R',
				 .start = 600, .threads = 4 }, ARGV("python3\0worker.py\0--n\0" "3\0"));
	put_proc(&(struct fake){ .pid = 102, .ppid = 100, .comm = "\033[31mred", .state = 'S',
				 .start = 700 }, ARGV(""));
	put_proc(&(struct fake){ .pid = 103, .ppid = 100, .comm = "worker", .state = 'Z',
				 .start = 800, .exit_status = 15 << 8 }, ARGV(""));
	scan_t *s = scan_open();
	refresh(s);
	ck_assert_str_eq(tree_text(s),
			 "1 S /sbin/init splash\n"
			 "  100 S -bash\n"
			 "    101 R python3 worker.py --n 3\n"
			 "    102 S [\\e[31mred]\n"
			 "    103 Z [worker]\n"
			 "2 S [kthreadd]\n"
			 "  3 I [kworker/0:1]\n");
	/* The name keeps the kernel's bytes: escaping is the screen's. */
	ck_assert_str_eq(must_find(s, 102)->comm, "\033[31mred");
	ck_assert(must_find(s, 3)->kthread);
	ck_assert(!must_find(s, 100)->kthread);
	ck_assert_int_eq(must_find(s, 101)->threads, 4);
	ck_assert_uint_eq(must_find(s, 100)->rss_kb,
			  1000 * (unsigned long)(sysconf(_SC_PAGESIZE) / 1024));
	ck_assert_uint_eq(must_find(s, 100)->uid, getuid());	/* the owner of its directory */
	const struct scan_info *si = scan_info(s);
	ck_assert_uint_eq(si->nprocs, 7);
	ck_assert_uint_eq(si->nkthreads, 2);
	ck_assert_uint_eq(si->running, 1);
	ck_assert_double_eq(si->boot_time, BTIME);
	ck_assert_double_eq_tol(si->uptime, 1000.0, 1e-9);
	ck_assert_double_eq_tol(si->load[0], 0.5, 1e-9);
	/* started 600 ticks after boot, seen at 1000 s */
	ck_assert_double_eq_tol(must_find(s, 101)->elapsed, 1000.0 - 600.0 / (double)hz_of(s),
				1e-9);
	/* The zombie's exit code, as a join reports it; another start time is another process. */
	int code = 0;
	ck_assert(scan_zombie_exitcode(103, 800, &code));
	ck_assert_int_eq(code, 15);
	ck_assert(!scan_zombie_exitcode(103, 801, &code));
	ck_assert(!scan_zombie_exitcode(101, 600, &code));	/* not a zombie */
	scan_free(s);
}
END_TEST

/* CPU% between two refreshes: half a second of CPU time over one second of the root's
 * uptime is 50%, however long the test took between them. */
START_TEST(cpu_between_two_refreshes)
{
	put_system(1000.0);
	scan_t *s = scan_open();
	long hz = hz_of(s);
	struct fake w = { .pid = 101, .ppid = 1, .comm = "python3", .state = 'R',
			  .start = (unsigned long long)(900 * hz), .utime = 200, .stime = 100 };
	put_proc(&w, ARGV("python3\0spin.py\0"));
	refresh(s);
	/* first sight: the average over its 100 s of life */
	ck_assert_double_eq_tol(must_find(s, 101)->cpu, 300.0 / (double)hz / 100.0 * 100.0, 1e-6);
	w.utime += (unsigned long long)hz / 4;
	w.stime += (unsigned long long)hz / 4;
	put_stat(&w);
	put_uptime(1001.0);
	refresh(s);
	char buf[16];
	format_cpu(buf, sizeof buf, must_find(s, 101)->cpu);
	ck_assert_str_eq(buf, "50.0");
	ck_assert_double_eq_tol(must_find(s, 101)->cpu, 50.0, 1e-6);
	put_uptime(1003.0);	/* two seconds without a tick */
	refresh(s);
	format_cpu(buf, sizeof buf, must_find(s, 101)->cpu);
	ck_assert_str_eq(buf, "0.0");
	scan_free(s);
}
END_TEST

/* A process as the incremental refresh sees it: stat, command line and the run time
 * (ns) of schedstat, the file it samples every process by. */
static void put_sampled(const struct fake *f, const char *argv, size_t len,
			unsigned long long run_ns)
{
	char buf[64];
	put_proc(f, argv, len);
	snprintf(buf, sizeof buf, "%llu 0 1\n", run_ns);
	put_str(f->pid, "schedstat", buf);
}

/* The incremental refresh: every process's CPU% is current (schedstat), a process is
 * read whole when due (at most 6 refreshes apart), at once when on screen (wanted) or
 * when its parent ended; the first refresh leaves the command lines off screen for
 * later, and scan_complete reads the rows that come on screen. */
START_TEST(incremental_refresh)
{
	put_system(1000.0);
	put_proc(&(struct fake){ .pid = 1, .comm = "init", .state = 'S', .start = 1 },
		 ARGV("init\0"));
	struct fake k[10];
	for (int i = 0; i < 10; i++) {
		k[i] = (struct fake){ .pid = 10 + i, .ppid = 1, .comm = "kid", .state = 'S',
				      .start = 100 + (unsigned long long)i };
		char argv[32];
		int n = snprintf(argv, sizeof argv, "kid%d", 10 + i);
		put_sampled(&k[i], argv, (size_t)n + 1, 1000000000ULL);
	}
	struct fake g = { .pid = 30, .ppid = 10, .comm = "grandkid", .state = 'S', .start = 200 };
	put_sampled(&g, ARGV("grandkid\0"), 1000000000ULL);
	char err[256] = "";
	scan_t *s = scan_new(err, sizeof err);
	ck_assert_msg(s, "%s", err);
	int want[] = { 12 };
	scan_want(s, want, 1);
	refresh(s);
	ck_assert_str_eq(shown(must_find(s, 12)), "kid12");
	ck_assert_str_eq(shown(must_find(s, 13)), "[kid]");	/* not on screen yet */
	want[0] = 13;
	scan_want(s, want, 1);
	ck_assert_uint_eq(scan_complete(s), 1);
	ck_assert_str_eq(shown(must_find(s, 13)), "kid13");
	ck_assert_uint_eq(scan_complete(s), 0);	/* nothing left to read */

	/* CPU%: 15 ran half of the next second, 16 stopped; 13 (wanted) stopped too */
	put_uptime(1001.0);
	put_str(15, "schedstat", "1500000000 0 2\n");
	k[6].state = 'T';
	put_stat(&k[6]);
	k[3].state = 'T';
	put_stat(&k[3]);
	refresh(s);
	ck_assert_double_eq_tol(must_find(s, 15)->cpu, 50.0, 1e-6);
	ck_assert_double_eq_tol(must_find(s, 14)->cpu, 0.0, 1e-6);
	ck_assert_int_eq(must_find(s, 13)->state, 'T');
	ck_assert_str_eq(shown(must_find(s, 14)), "kid14");	/* the rest followed */
	ck_assert_uint_ge(scan_info(s)->age_max_refreshes, 1);

	/* 16's stop shows within 6 refreshes (the one after it and 5 more), and the ages
	 * say at most 5 meanwhile */
	int seen = 0;
	for (int r = 0; r < 5 && !seen; r++) {
		ck_assert_uint_le(scan_info(s)->age_max_refreshes, 5);
		if (r > 0)	/* a schedstat each, a stat for those due only */
			ck_assert_uint_lt(scan_info(s)->files_read, 3 + 2 * 12 - 5);
		if (must_find(s, 16)->state == 'T')
			seen = r + 1;
		put_uptime(1002.0 + r);
		refresh(s);
	}
	ck_assert_msg(seen || must_find(s, 16)->state == 'T', "16 still shown S after 6 refreshes");

	/* 10 ends: its child 30 is adopted by 1, shown in that very refresh */
	char path[1024];
	snprintf(path, sizeof path, "%s/10", root);
	rm_rf(path);
	g.ppid = 1;
	put_stat(&g);
	put_uptime(1010.0);
	refresh(s);
	ck_assert_ptr_null(find(s, 10));
	ck_assert_int_eq(must_find(s, 30)->ppid, 1);
	size_t n;
	const struct scan_reparent *mv = scan_reparented(s, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(mv[0].pid, 30);
	scan_forget_reparented(s);

	/* Parents 40..45 (children of 1) with a child each, 50..55. Parent i exits but is
	 * not reaped (a zombie of 1): child i moves at the exit, and shows moved in the
	 * refresh that sees its parent a zombie, whether or not the child was due in it (the
	 * six refreshes fall on different slices) */
	struct fake par[6], kid[6];
	for (int i = 0; i < 6; i++) {
		par[i] = (struct fake){ .pid = 40 + i, .ppid = 1, .comm = "parent", .state = 'S',
					.start = 300 + (unsigned long long)i };
		kid[i] = (struct fake){ .pid = 50 + i, .ppid = 40 + i, .comm = "child",
					.state = 'S', .start = 400 + (unsigned long long)i };
		put_sampled(&par[i], ARGV("parent\0"), 1000000000ULL);
		put_sampled(&kid[i], ARGV("child\0"), 1000000000ULL);
	}
	put_uptime(1011.0);
	refresh(s);
	put_uptime(1012.0);
	refresh(s);
	scan_forget_reparented(s);
	for (int i = 0; i < 6; i++) {
		par[i].state = 'Z';
		put_stat(&par[i]);
		kid[i].ppid = 1;
		put_stat(&kid[i]);
		put_uptime(1013.0 + i);
		refresh(s);
		ck_assert_int_eq(must_find(s, 40 + i)->state, 'Z');
		ck_assert_msg(must_find(s, 50 + i)->ppid == 1, "child %d not moved", 50 + i);
		mv = scan_reparented(s, &n);
		ck_assert_uint_eq(n, 1);
		ck_assert_int_eq(mv[0].pid, 50 + i);
		scan_forget_reparented(s);
	}
	scan_free(s);
}
END_TEST

/* H: the threads of a process of several as rows below it, each with its own TID, state,
 * name and CPU% (tick deltas per thread); the main thread is the process's row; a
 * process of one thread and a kernel thread have none; off, no rows. */
START_TEST(user_threads_as_rows)
{
	put_system(1000.0);
	scan_t *s = scan_open();
	long hz = hz_of(s);
	struct fake p = { .pid = 500, .ppid = 1, .comm = "server", .state = 'S', .start = 100,
			  .threads = 3 };
	put_proc(&p, ARGV("server\0--port\0" "80\0"));
	struct fake one = { .pid = 600, .ppid = 1, .comm = "lone", .state = 'S', .start = 100 };
	put_proc(&one, ARGV("lone\0"));
	struct fake t[3] = {
		{ .pid = 500, .ppid = 1, .comm = "server", .state = 'S', .start = 100 },
		{ .pid = 501, .ppid = 1, .comm = "worker-1", .state = 'R', .start = 110,
		  .utime = 100 },
		{ .pid = 502, .ppid = 1, .comm = "worker-2", .state = 'S', .start = 120 },
	};
	for (int i = 0; i < 3; i++)
		put_task(500, &t[i]);
	refresh(s);
	ck_assert_ptr_null(find(s, 501));	/* off: no thread rows */
	ck_assert(scan_set_threads(s, true));
	ck_assert(!scan_set_threads(s, true));
	refresh(s);
	const struct proc *w1 = must_find(s, 501), *w2 = must_find(s, 502);
	ck_assert(w1->thread && w2->thread);
	ck_assert_int_eq(w1->ppid, 500);	/* below their process */
	ck_assert_int_eq(w1->state, 'R');
	ck_assert_str_eq(shown(w1), "{worker-1}");
	ck_assert_str_eq(shown(w2), "{worker-2}");
	ck_assert_uint_eq(w1->rss_kb, must_find(s, 500)->rss_kb);	/* the process's memory */
	ck_assert(!must_find(s, 500)->thread);
	size_t n, rows = 0;
	const struct proc *all = scan_procs(s, &n);
	for (size_t i = 0; i < n; i++)
		rows += all[i].thread;
	ck_assert_uint_eq(rows, 2);	/* not the main thread, none for lone */
	ck_assert_uint_eq(scan_info(s)->nprocs, n - 2);	/* threads are not processes */
	/* a second later worker-1 ran half of it */
	t[1].utime += (unsigned long long)hz / 2;
	put_task(500, &t[1]);
	put_uptime(1001.0);
	refresh(s);
	ck_assert_double_eq_tol(must_find(s, 501)->cpu, 50.0, 1e-6);
	ck_assert(scan_set_threads(s, false));
	put_uptime(1002.0);
	refresh(s);
	ck_assert_ptr_null(find(s, 501));
	scan_free(s);
}
END_TEST

/* threads.c on its own: only the processes of several threads (not kernel threads) have
 * their task directories read; the main thread and entries that are not threads give no
 * row; each row has its thread's own tid, state, name, nice, start and CPU% (a delta per
 * thread identity, tid and start: a tid given again starts afresh), the process's memory;
 * read again at the same clock (an update between refreshes), a CPU% stands. */
START_TEST(threads_rows_from_task_dirs)
{
	const long hz = 100;
	put_system(1000.0);
	struct proc procs[] = {
		{ .pid = 500, .ppid = 1, .start = 100, .state = 'S', .threads = 3, .rss_kb = 4096,
		  .comm = "server", .cmdline = "server", .cmdline_len = 6, .elapsed = 999.0,
		  .start_time = BTIME + 1.0 },
		{ .pid = 600, .ppid = 1, .start = 100, .state = 'S', .threads = 1, .comm = "lone",
		  .cmdline = "lone", .cmdline_len = 4 },
		{ .pid = 700, .ppid = 2, .start = 5, .state = 'I', .threads = 2, .kthread = true,
		  .comm = "kworker", .cmdline = "", .cmdline_len = 0 },
	};
	struct fake t[] = {
		{ .pid = 500, .comm = "server", .state = 'S', .start = 100 },
		{ .pid = 501, .comm = "worker 1", .state = 'R', .start = 300, .utime = 350,
		  .nice = 5 },
		{ .pid = 502, .comm = "worker)2", .state = 'D', .start = 400, .stime = 10 },
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		put_task(500, &t[i]);
	put_task(600, &(struct fake){ .pid = 601, .comm = "lone-t", .state = 'S', .start = 100 });
	put_task(700, &(struct fake){ .pid = 701, .comm = "kw-t", .state = 'S', .start = 5 });
	put_str(500, "task/503", "");		/* not a directory: no stat below it */
	char dir[700];
	snprintf(dir, sizeof dir, "%s/500/task/self", root);	/* not a tid */
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	threads_t *th = threads_new();
	struct proc *rows = NULL;
	size_t n = 0, cap = 0;
	threads_append(th, procs, ARRAY_LEN(procs), &rows, &n, &cap, 50.0, hz, 1000.0);
	ck_assert_uint_eq(n, 2);
	const struct proc *w1 = rows[0].pid == 501 ? &rows[0] : &rows[1];
	const struct proc *w2 = rows[0].pid == 501 ? &rows[1] : &rows[0];
	ck_assert_int_eq(w1->pid, 501);
	ck_assert_int_eq(w2->pid, 502);
	ck_assert(w1->thread && w2->thread);
	ck_assert_int_eq(w1->ppid, 500);
	ck_assert_int_eq(w1->state, 'R');
	ck_assert_int_eq(w2->state, 'D');
	ck_assert_int_eq(w1->nice, 5);
	ck_assert_str_eq(w1->comm, "worker 1");
	ck_assert_str_eq(w2->cmdline, "{worker)2}");
	ck_assert_uint_eq(w1->start, 300);
	ck_assert_uint_eq(w1->rss_kb, 4096);			/* the process's */
	ck_assert_double_eq_tol(w1->start_time, BTIME + 3.0, 1e-6);	/* 2 s after it */
	ck_assert_double_eq_tol(w1->elapsed, 997.0, 1e-6);
	/* first sight: its average over its life, 3.5 s of 997 */
	ck_assert_double_eq_tol(w1->cpu, 350.0 / 997.0, 1e-6);
	/* read again at the same clock, having run meanwhile: the figure stands */
	t[1].utime += 50;
	put_task(500, &t[1]);
	n = 0;
	threads_append(th, procs, ARRAY_LEN(procs), &rows, &n, &cap, 50.0, hz, 1000.0);
	w1 = rows[0].pid == 501 ? &rows[0] : &rows[1];
	ck_assert_double_eq_tol(w1->cpu, 350.0 / 997.0, 1e-6);
	/* two seconds after the first sample: 1 s of CPU in 2 s; 502 is another thread now
	 * (its tid given again): its own average, not a delta against the old one */
	t[1].utime += 50;
	put_task(500, &t[1]);
	t[2].start = 101100;
	t[2].stime = 100;
	put_task(500, &t[2]);
	n = 0;
	threads_append(th, procs, ARRAY_LEN(procs), &rows, &n, &cap, 52.0, hz, 1012.0);
	w1 = rows[0].pid == 501 ? &rows[0] : &rows[1];
	w2 = rows[0].pid == 501 ? &rows[1] : &rows[0];
	ck_assert_double_eq_tol(w1->cpu, 50.0, 1e-6);
	ck_assert_double_eq_tol(w2->cpu, 100.0 * 1.0 / 1.0, 1e-6);	/* 1 s in its 1 s */
	free(rows);
	threads_free(th);
}
END_TEST

/* A pid given to a new process (another start time) is a new process: its own command
 * line, not the old one's, and no re-parenting reported for it. */
START_TEST(reused_pid_is_a_new_process)
{
	put_system(1000.0);
	put_proc(&(struct fake){ .pid = 200, .ppid = 100, .comm = "sleep", .state = 'S',
				 .start = 5000 }, ARGV("sleep\0" "10\0"));
	scan_t *s = scan_open();
	refresh(s);
	ck_assert_str_eq(shown(must_find(s, 200)), "sleep 10");
	put_proc(&(struct fake){ .pid = 200, .ppid = 1, .comm = "sleep", .state = 'S',
				 .start = 9000 }, ARGV("sleep\0" "99\0"));
	put_uptime(1001.0);
	refresh(s);
	ck_assert_str_eq(shown(must_find(s, 200)), "sleep 99");
	ck_assert_uint_eq(must_find(s, 200)->start, 9000);
	size_t n;
	scan_reparented(s, &n);
	ck_assert_uint_eq(n, 0);
	scan_free(s);
}
END_TEST

/* A live process whose parent changed is reported once; a zombie adopted by init is not
 * (it ended). */
START_TEST(reparent_is_reported)
{
	put_system(1000.0);
	struct fake child = { .pid = 300, .ppid = 100, .comm = "daemon", .state = 'S',
			      .start = 4000 };
	struct fake dead = { .pid = 301, .ppid = 100, .comm = "dead", .state = 'S',
			     .start = 4100 };
	put_proc(&child, ARGV("daemon\0"));
	put_proc(&dead, ARGV("dead\0"));
	scan_t *s = scan_open();
	refresh(s);
	size_t n;
	scan_reparented(s, &n);
	ck_assert_uint_eq(n, 0);
	child.ppid = 1;
	dead.ppid = 1;
	dead.state = 'Z';
	put_stat(&child);
	put_stat(&dead);
	put_uptime(1001.0);
	refresh(s);
	const struct scan_reparent *r = scan_reparented(s, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(r[0].pid, 300);
	ck_assert_uint_eq(r[0].start, 4000);
	ck_assert_int_eq(r[0].from, 100);
	ck_assert_int_eq(r[0].to, 1);
	scan_forget_reparented(s);
	refresh(s);
	scan_reparented(s, &n);
	ck_assert_uint_eq(n, 0);
	scan_free(s);
}
END_TEST

/* Directories that are not processes, a process gone between two refreshes or between
 * the directory listing and the read, an unreadable or garbled stat: left out, and the
 * refresh still succeeds with the others. */
START_TEST(broken_entries_are_skipped)
{
	char path[1024];
	put_system(1000.0);
	put_proc(&(struct fake){ .pid = 1, .comm = "init", .state = 'S', .start = 1 },
		 ARGV("init\0"));
	put_proc(&(struct fake){ .pid = 400, .ppid = 1, .comm = "brief", .state = 'S',
				 .start = 10 }, ARGV("brief\0"));
	scan_t *s = scan_open();
	refresh(s);
	ck_assert_ptr_nonnull(find(s, 400));
	/* gone between two refreshes */
	snprintf(path, sizeof path, "%s/400", root);
	rm_rf(path);
	/* gone between the listing and the read: a directory without its files */
	snprintf(path, sizeof path, "%s/401", root);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	/* unreadable: stat is no file */
	snprintf(path, sizeof path, "%s/402/stat", root);
	put_str(402, "cmdline", "x");
	ck_assert_int_eq(mkdir(path, 0755), 0);
	put_str(403, "stat", "403 (cut");
	put_str(404, "stat", "");
	put_str(405, "stat", "405 (x) S one two three");
	put_str(406, "stat", "406 (short) S 1 406 406 0 -1 0 0");	/* ends before field 22 */
	/* not pids */
	snprintf(path, sizeof path, "%s/sys", root);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/12abc", root);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/self", root);
	ck_assert_int_eq(symlink("1", path), 0);
	put_uptime(1001.0);
	refresh(s);
	size_t n;
	const struct proc *p = scan_procs(s, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(p[0].pid, 1);
	ck_assert_str_eq(shown(&p[0]), "init");
	scan_free(s);
}
END_TEST

/* A command line longer than forktop keeps (128 KiB) is cut there and says so. */
START_TEST(long_cmdline_is_cut)
{
	enum { LONG = 200 * 1024, KEPT = 128 * 1024 };
	char *argv = xmalloc(LONG);
	memset(argv, 'a', LONG);
	for (size_t i = 99; i < LONG; i += 100)
		argv[i] = '\0';
	put_system(1000.0);
	put_proc(&(struct fake){ .pid = 500, .ppid = 1, .comm = "long", .state = 'S',
				 .start = 10 }, argv, LONG);
	put_proc(&(struct fake){ .pid = 501, .ppid = 1, .comm = "short", .state = 'S',
				 .start = 10 }, argv, 1000);
	scan_t *s = scan_open();
	refresh(s);
	const struct proc *p = must_find(s, 500);
	ck_assert(p->cmdline_cut);
	ck_assert_uint_eq(p->cmdline_len, KEPT);
	ck_assert_int_eq(p->cmdline[99], ' ');	/* arguments joined by spaces */
	ck_assert_int_eq(p->cmdline[KEPT - 1], 'a');
	p = must_find(s, 501);
	ck_assert(!p->cmdline_cut);
	ck_assert_uint_eq(p->cmdline_len, 999);	/* the last NUL is no separator */
	scan_free(s);
	free(argv);
}
END_TEST

/* What the columns show, from the files the own reader reads: stat's priority, nice,
 * terminal, virtual memory and CPU time; the owner's name; MEM% of meminfo's MemTotal;
 * SHR from statm and the I/O rates from io, read only once asked for (the columns shown
 * need them): then a rate per second of the root's uptime, "-" (< 0) where io cannot be
 * read and until it was read twice. */
START_TEST(column_fields)
{
	put_system(1000.0);
	put_str(0, "meminfo", "MemTotal:        1000000 kB\nMemFree:          500000 kB\n");
	long pagekb = sysconf(_SC_PAGESIZE) / 1024;
	scan_t *s = scan_open();
	long hz = hz_of(s);
	struct fake f = { .pid = 600, .ppid = 1, .comm = "writer", .state = 'R', .start = 40 * hz,
			  .utime = 61 * hz, .stime = hz / 4, .nice = 5, .tty = 136 << 8 | 3,
			  .vsize = 100UL << 20, .rss = 25000 / pagekb };
	put_proc(&f, ARGV("writer\0"));
	put_str(600, "statm", "25600 6250 1000 10 0 2000 0\n");
	put_str(600, "io", "rchar: 5\nwchar: 6\nsyscr: 1\nsyscw: 1\nread_bytes: 4096\n"
		"write_bytes: 1048576\ncancelled_write_bytes: 0\n");
	put_proc(&(struct fake){ .pid = 601, .ppid = 1, .comm = "other", .state = 'S',
				 .start = 50 }, ARGV("other\0"));	/* no io file: not readable */
	refresh(s);
	const struct proc *p = must_find(s, 600);
	ck_assert_int_eq(p->nice, 5);
	ck_assert_int_eq(p->priority, 25);
	ck_assert_uint_eq(p->tty, 136 << 8 | 3);
	ck_assert_uint_eq(p->vsize_kb, 100 * 1024);
	ck_assert_uint_eq(p->time_cs, 6125);		/* 61.25 s */
	ck_assert_double_eq_tol(p->start_time, BTIME + 40.0, 1e-6);
	ck_assert_double_eq_tol(p->mem, 100.0 * (double)p->rss_kb / 1000000.0, 1e-9);
	ck_assert_ptr_nonnull(p->user);
	ck_assert_str_eq(p->user, scan_user(s, getuid()));
	ck_assert_uint_eq(p->shared_kb, 0);		/* not asked for: not read */
	ck_assert(p->io_read < 0 && p->io_write < 0);
	ck_assert_int_eq(scan_set_reads(s, PROC_READ_STATM | PROC_READ_IO), 1);
	ck_assert_int_eq(scan_set_reads(s, PROC_READ_STATM | PROC_READ_IO), 0);
	put_uptime(1001.0);
	refresh(s);
	p = must_find(s, 600);
	ck_assert_uint_eq(p->shared_kb, 1000 * (unsigned long)pagekb);
	ck_assert(p->io_read < 0 && p->io_write < 0);	/* read once: no rate yet */
	put_str(600, "io", "rchar: 5\nwchar: 6\nsyscr: 1\nsyscw: 1\nread_bytes: 4096\n"
		"write_bytes: 3145728\ncancelled_write_bytes: 0\n");
	put_uptime(1003.0);
	refresh(s);
	p = must_find(s, 600);
	ck_assert_double_eq_tol(p->io_read, 0, 1e-9);
	ck_assert_double_eq_tol(p->io_write, 1024 * 1024, 1e-6);	/* 2 MiB in 2 s */
	p = must_find(s, 601);
	ck_assert(p->io_read < 0 && p->io_write < 0);
	ck_assert_int_eq(scan_set_reads(s, 0), 1);
	put_uptime(1004.0);
	refresh(s);
	p = must_find(s, 600);
	ck_assert(p->io_write < 0);			/* no longer read */
	ck_assert_uint_eq(p->shared_kb, 0);
	scan_free(s);
}
END_TEST

/* A root that is gone: no scan, or a failed refresh that keeps the last snapshot. Without
 * uptime, loadavg or stat the processes are still read. */
START_TEST(missing_root_and_system_files)
{
	put_proc(&(struct fake){ .pid = 7, .ppid = 1, .comm = "lone", .state = 'S',
				 .start = 10 }, ARGV("lone\0"));
	scan_t *s = scan_open();
	refresh(s);
	ck_assert_str_eq(shown(must_find(s, 7)), "lone");
	ck_assert_double_eq(scan_info(s)->uptime, 0);
	rm_rf(root);
	char err[256] = "";
	ck_assert_int_eq(scan_refresh(s, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, root));
	ck_assert_ptr_nonnull(find(s, 7));	/* the last snapshot stays */
	scan_free(s);
	ck_assert_ptr_null(scan_new(err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "cannot read processes"));
}
END_TEST

/* A child of the test that ends when the pipe's write end closes; in its own process
 * group, so only the proc root can stop a signal to it. */
static int start_child(int pipefd[2])
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char c;
		setpgid(0, 0);
		close(pipefd[1]);
		while (read(pipefd[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	setpgid(pid, pid);
	return pid;
}

static double mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Waits until the kernel shows pid asleep (blocked in its read). */
static void wait_asleep(int pid)
{
	struct pstat st;
	double end = mono() + DEADLINE;
	while (signal_read_stat(pid, &st) == 0 && st.state != 'S' && mono() < end)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	ck_assert_int_eq(st.state, 'S');
}

static int reap(int pid)
{
	int status = -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* Pids and start times read below another root prove nothing about the kernel's
 * processes: no signal is sent on their word. */
START_TEST(no_signal_below_another_root)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	int pid = start_child(fds);
	put_proc(&(struct fake){ .pid = pid, .ppid = getpid(), .comm = "child", .state = 'S',
				 .start = 4242 }, ARGV("child\0"));
	char msg[256] = "";
	ck_assert_int_eq(signal_send(pid, 4242, SIGTERM, msg, sizeof msg), -1);
	ck_assert_msg(strstr(msg, "refusing to signal") != NULL, "%s", msg);
	proc_set_root(NULL);
	close(fds[1]);
	int status = reap(pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "the child did not end by itself (status %#x)", (unsigned)status);
	close(fds[0]);
}
END_TEST

/* On the kernel's /proc both readers see the test's two children alike. */
START_TEST(readers_agree_on_real_proc)
{
	proc_set_root(NULL);
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	int kids[2] = { start_child(fds), start_child(fds) };
	wait_asleep(kids[0]);
	wait_asleep(kids[1]);
	char err[256] = "";
	scan_t *lib = scan_new_libproc2(err, sizeof err), *own = scan_new(err, sizeof err);
	ck_assert_msg(lib && own, "%s", err);
	ck_assert_int_eq(scan_set_reads(lib, PROC_READ_STATM | PROC_READ_IO), 1);
	ck_assert_int_eq(scan_set_reads(own, PROC_READ_STATM | PROC_READ_IO), 1);
	scan_want(own, kids, 2);	/* on screen: read whole at every refresh */
	refresh(lib);
	refresh(own);
	/* a rate needs two reads */
	nanosleep(&(struct timespec){ 0, 100 * 1000000 }, NULL);
	refresh(lib);
	refresh(own);
	for (int i = 0; i < 2; i++) {
		const struct proc *a = must_find(lib, kids[i]), *b = must_find(own, kids[i]);
		ck_assert_int_eq(a->pid, b->pid);
		ck_assert_int_eq(a->ppid, getpid());
		ck_assert_int_eq(b->ppid, getpid());
		ck_assert_int_eq(a->state, 'S');
		ck_assert_int_eq(b->state, 'S');
		ck_assert_str_eq(a->comm, b->comm);
		ck_assert_str_eq(b->comm, "test_scan_fake");
		ck_assert_uint_eq(a->start, b->start);
		ck_assert_uint_eq(a->uid, b->uid);
		ck_assert_int_eq(a->threads, b->threads);
		ck_assert_str_eq(shown(a), shown(b));
		ck_assert_int_eq(a->nice, b->nice);
		ck_assert_int_eq(a->priority, b->priority);
		ck_assert_uint_eq(a->tty, b->tty);
		ck_assert_uint_eq(a->vsize_kb, b->vsize_kb);
		ck_assert_str_eq(a->user, b->user);
		ck_assert_uint_eq(a->shared_kb, b->shared_kb);
		ck_assert_uint_gt(a->shared_kb, 0);
		ck_assert(a->io_write >= 0 && b->io_write >= 0);	/* the test's own */
	}
	scan_free(lib);
	scan_free(own);
	close(fds[1]);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(reap(kids[i]), 0);
	close(fds[0]);
}
END_TEST

static Suite *scan_suite(void)
{
	Suite *s = suite_create("scan_fake");
	TCase *tc = tcase_create("scan_fake");
	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, suite_setup, suite_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tree_commands_and_states);
	tcase_add_test(tc, cpu_between_two_refreshes);
	tcase_add_test(tc, reused_pid_is_a_new_process);
	tcase_add_test(tc, reparent_is_reported);
	tcase_add_test(tc, incremental_refresh);
	tcase_add_test(tc, user_threads_as_rows);
	tcase_add_test(tc, threads_rows_from_task_dirs);
	tcase_add_test(tc, broken_entries_are_skipped);
	tcase_add_test(tc, long_cmdline_is_cut);
	tcase_add_test(tc, column_fields);
	tcase_add_test(tc, missing_root_and_system_files);
	tcase_add_test(tc, no_signal_below_another_root);
	tcase_add_test(tc, readers_agree_on_real_proc);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(scan_suite());
}
