/* knockon — reading signals from files, folders and stdin.
 *
 * A reader walks its inputs in the order added (folders in byte order of
 * their entries, recursively) and yields one *unit* at a time:
 * a signal, or the error that rejected one input unit (an NDJSON line, an
 * array element, a card, or a whole file that cannot be read).  JSON (one
 * object, an array, NDJSON, concatenated objects) and pasted cards are
 * told apart by their first bytes.  NDJSON is streamed a line at a time,
 * so memory does not grow with the file; a line of any length is read in
 * linear time.  Each file and folder (by device and inode) is read once per
 * reader however many paths lead to it: symlink loops, second links to a
 * file and a folder queued twice are passed over without a unit.
 *
 * In a folder, a file ending in .json, .ndjson, .jsonl, .txt or .card (in
 * any case: x.TXT) is read whatever it holds, so a bad one is rejected, as
 * is a file named in kn_reader_add.  Any other file (x.md, no extension) is
 * read only when its first non-blank line opens a card ("SIGNAL...") or
 * JSON ('{' or '['), and otherwise *skipped*: no unit, but counted
 * (kn_reader_skipped) and told to the skip hook.  Hidden entries (".x",
 * files and folders) and editor backups ("x~", "#x#", .swp, .swo, .bak,
 * .orig) are skipped by name, also counted.  FIFOs, devices and dangling
 * links in a folder are not files and are passed over uncounted. */
#ifndef KNOCKON_READER_H
#define KNOCKON_READER_H

#include "knockon/export.h"

#include "knockon/error.h"
#include "knockon/signal.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kn_reader kn_reader;

/* A new reader with no inputs.  Free with kn_reader_close. */
KN_API kn_status kn_reader_open(kn_reader **out, kn_error *err);
/* Frees the reader and closes any open file.  Accepts NULL. */
KN_API void kn_reader_close(kn_reader *r);

/* Queues a file, a folder or "-" (stdin).  Nothing is opened yet: a path
 * that cannot be read becomes a rejected unit when its turn comes. */
KN_API kn_status kn_reader_add(kn_reader *r, const char *path, kn_error *err);

/* The next unit.  KN_OK: *sig (initialised by the caller, released first)
 * holds a finished signal.  KN_DONE: every input is used up.  Anything else:
 * one unit was rejected, err says where and why, and the next call goes on
 * with the next unit.  KN_ERR_NOMEM is the only status after which the
 * reader should not be used again. */
KN_API kn_status kn_reader_next(kn_reader *r, kn_signal *sig, kn_error *err);

/* Why a folder entry was skipped. */
typedef enum {
	KN_SKIP_HIDDEN,      /* its name starts with '.' */
	KN_SKIP_BACKUP,      /* an editor backup, by its name */
	KN_SKIP_NOT_SIGNALS  /* no known extension, and neither a card nor JSON */
} kn_skip_reason;

/* Called once for each skipped folder entry (path as queued). */
typedef void (*kn_reader_skip_fn)(void *ctx, const char *path,
				  kn_skip_reason why);

/* Sets the skip hook (fn NULL: none). */
KN_API void kn_reader_on_skip(kn_reader *r, kn_reader_skip_fn fn, void *ctx);
/* Folder entries skipped so far: files (and hidden folders), not units. */
KN_API unsigned long long kn_reader_skipped(const kn_reader *r);
/* "hidden", "editor backup", "neither a card nor JSON". */
KN_API const char *kn_skip_reason_str(kn_skip_reason why);

/* Bytes read so far and the total size of the regular files queued so far
 * (0 when unknown), for progress display. */
KN_API void kn_reader_progress(const kn_reader *r, unsigned long long *done,
			       unsigned long long *total);

#ifdef __cplusplus
}
#endif
#endif
