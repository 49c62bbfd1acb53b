#include "unit.h"
START_TEST(placeholder) {} END_TEST
int main(void){Suite*s=suite_create("x");TCase*tc=tcase_create("x");tcase_add_test(tc,placeholder);suite_add_tcase(s,tc);return unit_run(s);}
