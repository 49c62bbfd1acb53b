/* details.c - reads one process's details below the proc root: each section through the
 * one /proc/PID directory opened for it, checked against the start time before and after,
 * so what is shown is that process's and no other's. The formats are parsed in
 * details_parse.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "details.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"
#include "signals.h"

#define TEXT_MAX (4u << 20)	/* environ, cmdline and the like: more is cut */
#define NET_MAX (64u << 20)	/* a socket table of a busy server */
#define FDS_MAX 10000		/* open files listed; the rest are counted */
#define CHAIN_MAX 4096		/* ancestors followed */

/* Reads name below dirfd into out (emptied first), at most max bytes. Returns 0, or -1
 * with errno. */
static int slurp_at(int dirfd, const char *name, size_t max, struct sbuf *out)
{
	sbuf_reset(out);
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	char buf[8192];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0 || out->len >= max)
			break;
		sbuf_add(out, buf, (size_t)r > max - out->len ? max - out->len : (size_t)r);
	}
	close(fd);
	sbuf_add(out, "", 0);	/* NUL-terminated even when empty */
	return 0;
}

/* The target of the link name below dirfd into out. Returns 0, or -1 with errno. */
static int link_at(int dirfd, const char *name, char *out, size_t size)
{
	ssize_t n = readlinkat(dirfd, name, out, size - 1);
	if (n < 0)
		return -1;
	out[n] = '\0';
	return 0;
}

/* Whether the process in dirfd is still the one with this start time. */
static bool same_process(int dirfd, unsigned long long start, struct pstat *st)
{
	struct sbuf b;
	sbuf_init(&b);
	bool same = slurp_at(dirfd, "stat", 1024, &b) == 0 && pstat_parse(sbuf_str(&b), st) == 0 &&
		    st->start == start;
	sbuf_free(&b);
	return same;
}

static void section_failed(struct details_section *s, int err)
{
	snprintf(s->error, sizeof s->error, "%s", details_error(err));
}

/* Arguments joined by spaces (trailing NULs dropped). */
static void join_args(struct sbuf *b)
{
	while (b->len > 0 && b->p[b->len - 1] == '\0')
		b->len--;
	for (size_t i = 0; i < b->len; i++)
		if (b->p[i] == '\0')
			b->p[i] = ' ';
	sbuf_add(b, "", 0);
}

static void add_link_row(struct details_section *s, int dirfd, const char *name,
			 const char *label, bool kthread)
{
	char target[PROC_PATH_MAX];
	if (link_at(dirfd, name, target, sizeof target) == 0) {
		details_add(s, label, target);
		return;
	}
	details_add(s, label, kthread && errno == ENOENT ? "(none: a kernel thread)" :
		    details_error(errno));
	s->rows[s->nrows - 1].error = !kthread;
}

static void read_command(struct details_section *s, int dirfd, const struct pstat *st)
{
	bool kthread = st->flags & 0x00200000;	/* PF_KTHREAD */
	struct sbuf b;
	sbuf_init(&b);
	if (slurp_at(dirfd, "cmdline", TEXT_MAX, &b) < 0) {
		section_failed(s, errno);
	} else {
		join_args(&b);
		if (b.len == 0)
			details_addf(s, "command", "[%s]", st->comm);
		else
			details_add(s, "command", sbuf_str(&b));
		if (b.len >= TEXT_MAX)
			details_add(s, NULL, "(cut: longer than 4 MiB)");
	}
	sbuf_free(&b);
	add_link_row(s, dirfd, "exe", "exe", kthread);
	add_link_row(s, dirfd, "cwd", "cwd", kthread);
	add_link_row(s, dirfd, "root", "root", kthread);
}

/* The command of pid as the tree shows it: its command line (the first PARENT_CMD_MAX
 * bytes: the chain is read at a glance), or [comm]. */
#define PARENT_CMD_MAX 240
static void command_of(int pid, const struct pstat *st, struct sbuf *out)
{
	char path[PROC_PATH_MAX];
	sbuf_reset(out);
	if (proc_path(path, sizeof path, "%d", pid) == 0) {
		int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			slurp_at(fd, "cmdline", PARENT_CMD_MAX + 1, out);
			close(fd);
		}
	}
	join_args(out);
	if (out->len > PARENT_CMD_MAX) {
		out->len = PARENT_CMD_MAX;
		sbuf_adds(out, " ...");
	}
	if (out->len == 0)
		sbuf_printf(out, "[%s]", st->comm);
}

static void read_parents(struct details_section *s, const struct pstat *self)
{
	struct sbuf cmd;
	sbuf_init(&cmd);
	int pid = self->ppid;
	for (int depth = 0; pid > 0 && depth < CHAIN_MAX; depth++) {
		struct pstat st;
		char key[16];
		snprintf(key, sizeof key, "%d", pid);
		if (signal_read_stat(pid, &st) < 0) {
			details_add(s, key, "(has ended)");
			break;
		}
		command_of(pid, &st, &cmd);
		details_add(s, key, sbuf_str(&cmd));
		pid = st.ppid;
	}
	if (self->ppid == 0)
		details_add(s, NULL, "(none: started by the kernel)");
	sbuf_free(&cmd);
}

