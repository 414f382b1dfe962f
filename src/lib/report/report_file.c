/* The report's folders; its files are written whole by
 * kn_file_write_atomic (file.c). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "report_internal.h"

static kn_status io_fail(kn_error *err, const char *path, const char *what,
			 int e)
{
	return kn_error_set(err, KN_ERR_IO, path, 0, 0, NULL, "cannot %s: %s",
			    what, strerror(e));
}

kn_status rpt_mkdir(const char *path, kn_error *err)
{
	struct stat sb;

	if (mkdir(path, 0777) == 0)
		return KN_OK;
	if (errno == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return KN_OK;
	return io_fail(err, path, "create the folder", errno);
}
