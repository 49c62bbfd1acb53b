/* test_sched.c - renice and CPU affinity on processes the test starts: the change reads
 * back from the kernel, a lower nice value is refused without root and said so, a process
 * that is not the one selected (another start time) is left alone; on one thread of a
 * process (a row of H) the change is the thread's alone. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sched_ctl.h"
#include "signals.h"
#include "unit.h"

/* A child that waits until the test closes its end of a pipe (no signal is needed to end
 * it), in a process group of its own; its start time for the identity. */
struct kid {
	pid_t pid;
	unsigned long long start;
	int hold;		/* the pipe's write end: closing it ends the child */
};

static struct kid sleeper(void)
{
	int p[2];
	char c;
	ck_assert_int_eq(pipe(p), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		close(p[1]);
		_exit(read(p[0], &c, 1) < 0);
	}
	close(p[0]);
	setpgid(pid, pid);
	struct pstat st;
	ck_assert_int_eq(signal_read_stat(pid, &st), 0);
	return (struct kid){ pid, st.start, p[1] };
}

static void end(struct kid k)
{
	close(k.hold);
	ck_assert_int_eq(waitpid(k.pid, NULL, 0), k.pid);
}

START_TEST(renice_reads_back)
{
	char msg[256];
	int now;
	struct kid k = sleeper();
	pid_t pid = k.pid;
	unsigned long long start = k.start;
	int n0 = getpriority(PRIO_PROCESS, (id_t)pid);
	ck_assert_int_eq(sched_renice(pid, start, 0, 1, &now, msg, sizeof msg), 0);
	ck_assert_int_eq(now, n0 + 1);
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)pid), n0 + 1);
	ck_assert_ptr_nonnull(strstr(msg, "nice"));
	/* another start time: not the process the user saw */
	ck_assert_int_eq(sched_renice(pid, start + 1, 0, 1, &now, msg, sizeof msg), -1);
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)pid), n0 + 1);
	ck_assert_ptr_nonnull(strstr(msg, "gone"));
	/* at the end of the range: said, nothing changed */
	ck_assert_int_eq(setpriority(PRIO_PROCESS, (id_t)pid, 19), 0);
	ck_assert_int_eq(sched_renice(pid, start, 0, 1, &now, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "lowest priority"));
	end(k);
	/* pid 1 and forktop itself are refused, like a signal */
	ck_assert_int_eq(sched_renice(1, 0, 0, 1, &now, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing to renice"));
}
END_TEST

/* Without root a higher priority (a lower nice value) is refused, and the message says
 * it needs root; a lower one is allowed on one's own process. */
START_TEST(raising_priority_needs_root)
{
	int pipefd[2];
	ck_assert_int_eq(pipe(pipefd), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char msg[256] = "";
		int now, ok = 0;
		if (getuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(3);
		struct kid k = sleeper();
		ok += sched_renice(k.pid, k.start, 0, 1, &now, msg, sizeof msg) == 0;
		ok += sched_renice(k.pid, k.start, 0, -1, &now, msg, sizeof msg) == -1 &&
		      strstr(msg, "needs root") != NULL;
		end(k);
		(void)!write(pipefd[1], msg, strlen(msg));
		_exit(ok == 2 ? 0 : 1);
	}
	close(pipefd[1]);
	char msg[256] = "";
	(void)!read(pipefd[0], msg, sizeof msg - 1);
	close(pipefd[0]);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %d, message: %s",
		      status, msg);
}
END_TEST

START_TEST(affinity_reads_back)
{
	unsigned long long mask[16] = { 0 };
	char msg[256];
	struct kid k = sleeper();
	pid_t pid = k.pid;
	unsigned long long start = k.start;
	int n = sched_affinity_get(pid, start, 0, mask, 1024, msg, sizeof msg);
	ck_assert_int_ge(n, 1);
	ck_assert(mask[0] & 1);
	unsigned long long one[16] = { 1 };
	ck_assert_int_eq(sched_affinity_set(pid, start, 0, one, 1024, msg, sizeof msg), 0);
	cpu_set_t set;
	ck_assert_int_eq(sched_getaffinity(pid, sizeof set, &set), 0);
	ck_assert_int_eq(CPU_COUNT(&set), 1);
	ck_assert(CPU_ISSET(0, &set));
	unsigned long long none[16] = { 0 };
	ck_assert_int_eq(sched_affinity_set(pid, start, 0, none, 1024, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "at least one core"));
	end(k);
}
END_TEST

/* A kid whose second thread waits on the same pipe: its tid and start time. */
struct kid_thread {
	struct kid k;
	int tid;
	unsigned long long start;
};

/* The second thread: says its tid on fds[1], then waits on fds[0]. */
static void *wait_pipe(void *arg)
{
	const int *fds = arg;
	int tid = gettid();
	char c;
	(void)!write(fds[1], &tid, sizeof tid);
	return (void *)(long)read(fds[0], &c, 1);
}

static struct kid_thread threaded(void)
{
	int p[2], t[2];
	char c;
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(pipe(t), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		close(p[1]);
		close(t[0]);
		int fds[2] = { p[0], t[1] };
		pthread_t th;
		if (pthread_create(&th, NULL, wait_pipe, fds) != 0)
			_exit(3);
		_exit(read(p[0], &c, 1) < 0);
	}
	close(p[0]);
	close(t[1]);
	setpgid(pid, pid);
	int tid = 0;
	ck_assert_int_eq(read(t[0], &tid, sizeof tid), (ssize_t)sizeof tid);
	close(t[0]);
	ck_assert_int_gt(tid, 0);
	struct pstat st, tst;
	ck_assert_int_eq(signal_read_stat(pid, &st), 0);
	ck_assert_int_eq(signal_read_stat(tid, &tst), 0);	/* /proc/TID: the thread's own */
	return (struct kid_thread){ { pid, st.start, p[1] }, tid, tst.start };
}

/* F7/F8 and a on a thread's row: the thread's nice value and cores change, its process's
 * main thread's do not; another start time, another process or forktop's own threads are
 * refused; a thread that has ended is said to be gone. */
START_TEST(thread_renice_and_affinity)
{
	char msg[256], want[128];
	int now;
	struct kid_thread kt = threaded();
	int pid = kt.k.pid, tid = kt.tid;
	int n0 = getpriority(PRIO_PROCESS, (id_t)pid);
	ck_assert_int_eq(sched_renice(tid, kt.start, pid, 1, &now, msg, sizeof msg), 0);
	snprintf(want, sizeof want, "thread %d of %d: nice %d -> %d", tid, pid, n0, n0 + 1);
	ck_assert_str_eq(msg, want);
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)tid), n0 + 1);
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)pid), n0);	/* the main thread's */
	ck_assert_int_eq(sched_renice(tid, kt.start + 1, pid, 1, &now, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "gone"));
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)tid), n0 + 1);
	struct kid other = sleeper();		/* not its process */
	ck_assert_int_eq(sched_renice(tid, kt.start, other.pid, 1, &now, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "gone"));
	end(other);
	ck_assert_int_eq(sched_renice(tid, kt.start, getpid(), 1, &now, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "refusing to renice"));
	cpu_set_t all, set;
	ck_assert_int_eq(sched_getaffinity(pid, sizeof all, &all), 0);
	unsigned long long one[16] = { 1 }, mask[16] = { 0 };
	ck_assert_int_eq(sched_affinity_set(tid, kt.start, pid, one, 1024, msg, sizeof msg), 0);
	snprintf(want, sizeof want, "thread %d of %d may run on 1 core", tid, pid);
	ck_assert_str_eq(msg, want);
	ck_assert_int_eq(sched_getaffinity(tid, sizeof set, &set), 0);
	ck_assert_int_eq(CPU_COUNT(&set), 1);
	ck_assert_int_ge(sched_affinity_get(tid, kt.start, pid, mask, 1024, msg, sizeof msg), 1);
	ck_assert_uint_eq(mask[0], 1);
	ck_assert_int_eq(sched_getaffinity(pid, sizeof set, &set), 0);
	ck_assert_int_eq(CPU_COUNT(&set), CPU_COUNT(&all));	/* the main thread's */
	end(kt.k);
	ck_assert_int_eq(sched_renice(tid, kt.start, pid, 1, &now, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "gone"));
}
END_TEST

static Suite *sched_suite(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("sched");
	tcase_add_test(tc, renice_reads_back);
	tcase_add_test(tc, raising_priority_needs_root);
	tcase_add_test(tc, affinity_reads_back);
	tcase_add_test(tc, thread_renice_and_affinity);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(sched_suite());
}
