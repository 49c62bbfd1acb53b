/* json.h - a small JSON writer for --json. Pure. */
#ifndef FORKTOP_JSON_H
#define FORKTOP_JSON_H

#include <stddef.h>

#include "util.h"

/* Appends s[0..len) as a JSON string literal. Whatever the bytes: control characters
 * become \uXXXX (\n \t \r \b \f and \" \\ short forms), DEL and C1 too, invalid UTF-8
 * becomes U+FFFD, so the output is always valid JSON and pure printable text. */
void json_string(struct sbuf *out, const char *s, size_t len);
/* Appends a number; NaN and infinities (not JSON) become 0. */
void json_number(struct sbuf *out, double v, int decimals);

#endif
