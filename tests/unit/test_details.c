/* test_details.c - a process's details: the parsers of environ, fdinfo, the net tables,
 * signal masks, limits, io and cgroup on text fixtures; the reader on a proc root the test
 * writes (every section, a reused pid, a process that ends, permission denied in one
 * section only); and on the kernel's /proc, a child holding a file and a listening socket. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "details.h"
#include "procfs.h"
#include "signals.h"
#include "unit.h"
#include "util.h"

static char root[512];

/* The value of the row whose key is key, or NULL. */
static const char *row(const struct details_section *s, const char *key)
{
	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].key && strcmp(s->rows[i].key, key) == 0)
			return s->rows[i].value;
	return NULL;
}

/* Whether some row's value holds text. */
static bool holds(const struct details_section *s, const char *text)
{
	for (size_t i = 0; i < s->nrows; i++)
		if (strstr(s->rows[i].value, text))
			return true;
	return false;
}

/* ---- parsers ---- */

START_TEST(environ_rows)
{
	static const char env[] = "HOME=/root\0PATH=/bin:/usr/bin\0EMPTY=\0EQ=a=b\0NOEQ";
	struct details_section s = { 0 };
	ck_assert_uint_eq(details_parse_environ(env, sizeof env - 1, &s), 5);
	ck_assert_str_eq(row(&s, "HOME"), "/root");
	ck_assert_str_eq(row(&s, "PATH"), "/bin:/usr/bin");
	ck_assert_str_eq(row(&s, "EMPTY"), "");
	ck_assert_str_eq(row(&s, "EQ"), "a=b");
	ck_assert_str_eq(row(&s, "NOEQ"), "");
	details_clear(&s);
	/* With the final NUL, and an empty one: nothing more. */
	ck_assert_uint_eq(details_parse_environ("A=1\0\0", 5, &s), 1);
	ck_assert_uint_eq(details_parse_environ("", 0, &s), 0);
	details_clear(&s);
}
END_TEST

START_TEST(fdinfo_position_and_flags)
{
	unsigned long long pos = 0;
	unsigned flags = 0;
	ck_assert_int_eq(details_parse_fdinfo("pos:\t4096\nflags:\t02102002\nmnt_id:\t29\n"
					      "ino:\t131\n", &pos, &flags), 0);
	ck_assert_uint_eq(pos, 4096);
	ck_assert_uint_eq(flags, 02102002);
	struct sbuf b;
	sbuf_init(&b);
	details_open_flags(flags, &b);
	ck_assert_str_eq(sbuf_str(&b), "rw APPEND CLOEXEC");
	sbuf_reset(&b);
	details_open_flags(O_WRONLY | O_NONBLOCK, &b);
	ck_assert_str_eq(sbuf_str(&b), "w NONBLOCK");
	sbuf_reset(&b);
	details_open_flags(O_RDONLY | O_SYNC, &b);
	ck_assert_str_eq(sbuf_str(&b), "r SYNC");
	sbuf_free(&b);
	ck_assert_int_eq(details_parse_fdinfo("pos:\t0\n", &pos, &flags), -1);
	ck_assert_int_eq(details_parse_fdinfo("", &pos, &flags), -1);
}
END_TEST

/* An IPv4 address as the kernel prints it: the 32-bit word in the machine's order. */
static void hex4(const char *dotted, char *out)
{
	struct in_addr a;
	ck_assert_int_eq(inet_pton(AF_INET, dotted, &a), 1);
	sprintf(out, "%08X", (unsigned)a.s_addr);
}

static void hex6(const char *text, char *out)
{
	struct in6_addr a;
	unsigned w[4];
	ck_assert_int_eq(inet_pton(AF_INET6, text, &a), 1);
	memcpy(w, &a, sizeof w);
	sprintf(out, "%08X%08X%08X%08X", w[0], w[1], w[2], w[3]);
}

static const char *desc_of(const struct details_socket *v, size_t n, unsigned long long inode)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].inode == inode)
			return v[i].desc;
	return NULL;
}

