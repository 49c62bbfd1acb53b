/* unit.h - runs one Check suite and reports every test case as a TAP line on stdout,
 * so automake's TAP driver counts each test. */
#ifndef FORKTOP_UNIT_H
#define FORKTOP_UNIT_H

#include <check.h>
#include <locale.h>
#include <stdlib.h>

static inline int unit_run(Suite *s)
{
	/* Display widths are measured in a UTF-8 locale, as on the user's terminal. */
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(s);
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
