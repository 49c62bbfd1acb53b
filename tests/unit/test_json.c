/* test_json.c - the JSON writer: strings stay valid JSON whatever bytes a process has. */
#include <string.h>

#include "json.h"
#include "unit.h"

static char *quoted(const char *s, size_t len)
{
	static struct sbuf b;
	sbuf_reset(&b);
	json_string(&b, s, len);
	return b.p;
}

#define Q(lit) quoted(lit, sizeof(lit) - 1)

START_TEST(plain_ascii)
{
	ck_assert_str_eq(Q("sleep 600"), "\"sleep 600\"");
	ck_assert_str_eq(Q(""), "\"\"");
}
END_TEST

START_TEST(quotes_and_backslashes)
{
	ck_assert_str_eq(Q("a\"b\\c"), "\"a\\\"b\\\\c\"");
}
END_TEST

START_TEST(escape_sequence_becomes_u001b)
{
	ck_assert_str_eq(Q("\033[2J"), "\"\\u001b[2J\"");
	ck_assert_str_eq(Q("\033]0;t\007"), "\"\\u001b]0;t\\u0007\"");
}
END_TEST

START_TEST(short_forms)
{
	ck_assert_str_eq(Q("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
}
END_TEST

START_TEST(nul_inside)
{
	ck_assert_str_eq(Q("a\0b"), "\"a\\u0000b\"");
}
END_TEST

START_TEST(del_and_c1_escaped)
{
	ck_assert_str_eq(Q("\x7f"), "\"\\u007f\"");
	ck_assert_str_eq(Q("\xc2\x9b"), "\"\\u009b\"");
}
END_TEST

START_TEST(invalid_utf8_becomes_replacement)
{
	ck_assert_str_eq(Q("a\xff" "b"), "\"a\xef\xbf\xbd" "b\"");
	ck_assert_str_eq(Q("\x9b"), "\"\xef\xbf\xbd\"");
	/* A truncated sequence at the end. */
	ck_assert_str_eq(Q("x\xe5\xad"), "\"x\xef\xbf\xbd\"");
}
END_TEST

START_TEST(cjk_kept)
{
	ck_assert_str_eq(Q("子进程1"), "\"子进程1\"");
}
END_TEST

START_TEST(output_has_no_control_bytes)
{
	char in[256];
	for (int i = 0; i < 256; i++)
		in[i] = (char)i;
	const char *out = quoted(in, sizeof in);
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		ck_assert_msg(*p >= 0x20 && *p != 0x7f, "control byte 0x%02x in JSON", *p);
}
END_TEST

START_TEST(numbers)
{
	struct sbuf b;
	sbuf_init(&b);
	json_number(&b, 12.345, 1);
	sbuf_addc(&b, ' ');
	json_number(&b, 0.0 / 0.0, 2);
	ck_assert_str_eq(b.p, "12.3 0.00");
	sbuf_free(&b);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");
	tcase_add_test(tc, plain_ascii);
	tcase_add_test(tc, quotes_and_backslashes);
	tcase_add_test(tc, escape_sequence_becomes_u001b);
	tcase_add_test(tc, short_forms);
	tcase_add_test(tc, nul_inside);
	tcase_add_test(tc, del_and_c1_escaped);
	tcase_add_test(tc, invalid_utf8_becomes_replacement);
	tcase_add_test(tc, cjk_kept);
	tcase_add_test(tc, output_has_no_control_bytes);
	tcase_add_test(tc, numbers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(json_suite());
}