START_TEST(net_tables_name_the_sockets)
{
	char lo[16], any[16], peer[16], text[2048];
	hex4("127.0.0.1", lo);
	hex4("0.0.0.0", any);
	hex4("10.1.2.3", peer);
	snprintf(text, sizeof text,
		 "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
		 "   0: %s:1F90 %s:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1 0000000000000000 100 0 0 10 0\n"
		 "   1: %s:0016 %s:C350 01 00000000:00000000 02:000A1B2C 00000000     0        0 5002 2 0000000000000000 20 4 30 10 -1\n"
		 "garbage line\n",
		 lo, any, any, peer);
	struct details_socket *v = NULL;
	size_t n = 0;
	ck_assert_uint_eq(details_parse_net(text, NET_TCP, &v, &n), 2);
	ck_assert_str_eq(desc_of(v, n, 5001), "TCP 127.0.0.1:8080 (LISTEN)");
	ck_assert_str_eq(desc_of(v, n, 5002), "TCP *:22->10.1.2.3:50000 (ESTABLISHED)");

	char lo6[40], any6[40];
	hex6("::1", lo6);
	hex6("::", any6);
	snprintf(text, sizeof text,
		 "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
		 "   0: %s:0035 %s:0000 07 00000000:00000000 00:00000000 00000000   100        0 6001 2 0000000000000000 0\n",
		 lo6, any6);
	ck_assert_uint_eq(details_parse_net(text, NET_UDP6, &v, &n), 1);
	ck_assert_str_eq(desc_of(v, n, 6001), "UDP6 [::1]:53");
	snprintf(text, sizeof text,
		 "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
		 "  412: %s:14E9 %s:0000 07 00000000:00000000 00:00000000 00000000   104        0 6002 2 0000000000000000 0\n",
		 any, any);
	ck_assert_uint_eq(details_parse_net(text, NET_UDP, &v, &n), 1);
	ck_assert_str_eq(desc_of(v, n, 6002), "UDP *:5353");

	ck_assert_uint_eq(details_parse_net(
		"Num       RefCount Protocol Flags    Type St Inode Path\n"
		"0000000000000000: 00000002 00000000 00010000 0001 01 7001 /run/forktop test.sock\n"
		"0000000000000000: 00000003 00000000 00000000 0001 03 7002\n"
		"0000000000000000: 00000002 00000000 00000000 0002 01 7003 @abstract\n",
		NET_UNIX, &v, &n), 3);
	ck_assert_str_eq(desc_of(v, n, 7001), "UNIX STREAM /run/forktop test.sock (LISTEN)");
	ck_assert_str_eq(desc_of(v, n, 7002), "UNIX STREAM (connected)");
	ck_assert_str_eq(desc_of(v, n, 7003), "UNIX DGRAM @abstract");
	ck_assert_uint_eq(n, 7);
	free(v);
}
END_TEST

START_TEST(signal_masks_in_names)
{
	struct sbuf b;
	sbuf_init(&b);
	/* SIGINT (bit 1), SIGUSR1 (bit 9), SIGTERM (bit 14), SIGRTMIN+6 ... 40 (bit 39) */
	ck_assert_int_eq(details_signal_mask("\t0000008000004202\n", &b), 0);
	ck_assert_str_eq(sbuf_str(&b), "SIGINT SIGUSR1 SIGTERM SIG40");
	sbuf_reset(&b);
	ck_assert_int_eq(details_signal_mask(" 0000000000000000", &b), 0);
	ck_assert_str_eq(sbuf_str(&b), "none");
	sbuf_reset(&b);
	ck_assert_int_eq(details_signal_mask("fffffffe7ffbfeff", &b), 0);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&b), "SIGHUP SIGINT SIGQUIT"));
	ck_assert_ptr_null(strstr(sbuf_str(&b), "SIGKILL"));
	ck_assert_int_eq(details_signal_mask("xyz", &b), -1);
	ck_assert_int_eq(details_signal_mask("", &b), -1);
	sbuf_free(&b);
}
END_TEST

static const char limits_text[] =
	"Limit                     Soft Limit           Hard Limit           Units     \n"
	"Max cpu time              unlimited            unlimited            seconds   \n"
	"Max open files            1024                 524288               files     \n"
	"Max realtime timeout      unlimited            unlimited            us        \n";

START_TEST(limits_by_columns)
{
	struct details_section s = { 0 };
	ck_assert_int_eq(details_parse_limits(limits_text, &s), 3);
	ck_assert_str_eq(row(&s, "Max open files"), "soft 1024  hard 524288  files");
	ck_assert_str_eq(row(&s, "Max cpu time"), "soft unlimited  hard unlimited  seconds");
	ck_assert_str_eq(row(&s, "Max realtime timeout"), "soft unlimited  hard unlimited  us");
	ck_assert_int_eq(details_parse_limits("no header\n", &s), -1);
	details_clear(&s);
}
END_TEST

