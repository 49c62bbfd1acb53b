/* files.c - l: the selected process's open files and sockets, as htop's lsof screen (read
 * from /proc/PID/fd and fdinfo: no lsof needed): the details view opened at that
 * section. */
#include "verbs_int.h"

#include "util.h"

static int files_open(struct app *a)
{
	return verb_details_open(a, DP_FILES);
}

static const struct verb_key keys[] = {
	{ { 'l', 0 }, "l", "open files and sockets of the selected process (as lsof shows them)",
	  files_open },
};

const struct verb verb_files = {
	.name = "files", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
