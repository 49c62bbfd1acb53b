/* environ.c - e: the selected process's environment, as htop's e: the details view
 * opened at its Environment section. */
#include "verbs_int.h"

#include "util.h"

static int environ_open(struct app *a)
{
	return verb_details_open(a, DP_ENVIRON);
}

static const struct verb_key keys[] = {
	{ { 'e', 0 }, "e", "environment of the selected process (the details at that section)",
	  environ_open },
};

const struct verb verb_environ = {
	.name = "environ", .keys = keys, .nkeys = ARRAY_LEN(keys),
};