START_TEST(io_and_cgroup_rows)
{
	struct details_section s = { 0 };
	ck_assert_uint_eq(details_parse_io("rchar: 3145728\nwchar: 12\nsyscr: 7\nsyscw: 3\n"
					   "read_bytes: 0\nbad\n", &s), 5);
	ck_assert_str_eq(row(&s, "rchar"), "3145728  (3.00M)");
	ck_assert_str_eq(row(&s, "wchar"), "12  (< 1K)");
	ck_assert_str_eq(row(&s, "syscr"), "7");
	details_clear(&s);
	ck_assert_uint_eq(details_parse_cgroup("0::/user.slice/session-4.scope\n"
					       "12:cpu,cpuacct:/system.slice\n", &s), 2);
	ck_assert_str_eq(row(&s, "unified"), "/user.slice/session-4.scope");
	ck_assert_str_eq(row(&s, "cpu,cpuacct"), "/system.slice");
	details_clear(&s);
}
END_TEST

START_TEST(error_messages)
{
	ck_assert_str_eq(details_error(EACCES),
			 "permission denied (run as root or as the process's user)");
	ck_assert_str_eq(details_error(EPERM), details_error(EACCES));
	ck_assert_str_eq(details_error(ENOENT), "process has ended");
	ck_assert_str_eq(details_error(ESRCH), "process has ended");
	ck_assert_str_eq(details_title(DP_ENVIRON), "Environment");
	ck_assert_str_eq(details_title(DP_FILES), "Open files");
}
END_TEST

/* ---- the reader on a proc root of files ---- */

/* Removes one entry of the written root. Only a real directory is opened up first (one
 * a test closed with mode 000): chmod follows symlinks, and the root holds links to / and
 * /dev/null. */
static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)ftw;
	if (flag == FTW_DP || flag == FTW_DNR)
		chmod(path, 0700);
	return remove(path);
}

static void mk(const char *rel, mode_t mode)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	ck_assert_msg(mkdir(path, mode) == 0 || errno == EEXIST, "%s: %s", path, strerror(errno));
}

static void put(const char *rel, const void *data, size_t len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void put_str(const char *rel, const char *text)
{
	put(rel, text, strlen(text));
}

static void link_to(const char *rel, const char *target)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	ck_assert_msg(symlink(target, path) == 0, "%s: %s", path, strerror(errno));
}

/* A process directory: its stat (52 fields) and command line. */
static void fake_proc(int pid, int ppid, const char *comm, unsigned long long start,
		      const char *cmdline, size_t cmdlen)
{
	char rel[64], stat[512];
	snprintf(rel, sizeof rel, "%d", pid);
	mk(rel, 0755);
	snprintf(stat, sizeof stat, "%d (%s) S %d %d %d 0 -1 0 100 0 0 0 5 5 0 0 20 0 1 0 %llu "
		 "2211840 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 "
		 "0 0 0 0 0\n", pid, comm, ppid, pid, pid, start);
	snprintf(rel, sizeof rel, "%d/stat", pid);
	put_str(rel, stat);
	snprintf(rel, sizeof rel, "%d/cmdline", pid);
	put(rel, cmdline, cmdlen);
}

/* pid 1 <- 10 (bash) <- 20 (the process shown, start 500) with every file the details
 * read. */
