/* task_ctl.c - forktop's side of a demo task's control channel: ask it to rename itself or
 * to daemonize, and read its replies. A daemonized task reports its new pid; forktop
 * believes it only once the kernel confirms who sent it, the start time matches and the
 * process is in a session of its own, and then follows the new process. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "task_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo_ctl.h"
#include "signals.h"
#include "text.h"
#include "util.h"

#define REPLIES_PER_TURN 16
#define NAME_MAX_BYTES 255	/* a longer name is refused */

/* Sends one request; -1 with a message if the task no longer listens. */
static int ctl_send(struct task *k, char op, const char *arg, char *err, size_t errlen)
{
	char buf[CTL_MSG_MAX];
	size_t n = arg ? strlen(arg) : 0;
	buf[0] = op;
	memcpy(buf + 1, arg ? arg : "", n);
	/* A socket: no SIGPIPE for forktop if the task has just gone. */
	if (send(k->ctlfd, buf, n + 1, MSG_NOSIGNAL | MSG_DONTWAIT) == (ssize_t)(n + 1))
		return 0;
	snprintf(err, errlen, "%s pid %d does not take requests any more (%s)", k->name,
		 k->pid, strerror(errno));
	return -1;
}

/* Why k cannot take a request to change itself, or NULL if it can. */
static const char *cannot_ask(const struct task *k, char *buf, size_t size)
{
	if (!k || k->command)
		return NULL;	/* the caller's own message */
	if (k->state != TASK_RUNNING && k->state != TASK_STOPPED &&
	    k->state != TASK_DAEMONIZED)
		snprintf(buf, size, "%s pid %d has ended: there is no process to change any more",
			 k->name, k->pid);
	else if (k->ctlfd < 0)
		snprintf(buf, size, "%s pid %d does not take requests any more (it closed its "
			 "control channel)", k->name, k->pid);
	else
		return NULL;
	return buf;
}

int task_daemonize(tasks_t *t, struct task *k, char *err, size_t errlen)
{
	char why[256];
	if (!k) {
		snprintf(err, errlen, "forktop can daemonize only its own demo tasks");
		return -1;
	}
	if (k->state == TASK_DAEMONIZED) {
		snprintf(err, errlen, "%s is already daemonized (pid %d, not forktop's child)",
			 k->name, k->pid);
		return -1;
	}
	if (!task_alive(k)) {
		snprintf(err, errlen, "%s pid %d has ended: only a running task can be daemonized",
			 k->name, k->pid);
		return -1;
	}
	if (k->command) {
		snprintf(err, errlen, "a running command cannot be detached: start it with \"start "
			 "detached\" in the New-task dialog");
		return -1;
	}
	if (k->daemon) {
		snprintf(err, errlen, "%s is daemonic (daemon=True): it ends with forktop and may "
			 "not have children, and daemonizing forks twice (Python's daemon flag is "
			 "the opposite of a Unix daemon)", k->name);
		return -1;
	}
	if (k->state == TASK_STOPPED) {
		snprintf(err, errlen, "%s pid %d is stopped: continue it (SIGCONT) first", k->name,
			 k->pid);
		return -1;
	}
	if (k->daemonizing) {
		snprintf(err, errlen, "%s pid %d is daemonizing already", k->name, k->pid);
		return -1;
	}
	if (cannot_ask(k, why, sizeof why)) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (ctl_send(k, CTL_DAEMONIZE, NULL, err, errlen) < 0)
		return -1;
	k->daemonizing = true;
	task_log(t, EV_INFO, NULL, "asked %s pid %d to daemonize: fork, setsid, fork; the "
		 "original exits 0", k->name, k->pid);
	return 0;
}

int task_rename(tasks_t *t, struct task *k, const char *name, char *err, size_t errlen)
{
	char why[256];
	if (!name || !name[0]) {
		snprintf(err, errlen, "a name cannot be empty");
		return -1;
	}
	if (strlen(name) > NAME_MAX_BYTES) {
		snprintf(err, errlen, "a name is at most %d bytes", NAME_MAX_BYTES);
		return -1;
	}
	if (!k || k->command) {
		snprintf(err, errlen, "Linux only lets a process rename itself; forktop can rename "
			 "only its own demo tasks");
		return -1;
	}
	if (cannot_ask(k, why, sizeof why)) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (ctl_send(k, CTL_RENAME, name, err, errlen) < 0)
		return -1;
	char *old = k->name, *repr = task_str_repr(name);
	struct sbuf py;
	sbuf_init(&py);
	sbuf_printf(&py, "p.name = %s", repr);
	k->name = task_escape(name);
	task_log(t, EV_RENAME, sbuf_str(&py), "%d: %s → %s", k->pid, old, k->name);
	sbuf_free(&py);
	free(repr);
	free(old);
	return 0;
}

