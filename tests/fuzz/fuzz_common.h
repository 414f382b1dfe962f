/* Shared by the libFuzzer targets and the regression replay (unit test):
 * the properties every input must keep besides "no crash, no leak". */
#ifndef KN_FUZZ_COMMON_H
#define KN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knockon/buf.h"
#include "knockon/json.h"
#include "knockon/signal.h"

int kn_fuzz_json(const uint8_t *data, size_t size);
int kn_fuzz_card(const uint8_t *data, size_t size);

/* A finished signal's canonical JSON must read back to the same signal:
 * ingest is idempotent only if canonical output is a fixed point. */
static void kn_fuzz_roundtrip(const kn_signal *sig)
{
	kn_buf a = KN_BUF_INIT, b = KN_BUF_INIT;
	kn_signal again;
	kn_error err;

	kn_signal_init(&again);
	if (kn_signal_write_json(sig, &a) != KN_OK) {
		kn_buf_release(&a);
		return; /* out of memory: nothing to compare */
	}
	if (kn_signal_read_json(kn_buf_cstr(&a), a.len, "canonical", 1, &again,
				&err) != KN_OK) {
		fprintf(stderr, "canonical JSON does not read back: %s\n%s\n",
			err.message, kn_buf_cstr(&a));
		abort();
	}
	kn_signal_write_json(&again, &b);
	if (a.len != b.len || memcmp(kn_buf_cstr(&a), kn_buf_cstr(&b), a.len)) {
		fprintf(stderr, "canonical JSON is not a fixed point:\n%s\n%s\n",
			kn_buf_cstr(&a), kn_buf_cstr(&b));
		abort();
	}
	kn_signal_release(&again);
	kn_buf_release(&a);
	kn_buf_release(&b);
}

/* An error must say something and name a status that is an error. */
static void kn_fuzz_check_error(kn_status st, const kn_error *err)
{
	if (st == KN_OK || st == KN_DONE || !err->message[0]) {
		fprintf(stderr, "rejected with status %d and message \"%s\"\n",
			(int)st, err->message);
		abort();
	}
}

#endif
