/* details.h - one process in detail, as htop's process screens show it: command line,
 * executable, cwd and root, the parent chain, environment, open files and sockets (read
 * from /proc/PID/fd and fdinfo, sockets resolved through the process's own net tables, as
 * lsof would), cgroup, namespaces, limits, I/O counters and signal masks.
 *
 * Everything is read below the proc root (procfs.h) through one open /proc/PID directory
 * checked against the start time, so a pid reused meanwhile is said to be another process
 * and lends it nothing. Each section is read on its own: one that cannot be read (another
 * user's process, a kernel thread) carries a message, the others are still shown. The
 * parsers of the file formats are pure and take text, for the unit tests. */
#ifndef FORKTOP_DETAILS_H
#define FORKTOP_DETAILS_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The sections, in the order they are shown (the number keys 1-9, 0 jump to them). */
enum details_part {
	DP_PROCESS,		/* filled by the caller: what the scan and the tasks know */
	DP_COMMAND,		/* the full command line, exe, cwd, root */
	DP_PARENTS,		/* the parent chain up to pid 1 */
	DP_ENVIRON,
	DP_FILES,		/* open files and sockets */
	DP_CGROUP,
	DP_NAMESPACES,
	DP_LIMITS,
	DP_IO,
	DP_SIGNALS,
	DP_COUNT
};

/* One line of a section: "key  value", or value alone when key is NULL. Raw bytes as the
 * process or the kernel gave them (untrusted): escape them (text.h) to show them. */
struct details_row {
	char *key;
	char *value;
	bool error;		/* value says why this line could not be read */
};

struct details_section {
	char error[160];	/* why the section could not be read, "" when it was */
	struct details_row *rows;
	size_t nrows, cap;
};

struct details {
	int pid;
	unsigned long long start;
	bool ended;		/* the process has ended (or its pid is another's now): the
				 * sections are what was read last */
	bool read_once;		/* the sections were read at least once */
	struct details_section sec[DP_COUNT];
};

/* A section's heading: "Environment". */
const char *details_title(enum details_part p);

/* Starts d for the process pid with this start time (nothing read yet). */
void details_init(struct details *d, int pid, unsigned long long start);
void details_free(struct details *d);
/* Empties a section (rows and error). */
void details_clear(struct details_section *s);
/* Appends a row (copies of key and value; key may be NULL). */
void details_add(struct details_section *s, const char *key, const char *value);
void details_addf(struct details_section *s, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reads every section but DP_PROCESS (the caller's). Returns 0; -1 when the process has
 * ended or its pid now belongs to another process: then d->ended is set and the sections
 * keep what they showed. */
int details_read(struct details *d);

/* What a failed read of a section says: EACCES and EPERM "permission denied (run as root
 * or as the process's user)", ENOENT and ESRCH "process has ended", else strerror. */
const char *details_error(int err);

/* ---- the pure parsers ---- */

/* /proc/PID/environ (NUL-separated NAME=value; the last NUL may be missing): one row per
 * variable, key NAME and value the rest. Returns the rows added. */
size_t details_parse_environ(const char *buf, size_t len, struct details_section *s);

/* /proc/PID/fdinfo/N: the file position and the open flags (octal). Returns 0, or -1
 * when either is missing. */
int details_parse_fdinfo(const char *text, unsigned long long *pos, unsigned *flags);
/* Open flags in words: "r", "w" or "rw", then the flags that matter ("rw APPEND
 * CLOEXEC"). */
void details_open_flags(unsigned flags, struct sbuf *out);

/* The socket tables of /proc/PID/net. */
enum details_net { NET_TCP, NET_TCP6, NET_UDP, NET_UDP6, NET_UNIX, NET_COUNT };
/* A socket found in a table: its inode and how lsof would name it ("TCP 127.0.0.1:8080
 * (LISTEN)", "UDP6 [::1]:53", "UNIX STREAM /run/x.sock (LISTEN)"). */
struct details_socket {
	unsigned long long inode;
	char desc[160];
};
/* Appends the sockets of one table's text to *v (grown as needed, *n of them). Lines that
 * do not parse are skipped. Returns how many were added. */
size_t details_parse_net(const char *text, enum details_net table, struct details_socket **v,
			 size_t *n);

/* A signal mask as /proc/PID/status writes it (SigBlk: 64 bits in hex, bit N-1 for
 * signal N) in names: "SIGINT SIGTERM SIG40", "none" for an empty mask. Returns -1 when
 * the text is not hex. */
int details_signal_mask(const char *hex, struct sbuf *out);

/* /proc/PID/limits: one row per limit, key the name ("Max open files") and value "soft
 * 1024  hard 524288  files". The columns are found from the header line. Returns the
 * rows added, or -1 when there is no header. */
int details_parse_limits(const char *text, struct details_section *s);

/* "name: value" lines (/proc/PID/io): one row each; byte counts get their size in
 * words beside them. Returns the rows added. */
size_t details_parse_io(const char *text, struct details_section *s);

/* /proc/PID/cgroup ("ID:CONTROLLERS:PATH" lines): key the controllers ("unified" for the
 * cgroup v2 line), value the path. Returns the rows added. */
size_t details_parse_cgroup(const char *text, struct details_section *s);

#endif
