/* Unit tests of util: string vectors and small file I/O. */
#include <errno.h>

#include <criterion/criterion.h>

#include "util.h"

Test(util, strv_push_join)
{
	char **v = NULL;

	strv_push(&v, "a");
	strv_push(&v, "b c");
	cr_assert_eq(strv_length(v), 2);
	char *s = strv_join(v, "|");
	cr_assert_str_eq(s, "a|b c");
	free(s);
	strv_free(v);
}

Test(util, digits)
{
	cr_assert(str_is_digits("123"));
	cr_assert_not(str_is_digits(""));
	cr_assert_not(str_is_digits("12a"));
}

Test(util, read_missing_file)
{
	char *buf;

	cr_assert_eq(util_read_file("/nonexistent/ljail", &buf, NULL), -ENOENT);
}
