/* snapshot.h - --tree and --json: the process tree printed once. */
#ifndef FORKTOP_SNAPSHOT_H
#define FORKTOP_SNAPSHOT_H

#include <stdio.h>

#include "options.h"
#include "settings.h"

/* Prints the tree (MODE_TREE: forktoprc's columns st, in their order) or JSON (MODE_JSON)
 * of one snapshot to out. Returns an exit code: EXIT_OK, EXIT_NOTFOUND when o->pid does
 * not exist (message on stderr). */
int snapshot_print(const struct options *o, const struct settings *st, FILE *out);

#endif
