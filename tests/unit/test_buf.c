/* The byte buffer and the array growth helper (base): a failed kn_buf is
 * consistent, kn_grow grows geometrically and fails without harm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "knockon/buf.h"
#include "kn_grow.h"

/* Under AddressSanitizer a huge allocation must fail as it does in libc,
 * returning NULL, instead of stopping the test. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static void appends_and_detaches(void **state)
{
	kn_buf b = KN_BUF_INIT;
	size_t len;
	char *p;

	(void)state;
	kn_buf_puts(&b, "abc");
	kn_buf_printf(&b, "-%d-", 42);
	kn_buf_putc(&b, 'z');
	assert_false(kn_buf_failed(&b));
	assert_int_equal(b.len, 8);
	assert_string_equal(kn_buf_cstr(&b), "abc-42-z");
	p = kn_buf_detach(&b, &len);
	assert_string_equal(p, "abc-42-z");
	assert_int_equal(len, 8);
	assert_int_equal(b.len, 0);
	free(p);
	p = kn_buf_detach(&b, &len);
	assert_string_equal(p, "");
	assert_int_equal(len, 0);
	free(p);
}

/* The defect: after a failed append len kept the old length while
 * kn_buf_cstr() returned "", so fwrite(cstr, 1, len) read past "". */
static void failed_append_leaves_an_empty_buffer(void **state)
{
	kn_buf b = KN_BUF_INIT;
	size_t len = 99;

	(void)state;
	kn_buf_puts(&b, "some text before the failure");
	assert_int_equal(b.len, 28);
	kn_buf_append(&b, "x", SIZE_MAX / 2);
	assert_true(kn_buf_failed(&b));
	assert_int_equal(b.len, 0);
	assert_string_equal(kn_buf_cstr(&b), "");
	assert_int_equal(strlen(kn_buf_cstr(&b)), b.len);
	/* sticky: later appends change nothing */
	kn_buf_puts(&b, "more");
	kn_buf_printf(&b, "%s", "and more");
	assert_true(kn_buf_failed(&b));
	assert_int_equal(b.len, 0);
	assert_string_equal(kn_buf_cstr(&b), "");
	assert_null(kn_buf_detach(&b, &len));
	assert_int_equal(len, 0);
	/* detach left it empty and usable again */
	assert_false(kn_buf_failed(&b));
	kn_buf_puts(&b, "ok");
	assert_string_equal(kn_buf_cstr(&b), "ok");
	kn_buf_release(&b);
}

static void reset_clears_a_failure(void **state)
{
	kn_buf b = KN_BUF_INIT;

	(void)state;
	kn_buf_puts(&b, "abc");
	kn_buf_append(&b, "x", SIZE_MAX - 1);
	assert_true(kn_buf_failed(&b));
	assert_int_equal(b.len, 0);
	kn_buf_reset(&b);
	assert_false(kn_buf_failed(&b));
	kn_buf_puts(&b, "again");
	assert_int_equal(b.len, 5);
	assert_string_equal(kn_buf_cstr(&b), "again");
	kn_buf_release(&b);
}

static void grow_is_geometric(void **state)
{
	int *a = NULL;
	size_t cap = 0, n, reallocs = 0, last = 0;

	(void)state;
	for (n = 0; n < 10000; n++) {
		assert_int_equal(KN_GROW(a, cap, n + 1), 0);
		assert_true(cap >= n + 1);
		if (cap != last)
			reallocs++;
		last = cap;
		a[n] = (int)n;
	}
	assert_true(reallocs < 20);
	for (n = 0; n < 10000; n++)
		assert_int_equal(a[n], (int)n);
	free(a);
}

static void grow_failure_keeps_the_array(void **state)
{
	long *a = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(KN_GROW(a, cap, 3), 0);
	a[0] = 7;
	a[2] = 9;
	/* the byte count overflows size_t */
	assert_int_equal(KN_GROW(a, cap, SIZE_MAX / 2), -1);
	/* over PTRDIFF_MAX bytes */
	assert_int_equal(KN_GROW(a, cap, PTRDIFF_MAX / sizeof *a + 1), -1);
	/* allowed, but far more than memory holds */
	assert_int_equal(KN_GROW(a, cap, PTRDIFF_MAX / sizeof *a / 2), -1);
	assert_int_equal(cap, 8);
	assert_non_null(a);
	assert_int_equal(a[0], 7);
	assert_int_equal(a[2], 9);
	/* already big enough: nothing to do */
	assert_int_equal(KN_GROW(a, cap, 8), 0);
	assert_int_equal(cap, 8);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(appends_and_detaches),
		cmocka_unit_test(failed_append_leaves_an_empty_buffer),
		cmocka_unit_test(reset_clears_a_failure),
		cmocka_unit_test(grow_is_geometric),
		cmocka_unit_test(grow_failure_keeps_the_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
