/* signals.h - the one way forktop signals a process: through a pidfd, after checking the
 * process is still the one the user saw. */
#ifndef FORKTOP_SIGNALS_H
#define FORKTOP_SIGNALS_H

#include <stddef.h>

/* Seconds a SIGKILLed process may take to end (to become a zombie). */
#define SIGNAL_KILL_WAIT 2.0

/* Sends sig to the process pid whose start time (ticks after boot) is start.
 * Refuses pid <= 1, forktop's own pid and its process group, and (but for SIGCONT)
 * forktop's ancestors: its shell, its terminal's server. Opens a pidfd, re-reads
 * the start time (the pidfd pins the process, so a match proves it is the one the user
 * selected), and only then signals. A stopped target gets SIGCONT after SIGTERM/INT/HUP/
 * QUIT so the signal takes effect. Returns 0, or -1 with a message for the user in msg
 * ("process 951 is gone (pid now used by `foo`)", "cannot signal 123: permission denied"). */
int signal_send(int pid, unsigned long long start, int sig, char *msg, size_t msglen);

/* The core every signal goes through: sends sig through pidfd, an open pidfd on the
 * process pid. Refuses pid <= 1, forktop's own pid, a pidfd that refers to another process
 * than pid (/proc/self/fdinfo says which), and members of forktop's own process group.
 * Does not check the start time (the caller proved identity when it opened pidfd) and
 * does not continue a stopped process. Returns 0, or -1 with a message for the user in msg
 * and errno: ESRCH "process 951 has already ended", EPERM "cannot signal 123 (owner uid
 * 0): permission denied", EINVAL for a refused target or an invalid signal. */
int signal_send_pidfd(int pidfd, int pid, int sig, char *msg, size_t msglen);

/* The same to the whole process group that pid leads (every member at once, none can
 * fork out of it meanwhile), with the same checks plus: pid must lead its group, and no
 * ancestor of forktop may be in it. Needs Linux 6.9 (PIDFD_SIGNAL_PROCESS_GROUP): below,
 * -1 with errno EOPNOTSUPP. */
int signal_send_pidfd_group(int pidfd, int pid, int sig, char *msg, size_t msglen);

/* Opens a pidfd on pid after the same identity checks as signal_send (pid > 1, not forktop
 * itself, same start time; a process in forktop's group may be watched). Returns the fd
 * (close-on-exec), or -1 with a message. For joining any process. */
int signal_pidfd(int pid, unsigned long long start, char *msg, size_t msglen);
/* The same for another use than a join: a refusal says "refusing to VERB ...". */
int signal_pidfd_for(int pid, unsigned long long start, const char *verb, char *msg,
		     size_t msglen);

/* What /proc/PID/stat says about a process at one moment. */
struct pstat {
	char state;		/* R S D Z T t X ... */
	int ppid;
	int pgrp;
	unsigned tty;		/* field 7: the controlling terminal's device, 0: none */
	unsigned flags;		/* field 9: PF_* flags (0x00200000 PF_KTHREAD: a kernel thread) */
	unsigned long long utime, stime;	/* fields 14, 15: CPU time in clock ticks */
	int priority, nice;	/* fields 18, 19 */
	int threads;		/* field 20 */
	unsigned long long start;	/* field 22: start time in ticks after boot */
	unsigned long vsize;	/* field 23: virtual memory in bytes */
	unsigned long rss;	/* field 24: resident set size in pages */
	int exit_status;	/* field 52: the wait status of a zombie (0 while running) */
	char comm[64];		/* raw bytes from the kernel (untrusted), NUL-terminated */
};

/* Parses the text of a /proc/PID/stat file (NUL-terminated): the one parser of it. The
 * comm may hold spaces and ')': it ends at the last ')'. Returns 0, or -1 when the text
 * is not a stat line (fields after the start time are optional: older kernels; absent,
 * they are 0). */
int pstat_parse(const char *buf, struct pstat *st);

/* Reads /proc/PID/stat below the proc root (procfs.h). Returns 0, or -1 when the process
 * is gone (or unreadable). */
int signal_read_stat(int pid, struct pstat *st);

/* "SIGTERM" for 15, "SIG37" for an unnamed one. */
const char *signal_name(int sig);

/* The signals the menu offers, in its order, with what each does (the one list: the menu
 * and the keys read it). */
struct signal_choice {
	int sig;
	const char *what;
};
const struct signal_choice *signal_menu(size_t *n);

#endif
