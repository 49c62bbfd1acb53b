/* test_sched.c - renice and CPU affinity on processes the test starts: the change reads
 * back from the kernel, a lower nice value is refused without root and said so, a process
 * that is not the one selected (another start time) is left alone. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
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
	ck_assert_int_eq(sched_renice(pid, start, 1, &now, msg, sizeof msg), 0);
	ck_assert_int_eq(now, n0 + 1);
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)pid), n0 + 1);
	ck_assert_ptr_nonnull(strstr(msg, "nice"));
	/* another start time: not the process the user saw */
	ck_assert_int_eq(sched_renice(pid, start + 1, 1, &now, msg, sizeof msg), -1);
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)pid), n0 + 1);
	ck_assert_ptr_nonnull(strstr(msg, "gone"));
	/* at the end of the range: said, nothing changed */
	ck_assert_int_eq(setpriority(PRIO_PROCESS, (id_t)pid, 19), 0);
	ck_assert_int_eq(sched_renice(pid, start, 1, &now, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "lowest priority"));
	end(k);
	/* pid 1 and forktop itself are refused, like a signal */
	ck_assert_int_eq(sched_renice(1, 0, 1, &now, msg, sizeof msg), -1);
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
		ok += sched_renice(k.pid, k.start, 1, &now, msg, sizeof msg) == 0;
		ok += sched_renice(k.pid, k.start, -1, &now, msg, sizeof msg) == -1 &&
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
	int n = sched_affinity_get(pid, start, mask, 1024, msg, sizeof msg);
	ck_assert_int_ge(n, 1);
	ck_assert(mask[0] & 1);
	unsigned long long one[16] = { 1 };
	ck_assert_int_eq(sched_affinity_set(pid, start, one, 1024, msg, sizeof msg), 0);
	cpu_set_t set;
	ck_assert_int_eq(sched_getaffinity(pid, sizeof set, &set), 0);
	ck_assert_int_eq(CPU_COUNT(&set), 1);
	ck_assert(CPU_ISSET(0, &set));
	unsigned long long none[16] = { 0 };
	ck_assert_int_eq(sched_affinity_set(pid, start, none, 1024, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "at least one core"));
	end(k);
}
END_TEST

static Suite *sched_suite(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("sched");
	tcase_add_test(tc, renice_reads_back);
	tcase_add_test(tc, raising_priority_needs_root);
	tcase_add_test(tc, affinity_reads_back);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(sched_suite());
}