static void build_tree(void)
{
	fake_proc(1, 0, "init", 1, "/sbin/init\0", 11);
	fake_proc(10, 1, "bash", 40, "-bash\0", 6);
	fake_proc(20, 10, "server", 500, "server\0--port\0008080\0", 19);
	mk("1/ns", 0755);
	link_to("1/ns/net", "net:[4026531840]");
	link_to("1/ns/pid", "pid:[4026531836]");
	link_to("20/exe", "/usr/bin/server");
	link_to("20/cwd", "/srv/data");
	link_to("20/root", "/");
	put("20/environ", "LANG=C.UTF-8\0MARK=forktop-unit\0", 31);
	mk("20/fd", 0755);
	mk("20/fdinfo", 0755);
	link_to("20/fd/0", "/dev/null");
	link_to("20/fd/3", "/var/log/server.log");
	link_to("20/fd/4", "socket:[9001]");
	link_to("20/fd/5", "pipe:[77]");
	put_str("20/fdinfo/0", "pos:\t0\nflags:\t0100000\n");
	put_str("20/fdinfo/3", "pos:\t1234\nflags:\t02102001\n");
	put_str("20/fdinfo/4", "pos:\t0\nflags:\t02000002\n");
	put_str("20/fdinfo/5", "pos:\t0\nflags:\t01\n");
	mk("20/net", 0755);
	char lo[16], any[16], tcp[512];
	hex4("127.0.0.1", lo);
	hex4("0.0.0.0", any);
	snprintf(tcp, sizeof tcp, "  sl  local_address rem_address   st tx_queue rx_queue tr "
		 "tm->when retrnsmt   uid  timeout inode\n   0: %s:1F90 %s:0000 0A 00000000:00000000"
		 " 00:00000000 00000000     0        0 9001 1 0000000000000000 100 0 0 10 0\n",
		 lo, any);
	put_str("20/net/tcp", tcp);
	put_str("20/cgroup", "0::/system.slice/server.service\n");
	mk("20/ns", 0755);
	link_to("20/ns/net", "net:[4026532000]");
	link_to("20/ns/pid", "pid:[4026531836]");
	put_str("20/limits", limits_text);
	put_str("20/io", "rchar: 2048\nwchar: 100\nsyscr: 4\nsyscw: 2\n");
	put_str("20/status", "Name:\tserver\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
		"SigBlk:\t0000000000000002\nSigIgn:\t0000000000001000\nSigCgt:\t0000000000004001\n");
}

static void root_setup(void)
{
	snprintf(root, sizeof root, "%s/forktop-details.XXXXXX", getenv("TMPDIR") ?
		 getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
	chmod(root, 0755);	/* the permission test reads it as another user */
	build_tree();
	ck_assert_int_eq(proc_set_root(root), 0);
}

static void root_teardown(void)
{
	proc_set_root(NULL);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

START_TEST(reads_every_section)
{
	struct details d;
	details_init(&d, 20, 500);
	ck_assert_int_eq(details_read(&d), 0);
	ck_assert(!d.ended);
	const struct details_section *s = d.sec;
	ck_assert_str_eq(row(&s[DP_COMMAND], "command"), "server --port 8080");
	ck_assert_str_eq(row(&s[DP_COMMAND], "exe"), "/usr/bin/server");
	ck_assert_str_eq(row(&s[DP_COMMAND], "cwd"), "/srv/data");
	ck_assert_str_eq(row(&s[DP_COMMAND], "root"), "/");
	/* The parent chain, up to pid 1. */
	ck_assert_uint_eq(s[DP_PARENTS].nrows, 2);
	ck_assert_str_eq(row(&s[DP_PARENTS], "10"), "-bash");
	ck_assert_str_eq(row(&s[DP_PARENTS], "1"), "/sbin/init");
	ck_assert_str_eq(row(&s[DP_ENVIRON], "MARK"), "forktop-unit");
	/* Files in fd order, with mode and position; the socket by its table. */
	ck_assert_uint_eq(s[DP_FILES].nrows, 4);
	ck_assert_str_eq(s[DP_FILES].rows[0].key, "0");
	ck_assert_str_eq(row(&s[DP_FILES], "0"), "/dev/null  (r, pos 0)");
	ck_assert_str_eq(row(&s[DP_FILES], "3"), "/var/log/server.log  (w APPEND CLOEXEC, pos 1234)");
	ck_assert_str_eq(row(&s[DP_FILES], "4"), "TCP 127.0.0.1:8080 (LISTEN)  (rw CLOEXEC)");
	ck_assert_str_eq(row(&s[DP_FILES], "5"), "pipe:[77]  (w)");
	ck_assert_str_eq(row(&s[DP_CGROUP], "unified"), "/system.slice/server.service");
	ck_assert_str_eq(row(&s[DP_NAMESPACES], "net"), "net:[4026532000]  (not pid 1's)");
	ck_assert_str_eq(row(&s[DP_NAMESPACES], "pid"), "pid:[4026531836]");
	ck_assert_str_eq(row(&s[DP_LIMITS], "Max open files"), "soft 1024  hard 524288  files");
	ck_assert_str_eq(row(&s[DP_IO], "rchar"), "2048  (2K)");
	ck_assert_str_eq(row(&s[DP_SIGNALS], "blocked"), "SIGINT");
	ck_assert_str_eq(row(&s[DP_SIGNALS], "ignored"), "SIGPIPE");
	ck_assert_str_eq(row(&s[DP_SIGNALS], "caught"), "SIGHUP SIGTERM");
	for (int i = DP_COMMAND; i < DP_COUNT; i++)
		ck_assert_msg(!s[i].error[0], "%s: %s", details_title(i), s[i].error);
	details_free(&d);
}
END_TEST

/* A section whose files are missing says so; the others are read. */
START_TEST(a_missing_section_is_its_own)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/20/environ", root);
	ck_assert_int_eq(unlink(path), 0);
	snprintf(path, sizeof path, "%s/20/io", root);
	ck_assert_int_eq(unlink(path), 0);
	struct details d;
	details_init(&d, 20, 500);
	ck_assert_int_eq(details_read(&d), 0);
	ck_assert_str_eq(d.sec[DP_ENVIRON].error, "process has ended");
	ck_assert_str_eq(d.sec[DP_IO].error, "process has ended");
	ck_assert_str_eq(row(&d.sec[DP_LIMITS], "Max open files"), "soft 1024  hard 524288  files");
	ck_assert(holds(&d.sec[DP_FILES], "LISTEN"));
	details_free(&d);
}
END_TEST

/* pid 20 now belongs to a process with another start time: nothing of it is shown. */
START_TEST(a_reused_pid_is_another_process)
{
	struct details d;
	details_init(&d, 20, 499);
	ck_assert_int_eq(details_read(&d), -1);
	ck_assert(d.ended);
	ck_assert(!d.read_once);
	for (int i = 0; i < DP_COUNT; i++)
		ck_assert_uint_eq(d.sec[i].nrows, 0);
	details_free(&d);
}
END_TEST

/* A zombie has ended: nothing is read from it. */
START_TEST(a_zombie_has_ended)
{
	fake_proc(20, 10, "server", 500, "", 0);
	char path[1024], stat[512];
	snprintf(path, sizeof path, "%s/20/stat", root);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(stat, sizeof stat, f));
	fclose(f);
	*strstr(stat, ") S ") = '\0';
	char zombie[600];
	snprintf(zombie, sizeof zombie, "%s) Z %s", stat, stat + strlen(stat) + 4);
	put_str("20/stat", zombie);
	struct details d;
	details_init(&d, 20, 500);
	ck_assert_int_eq(details_read(&d), -1);
	ck_assert(d.ended);
	ck_assert_uint_eq(d.sec[DP_ENVIRON].nrows, 0);
	details_free(&d);
}
END_TEST