/* ---- replies ---- */

/* The grandchild's report "PID START SID": follow it if it is what it claims to be. */
static void on_daemonized(tasks_t *t, struct task *k, const char *text, const struct ucred *cr)
{
	int pid, sid;
	unsigned long long start;
	char msg[256];
	struct pstat st;

	if (!k->daemonizing || sscanf(text, "%d %llu %d", &pid, &start, &sid) != 3) {
		task_log(t, EV_ERROR, NULL, "%s pid %d: unexpected daemonize report ignored",
			 k->name, k->pid);
		return;
	}
	k->daemonizing = false;
	/* The kernel's word on the sender: a report cannot name some other process. */
	if (!cr || cr->pid != pid) {
		task_log(t, EV_ERROR, NULL, "%s pid %d: daemonize report for %d came from %d: "
			 "ignored", k->name, k->pid, pid, cr ? (int)cr->pid : 0);
		return;
	}
	int fd = signal_pidfd(pid, start, msg, sizeof msg);
	if (fd < 0) {
		task_log(t, EV_ERROR, NULL, "%s daemonized into %d, which forktop cannot follow: %s",
			 k->name, pid, msg);
		return;
	}
	/* The second fork keeps it from being a session leader: the session is the one the
	 * middle process made, not forktop's. Readable would mean it died meanwhile. */
	if (getsid(pid) != sid || sid == getsid(0) || signal_read_stat(pid, &st) < 0 ||
	    st.start != start || task_readable(fd)) {
		task_log(t, EV_ERROR, NULL, "%s: process %d is not in a session of its own: not "
			 "followed", k->name, pid);
		close(fd);
		return;
	}
	k->old_pid = k->pid;
	k->old_pidfd = k->pidfd;
	k->pid = pid;
	k->start = start;
	k->pidfd = fd;
	k->state = TASK_DAEMONIZED;
	k->detached = true;
	task_log(t, EV_DAEMONIZE, "os.fork() and os._exit(0); os.setsid(); os.fork() and "
		 "os._exit(0)", "%s pid %d → %d (session %d, no terminal; no longer forktop's "
		 "child: it outlives forktop)", k->name, k->old_pid, pid, sid);
}

static void on_reply(tasks_t *t, struct task *k, const char *buf, const struct ucred *cr)
{
	char *s = task_escape(buf + 1);
	switch (buf[0]) {
	case CTL_RENAMED:
		task_log(t, EV_INFO, NULL, "%d set its own comm to '%s': ps shows it too (Python's "
			 "p.name = ... changes only the object; the kernel keeps 15 bytes)",
			 k->pid, s);
		break;
	case CTL_DAEMONIZED:
		on_daemonized(t, k, buf + 1, cr);
		break;
	case CTL_FAILED:
		k->daemonizing = false;
		task_log(t, EV_ERROR, NULL, "%s pid %d: %s", k->name, k->pid, s);
		break;
	default:
		task_log(t, EV_ERROR, NULL, "%s pid %d: unknown control reply ignored", k->name,
			 k->pid);
		break;
	}
	free(s);
}

void task_read_ctl(tasks_t *t, struct task *k)
{
	for (int i = 0; i < REPLIES_PER_TURN && k->ctlfd >= 0; i++) {
		char buf[CTL_MSG_MAX + 1];
		union { struct cmsghdr h; char space[CMSG_SPACE(sizeof(struct ucred))]; } cm;
		struct iovec iov = { .iov_base = buf, .iov_len = CTL_MSG_MAX };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = &cm,
			.msg_controllen = sizeof cm };
		ssize_t r = recvmsg(k->ctlfd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			return;
		if (r <= 0) {
			/* EOF: the task and everything that shared its end are gone. */
			close(k->ctlfd);
			k->ctlfd = -1;
			return;
		}
		buf[r] = '\0';
		const struct ucred *cr = NULL;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
			if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS)
				cr = (const struct ucred *)(void *)CMSG_DATA(c);
		on_reply(t, k, buf, cr);
	}
}

void task_reap_old(tasks_t *t, struct task *k)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	if (waitid(P_PIDFD, (id_t)k->old_pidfd, &si, WEXITED | WNOHANG) < 0) {
		if (errno == EINTR)
			return;
	} else if (si.si_pid == 0) {
		return;		/* not ended yet */
	} else {
		int code = task_exitcode_from(si.si_code, si.si_status);
		task_log(t, EV_INFO, NULL, "%d, %s before daemonizing, exited %d and was reaped%s",
			 k->old_pid, k->name, code, code ? " (it should have exited 0)" : "");
	}
	close(k->old_pidfd);
	k->old_pidfd = -1;
}
