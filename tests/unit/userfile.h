/* userfile.h - what the tests of user files (forktoprc, themes) share: the reports a
 * parser hands to its callback, collected; and scratch files on disk. */
#ifndef FORKTOP_TEST_USERFILE_H
#define FORKTOP_TEST_USERFILE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_MSGS 64
struct diags {
	int n;
	char msg[MAX_MSGS][512];
};

static inline void collect(void *ctx, const char *msg)
{
	struct diags *d = ctx;
	if (d->n < MAX_MSGS)
		snprintf(d->msg[d->n], sizeof d->msg[0], "%s", msg);
	d->n++;
}

/* A new empty directory under /tmp (a static buffer). */
static inline const char *make_tmpdir(void)
{
	static char dir[64];
	snprintf(dir, sizeof dir, "/tmp/forktop-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Removes DIR and all in it; returns the status for the test to check (Check names a
 * passing test after the file of its last check: the test's own). */
static inline int rm_rf(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

#endif
