/* libFuzzer target: the JSON unit reader (kn_signal_read_json) and the
 * streaming reader (format detection, NDJSON, arrays, cards) over a file. */
#include <unistd.h>

#include "fuzz_common.h"
#include "knockon/reader.h"

static void fuzz_unit(const uint8_t *data, size_t size)
{
	kn_signal sig;
	kn_error err;
	kn_status st;

	kn_signal_init(&sig);
	kn_error_clear(&err);
	st = kn_signal_read_json((const char *)data, size, "fuzz.json", 1, &sig,
				 &err);
	if (st == KN_OK)
		kn_fuzz_roundtrip(&sig);
	else if (st != KN_ERR_NOMEM)
		kn_fuzz_check_error(st, &err);
	kn_signal_release(&sig);
}

/* The same bytes as a file: one temporary file per process, rewritten. */
static void fuzz_reader(const uint8_t *data, size_t size)
{
	static char path[64];
	kn_reader *r = NULL;
	kn_signal sig;
	kn_error err;
	kn_status st;
	FILE *fp;

	if (!path[0])
		snprintf(path, sizeof path, "/tmp/knockon-fuzz-%ld.json",
			 (long)getpid());
	fp = fopen(path, "wb");
	if (!fp)
		return;
	if (size && fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return;
	}
	fclose(fp);
	if (kn_reader_open(&r, &err) != KN_OK)
		return;
	kn_reader_add(r, path, &err);
	kn_signal_init(&sig);
	while ((st = kn_reader_next(r, &sig, &err)) != KN_DONE) {
		if (st == KN_ERR_NOMEM)
			break;
		if (st == KN_OK)
			kn_fuzz_roundtrip(&sig);
		else
			kn_fuzz_check_error(st, &err);
	}
	kn_signal_release(&sig);
	kn_reader_close(r);
	unlink(path);
}

int kn_fuzz_json(const uint8_t *data, size_t size)
{
	fuzz_unit(data, size);
	fuzz_reader(data, size);
	return 0;
}

#ifndef KN_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return kn_fuzz_json(data, size);
}
#endif
