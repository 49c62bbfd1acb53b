/* procfs.c - the root below which forktop reads processes; the one "/proc" in src/proc. */
#include "procfs.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"

#define KERNEL_PROC "/proc"

/* Room for "/PID/cmdline" and the like after the root. */
static char root[PROC_PATH_MAX - 64] = KERNEL_PROC;

const char *proc_root(void)
{
	return root;
}

int proc_set_root(const char *dir)
{
	if (!dir)
		dir = KERNEL_PROC;
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0 || n >= sizeof root)
		return -1;
	memcpy(root, dir, n);
	root[n] = '\0';
	return 0;
}

bool proc_root_is_kernel(void)
{
	return strcmp(root, KERNEL_PROC) == 0;
}

static int vpath(char *buf, size_t size, const char *base, const char *fmt, va_list ap)
{
	int n = snprintf(buf, size, "%s/", base);
	if (n < 0 || (size_t)n >= size)
		return -1;
	int m = vsnprintf(buf + n, size - (size_t)n, fmt, ap);
	return m < 0 || (size_t)m >= size - (size_t)n ? -1 : 0;
}

int proc_path(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vpath(buf, size, root, fmt, ap);
	va_end(ap);
	return r;
}

int proc_self_path(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vpath(buf, size, KERNEL_PROC "/self", fmt, ap);
	va_end(ap);
	return r;
}

ssize_t proc_self_exe(char *buf, size_t size)
{
	char path[64];
	if (size == 0 || proc_self_path(path, sizeof path, "exe") < 0)
		return -1;
	ssize_t n = readlink(path, buf, size - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return n;
}

double proc_self_age(void)
{
	char path[64], buf[1024];
	struct timespec now;
	struct pstat st;
	if (proc_self_path(path, sizeof path, "stat") < 0)
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	long hz = sysconf(_SC_CLK_TCK);
	if (n <= 0 || hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) < 0)
		return -1;
	buf[n] = '\0';
	if (pstat_parse(buf, &st) < 0)	/* the one parser of stat */
		return -1;
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9 - (double)st.start / (double)hz;
}
