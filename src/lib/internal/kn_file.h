/* knockon internal — writing output files whole or not at all. */
#ifndef KN_FILE_H
#define KN_FILE_H

#include <stddef.h>

#include "knockon/error.h"

/* Writes data to path.  A regular file (or a path that does not exist
 * yet) is written through a temporary file in the same folder (same file
 * system, so the rename is atomic), flushed to disk and renamed over path
 * once complete: a failure never leaves half a file, and the old file
 * stays until the new one is whole.  A new file gets the mode a plain
 * fopen would give (0666 less the umask); a symbolic link to a regular
 * file stays a link and its target is replaced.  Anything else that
 * exists (a device such as /dev/null, a FIFO, /dev/stdout or /dev/fd/N)
 * is written directly, never replaced.  "-" writes to standard output.
 * what names the output in errors: "cannot write the map: No space left
 * on device". */
kn_status kn_file_write_atomic(const char *path, const void *data, size_t len,
			       const char *what, kn_error *err);

#endif
