/* procfs.h - where forktop reads processes from: the kernel's /proc, or a directory laid
 * out as it (the unit tests build one). Every path src/proc builds to a process's files
 * starts at this root; forktop's own /proc/self is always the kernel's. */
#ifndef FORKTOP_PROCFS_H
#define FORKTOP_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Longest path proc_path builds (root included). */
#define PROC_PATH_MAX 4096

/* The root, "/proc" unless set; without a trailing '/'. */
const char *proc_root(void);
/* Reads processes from root from now on; NULL goes back to "/proc". Returns 0, or -1 when
 * root is too long (the root is left as it was). */
int proc_set_root(const char *root);
/* Whether the root is the kernel's own /proc: only then do pid numbers and start times
 * read below it prove which process a pidfd holds. */
bool proc_root_is_kernel(void);

/* root/rest, rest formatted as printf does ("%d/stat"). Returns 0, or -1 when it does
 * not fit in size (buf then holds no usable path). */
int proc_path(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The kernel's /proc/self/rest, whatever the root: facts about forktop itself (its open
 * fds, its binary) that only the running kernel knows. Returns 0, or -1. */
int proc_self_path(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Seconds since forktop's process started (the kernel's start time of /proc/self against
 * the boot clock: the exec and the loading of libraries count), or -1. */
double proc_self_age(void);

/* The path of forktop's own binary (NUL-terminated), or -1. */
ssize_t proc_self_exe(char *buf, size_t size);

#endif