/* Read once, then gone: said, and what was read stays. */
START_TEST(an_ended_process_keeps_what_was_read)
{
	struct details d;
	details_init(&d, 20, 500);
	ck_assert_int_eq(details_read(&d), 0);
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	ck_assert_int_eq(details_read(&d), -1);
	ck_assert(d.ended);
	ck_assert_str_eq(row(&d.sec[DP_ENVIRON], "MARK"), "forktop-unit");
	details_free(&d);
}
END_TEST

/* Without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH even root is held to the file modes
 * (as any user is: the files are its own). Another user would not do: the machine's /
 * may be closed to all but root. */
static int drop_file_capabilities(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	if (syscall(SYS_capget, &h, data) < 0)
		return -1;
	data[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
	return (int)syscall(SYS_capset, &h, data);
}

/* Files no one may read (mode 000), read without root's power to ignore modes: those
 * sections say "permission denied", the rest are shown. */
START_TEST(permission_denied_is_said_per_section)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/20/environ", root);
	ck_assert_int_eq(chmod(path, 0), 0);
	snprintf(path, sizeof path, "%s/20/fd", root);
	ck_assert_int_eq(chmod(path, 0), 0);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		if (drop_file_capabilities() < 0)
			_exit(10);
		struct details d;
		details_init(&d, 20, 500);
		if (details_read(&d) < 0)
			_exit(11);
		const char *denied = details_error(EACCES);
		if (strcmp(d.sec[DP_ENVIRON].error, denied) != 0)
			_exit(12);
		if (strcmp(d.sec[DP_FILES].error, denied) != 0)
			_exit(13);
		if (d.sec[DP_LIMITS].error[0] || !row(&d.sec[DP_LIMITS], "Max open files"))
			_exit(14);
		if (d.sec[DP_COMMAND].error[0] || !row(&d.sec[DP_COMMAND], "command"))
			_exit(15);
		_exit(0);
	}
	int status;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	chmod(path, 0755);	/* so any user's teardown can remove them */
	snprintf(path, sizeof path, "%s/20/environ", root);
	chmod(path, 0644);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}