static void read_environ(struct details_section *s, int dirfd)
{
	struct sbuf b;
	sbuf_init(&b);
	if (slurp_at(dirfd, "environ", TEXT_MAX, &b) < 0)
		section_failed(s, errno);
	else if (details_parse_environ(b.p, b.len, s) == 0)
		details_add(s, NULL, "(empty)");
	sbuf_free(&b);
}

/* The sockets of the process's network namespace, from every table, sorted by inode. */
static int by_inode(const void *x, const void *y)
{
	const struct details_socket *a = x, *b = y;
	return a->inode < b->inode ? -1 : a->inode > b->inode;
}

static size_t read_sockets(int dirfd, struct details_socket **v)
{
	static const char *const files[NET_COUNT] = {
		[NET_TCP] = "net/tcp", [NET_TCP6] = "net/tcp6", [NET_UDP] = "net/udp",
		[NET_UDP6] = "net/udp6", [NET_UNIX] = "net/unix",
	};
	struct sbuf b;
	size_t n = 0;
	sbuf_init(&b);
	for (int t = 0; t < NET_COUNT; t++)
		if (slurp_at(dirfd, files[t], NET_MAX, &b) == 0)
			details_parse_net(sbuf_str(&b), (enum details_net)t, v, &n);
	sbuf_free(&b);
	qsort(*v, n, sizeof **v, by_inode);
	return n;
}

static int by_number(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The open fds, in order. Returns how many, or -1 with errno. */
static int list_fds(int dirfd, int **fds)
{
	int d = openat(dirfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = d < 0 ? NULL : fdopendir(d);
	if (!dir) {
		int e = errno;
		if (d >= 0)
			close(d);
		errno = e;
		return -1;
	}
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		char *end;
		long fd = strtol(de->d_name, &end, 10);
		if (*end || end == de->d_name || fd < 0)
			continue;
		*fds = xgrow(*fds, &cap, n + 1, sizeof **fds);
		(*fds)[n++] = (int)fd;
	}
	closedir(dir);
	qsort(*fds, n, sizeof **fds, by_number);
	return (int)n;
}

/* One fd: its target (a socket named from the tables), its mode and position. */
static void add_fd_row(struct details_section *s, int dirfd, int fd,
		       const struct details_socket *socks, size_t nsocks, struct sbuf *b)
{
	char name[32], target[PROC_PATH_MAX], key[16];
	unsigned long long inode, pos;
	unsigned flags;
	snprintf(key, sizeof key, "%d", fd);
	snprintf(name, sizeof name, "fd/%d", fd);
	if (link_at(dirfd, name, target, sizeof target) < 0) {
		if (errno != ENOENT) {	/* ENOENT: closed meanwhile */
			details_add(s, key, details_error(errno));
			s->rows[s->nrows - 1].error = true;
		}
		return;
	}
	sbuf_reset(b);
	struct details_socket want;
	const struct details_socket *sock = NULL;
	if (sscanf(target, "socket:[%llu]", &inode) == 1) {
		want.inode = inode;
		sock = bsearch(&want, socks, nsocks, sizeof *socks, by_inode);
	}
	sbuf_adds(b, sock ? sock->desc : target);
	snprintf(name, sizeof name, "fdinfo/%d", fd);
	struct sbuf info;
	sbuf_init(&info);
	if (slurp_at(dirfd, name, 4096, &info) == 0 &&
	    details_parse_fdinfo(sbuf_str(&info), &pos, &flags) == 0) {
		sbuf_adds(b, "  (");
		details_open_flags(flags, b);
		if (target[0] == '/')
			sbuf_printf(b, ", pos %llu", pos);
		sbuf_addc(b, ')');
	}
	sbuf_free(&info);
	details_add(s, key, sbuf_str(b));
}

static void read_files(struct details_section *s, int dirfd)
{
	int *fds = NULL;
	int n = list_fds(dirfd, &fds);
	if (n < 0) {
		section_failed(s, errno);
		return;
	}
	struct details_socket *socks = NULL;
	size_t nsocks = 0;
	char target[64], name[32];
	for (int i = 0; i < n && !nsocks; i++) {	/* the tables only when a socket is open */
		snprintf(name, sizeof name, "fd/%d", fds[i]);
		if (link_at(dirfd, name, target, sizeof target) == 0 &&
		    strncmp(target, "socket:", 7) == 0)
			nsocks = read_sockets(dirfd, &socks);
	}
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < n && i < FDS_MAX; i++)
		add_fd_row(s, dirfd, fds[i], socks, nsocks, &b);
	if (n > FDS_MAX)
		details_addf(s, NULL, "and %d more", n - FDS_MAX);
	if (n == 0)
		details_add(s, NULL, "(none)");
	sbuf_free(&b);
	free(socks);
	free(fds);
}

