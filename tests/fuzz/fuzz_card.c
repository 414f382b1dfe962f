/* libFuzzer target: the pasted-card parser (kn_card_parse). */
#include "fuzz_common.h"
#include "knockon/card.h"

static kn_status on_card(void *ctx, kn_status status, kn_signal *sig,
			 const kn_error *err)
{
	(void)ctx;
	if (status == KN_OK)
		kn_fuzz_roundtrip(sig);
	else if (status != KN_ERR_NOMEM)
		kn_fuzz_check_error(status, err);
	return KN_OK;
}

int kn_fuzz_card(const uint8_t *data, size_t size)
{
	/* the parser is handed exact lengths: no terminating NUL to lean on */
	kn_looks_like_card((const char *)data, size);
	kn_card_parse((const char *)data, size, "fuzz.txt", on_card, NULL);
	return 0;
}

#ifndef KN_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return kn_fuzz_card(data, size);
}
#endif
