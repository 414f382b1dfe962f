/* What a folder walk skipped (skipped.h). */
#include "skipped.h"

#include <stdio.h>

#include "cli.h"
#include "knockon/buf.h"

static void on_skip(void *ctx, const char *path, kn_skip_reason why)
{
	cli_skips *s = ctx;

	s->by_reason[why]++;
	if (!s->verbose)
		return;
	if (s->progress)
		fputs("\r\033[K", stderr);
	cli_errorf("skipped %s: %s", path, kn_skip_reason_str(why));
}

void cli_skips_watch(cli_skips *s, kn_reader *r)
{
	kn_reader_on_skip(r, on_skip, s);
}

/* e.g. "knockon: skipped 3 files in folders (2 neither a card nor JSON,
 * 1 hidden); files, not signals: not in the counts (-v names them)":
 * the counts of ingest's summary are units, which these files gave none. */
void cli_skips_report(const cli_skips *s)
{
	static const kn_skip_reason order[] = { KN_SKIP_NOT_SIGNALS,
						KN_SKIP_HIDDEN, KN_SKIP_BACKUP };
	unsigned long long total = 0;
	kn_buf b = KN_BUF_INIT;
	const char *sep = "";
	size_t i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		total += s->by_reason[order[i]];
	if (!total)
		return;
	kn_buf_printf(&b, "skipped %llu file%s in folders (", total,
		      total == 1 ? "" : "s");
	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (s->by_reason[order[i]]) {
			kn_buf_printf(&b, "%s%llu %s", sep, s->by_reason[order[i]],
				      kn_skip_reason_str(order[i]));
			sep = ", ";
		}
	kn_buf_printf(&b, "); files, not signals: not in the counts%s",
		      s->verbose ? "" : " (-v names them)");
	cli_errorf("%s", kn_buf_cstr(&b));
	kn_buf_release(&b);
}
