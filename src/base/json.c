/* json.c - a small JSON writer for --json. */
#include "json.h"

#include <math.h>
#include <stdio.h>

#include "text.h"

static void add_utf8(struct sbuf *out, unsigned cp)
{
	char b[4];
	sbuf_add(out, b, text_utf8_encode(cp, b));
}

static void add_escape(struct sbuf *out, unsigned cp)
{
	switch (cp) {
	case '"': sbuf_adds(out, "\\\""); break;
	case '\\': sbuf_adds(out, "\\\\"); break;
	case '\n': sbuf_adds(out, "\\n"); break;
	case '\t': sbuf_adds(out, "\\t"); break;
	case '\r': sbuf_adds(out, "\\r"); break;
	case '\b': sbuf_adds(out, "\\b"); break;
	case '\f': sbuf_adds(out, "\\f"); break;
	default: sbuf_printf(out, "\\u%04x", cp); break;
	}
}

void json_string(struct sbuf *out, const char *s, size_t len)
{
	sbuf_addc(out, '"');
	size_t i = 0;
	while (i < len) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		i += n;
		/* Control characters (C0, DEL, C1) are escaped so the output is plain text. */
		if (cp < 0x20 || cp == '"' || cp == '\\' || (cp >= 0x7f && cp <= 0x9f))
			add_escape(out, cp);
		else
			add_utf8(out, cp);
	}
	sbuf_addc(out, '"');
}

void json_number(struct sbuf *out, double v, int decimals)
{
	if (!isfinite(v))
		v = 0;
	sbuf_printf(out, "%.*f", decimals, v);
}