END_TEST

/* ---- the kernel's /proc ---- */

/* A child (sleep, its own process group) with MARK set, a file and a listening socket on
 * 127.0.0.1 open. */
START_TEST(a_real_process_in_detail)
{
	char file[] = "/tmp/forktop-details-file.XXXXXX";
	int ffd = mkstemp(file);
	ck_assert_int_ge(ffd, 0);
	int sfd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof sa;
	ck_assert(bind(sfd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(sfd, 1) == 0 &&
		  getsockname(sfd, (struct sockaddr *)&sa, &len) == 0);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		setpgid(0, 0);
		char *env[] = { "MARK=forktop-real", NULL };
		execle("/bin/sleep", "sleep", "60", (char *)NULL, env);
		_exit(127);
	}
	close(ffd);
	close(sfd);
	struct pstat st;
	/* Once it runs sleep (its comm says so) and the new image's environment is in place
	 * (exec names the process before it lays out arguments and environment), it is the
	 * process to read. */
	char envpath[64], env[64];
	snprintf(envpath, sizeof envpath, "/proc/%d/environ", (int)child);
	bool laid_out = false;
	for (int i = 0; i < 1000 && !laid_out; i++) {
		if (signal_read_stat(child, &st) == 0 && strcmp(st.comm, "sleep") == 0) {
			int efd = open(envpath, O_RDONLY | O_CLOEXEC);
			ssize_t n = efd >= 0 ? read(efd, env, sizeof env) : -1;
			if (efd >= 0)
				close(efd);
			laid_out = n == 18 && memcmp(env, "MARK=forktop-real", 18) == 0;
		}
		if (!laid_out)
			usleep(10000);
	}
	ck_assert_str_eq(st.comm, "sleep");
	ck_assert_msg(laid_out, "the child's environment never read MARK=forktop-real");
	struct details d;
	details_init(&d, child, st.start);
	ck_assert_int_eq(details_read(&d), 0);
	char port[64], parent[16];
	snprintf(port, sizeof port, "TCP 127.0.0.1:%u (LISTEN)", ntohs(sa.sin_port));
	snprintf(parent, sizeof parent, "%d", (int)getpid());
	ck_assert_str_eq(row(&d.sec[DP_ENVIRON], "MARK"), "forktop-real");
	ck_assert(holds(&d.sec[DP_FILES], file));
	ck_assert_msg(holds(&d.sec[DP_FILES], port), "no %s", port);
	ck_assert_ptr_nonnull(row(&d.sec[DP_PARENTS], parent));
	ck_assert_ptr_nonnull(row(&d.sec[DP_PARENTS], "1"));
	ck_assert_str_eq(row(&d.sec[DP_COMMAND], "command"), "sleep 60");
	ck_assert_str_eq(row(&d.sec[DP_COMMAND], "exe"), "/usr/bin/sleep");
	char msg[200];
	ck_assert_int_eq(signal_send(child, st.start, SIGKILL, msg, sizeof msg), 0);
	int status;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_int_eq(details_read(&d), -1);
	ck_assert(d.ended);
	details_free(&d);
	unlink(file);
}
END_TEST

static Suite *details_suite(void)
{
	Suite *s = suite_create("details");
	TCase *tc = tcase_create("parsers");
	tcase_add_test(tc, environ_rows);
	tcase_add_test(tc, fdinfo_position_and_flags);
	tcase_add_test(tc, net_tables_name_the_sockets);
	tcase_add_test(tc, signal_masks_in_names);
	tcase_add_test(tc, limits_by_columns);
	tcase_add_test(tc, io_and_cgroup_rows);
	tcase_add_test(tc, error_messages);
	suite_add_tcase(s, tc);
	tc = tcase_create("fake root");
	tcase_add_checked_fixture(tc, root_setup, root_teardown);
	tcase_add_test(tc, reads_every_section);
	tcase_add_test(tc, a_missing_section_is_its_own);
	tcase_add_test(tc, a_reused_pid_is_another_process);
	tcase_add_test(tc, an_ended_process_keeps_what_was_read);
	tcase_add_test(tc, a_zombie_has_ended);
	tcase_add_test(tc, permission_denied_is_said_per_section);
	suite_add_tcase(s, tc);
	tc = tcase_create("kernel");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, a_real_process_in_detail);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(details_suite());
}