static void read_text(struct details_section *s, int dirfd, const char *name,
		      size_t (*parse)(const char *text, struct details_section *s))
{
	struct sbuf b;
	sbuf_init(&b);
	if (slurp_at(dirfd, name, 1 << 20, &b) < 0)
		section_failed(s, errno);
	else if (parse(sbuf_str(&b), s) == 0)
		details_add(s, NULL, "(empty)");
	sbuf_free(&b);
}

static void read_limits(struct details_section *s, int dirfd)
{
	struct sbuf b;
	sbuf_init(&b);
	if (slurp_at(dirfd, "limits", 1 << 16, &b) < 0)
		section_failed(s, errno);
	else if (details_parse_limits(sbuf_str(&b), s) < 0)
		snprintf(s->error, sizeof s->error, "limits: not in the kernel's format");
	sbuf_free(&b);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Each namespace's link, and whether pid 1 shares it. */
static void read_namespaces(struct details_section *s, int dirfd)
{
	int d = openat(dirfd, "ns", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = d < 0 ? NULL : fdopendir(d);
	if (!dir) {
		section_failed(s, errno);
		if (d >= 0)
			close(d);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.') {
			names = xgrow(names, &cap, n + 1, sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char link[PROC_PATH_MAX], init[PROC_PATH_MAX], path[PROC_PATH_MAX], rel[300];
		snprintf(rel, sizeof rel, "ns/%s", names[i]);
		if (link_at(dirfd, rel, link, sizeof link) < 0) {
			details_add(s, names[i], details_error(errno));
			s->rows[s->nrows - 1].error = true;
		} else {
			bool init_known = proc_path(path, sizeof path, "1/ns/%s", names[i]) == 0 &&
					  link_at(AT_FDCWD, path, init, sizeof init) == 0;
			details_addf(s, names[i], "%s%s", link, !init_known ? "" :
				     strcmp(link, init) == 0 ? "" : "  (not pid 1's)");
		}
		free(names[i]);
	}
	free(names);
	closedir(dir);
}

/* SigPnd ShdPnd SigBlk SigIgn SigCgt from status, decoded. */
static void read_signals(struct details_section *s, int dirfd)
{
	static const struct { const char *field, *label; } masks[] = {
		{ "SigPnd:", "pending (thread)" }, { "ShdPnd:", "pending" },
		{ "SigBlk:", "blocked" }, { "SigIgn:", "ignored" }, { "SigCgt:", "caught" },
	};
	struct sbuf b, names;
	sbuf_init(&b);
	sbuf_init(&names);
	if (slurp_at(dirfd, "status", 1 << 16, &b) < 0)
		section_failed(s, errno);
	for (size_t i = 0; i < ARRAY_LEN(masks) && !s->error[0]; i++) {
		const char *l = strstr(sbuf_str(&b), masks[i].field);
		sbuf_reset(&names);
		if (l && details_signal_mask(l + strlen(masks[i].field), &names) == 0)
			details_add(s, masks[i].label, sbuf_str(&names));
	}
	sbuf_free(&names);
	sbuf_free(&b);
}

/* Reads every section of the process in dirfd into fresh (DP_PROCESS excepted). */
static void read_all(struct details *fresh, int dirfd, const struct pstat *st)
{
	read_command(&fresh->sec[DP_COMMAND], dirfd, st);
	read_parents(&fresh->sec[DP_PARENTS], st);
	read_environ(&fresh->sec[DP_ENVIRON], dirfd);
	read_files(&fresh->sec[DP_FILES], dirfd);
	read_text(&fresh->sec[DP_CGROUP], dirfd, "cgroup", details_parse_cgroup);
	read_namespaces(&fresh->sec[DP_NAMESPACES], dirfd);
	read_limits(&fresh->sec[DP_LIMITS], dirfd);
	read_text(&fresh->sec[DP_IO], dirfd, "io", details_parse_io);
	read_signals(&fresh->sec[DP_SIGNALS], dirfd);
}

int details_read(struct details *d)
{
	char path[PROC_PATH_MAX];
	struct pstat st;
	int dirfd = proc_path(path, sizeof path, "%d", d->pid) < 0 ? -1 :
		    open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* A zombie has ended too: it has no files, environment or memory left to show. */
	if (dirfd < 0 || !same_process(dirfd, d->start, &st) || st.state == 'Z' ||
	    st.state == 'X') {
		if (dirfd >= 0)
			close(dirfd);
		d->ended = true;
		return -1;
	}
	struct details fresh;
	details_init(&fresh, d->pid, d->start);
	read_all(&fresh, dirfd, &st);
	/* Ended while it was read: what was read may be half a process's. */
	bool still = same_process(dirfd, d->start, &st);
	close(dirfd);
	if (!still) {
		details_free(&fresh);
		d->ended = true;
		return -1;
	}
	for (int i = DP_PROCESS + 1; i < DP_COUNT; i++) {
		details_clear(&d->sec[i]);
		d->sec[i] = fresh.sec[i];
	}
	details_clear(&fresh.sec[DP_PROCESS]);
	d->read_once = true;
	return 0;
}
