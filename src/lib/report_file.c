/* Writing report files so that a failure never leaves half a file: the
 * bytes go to a temporary file in the destination's folder (same file
 * system, so rename is atomic) that replaces the destination only once
 * written, flushed and closed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_internal.h"

static kn_status io_fail(kn_error *err, const char *path, const char *what,
			 int e)
{
	return kn_error_set(err, KN_ERR_IO, path, 0, 0, NULL, "cannot %s: %s",
			    what, strerror(e));
}

static kn_status write_stdout(const char *data, size_t len, kn_error *err)
{
	if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0)
		return io_fail(err, "-", "write to standard output", errno);
	return KN_OK;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* mkstemp makes the file 0600; a report is meant to be shared, so give it
 * the mode a plain fopen would (0666 less the umask). */
static void usual_mode(int fd)
{
	mode_t mask = umask(022);

	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
}

kn_status rpt_write_atomic(const char *path, const char *data, size_t len,
			   kn_error *err)
{
	const char *slash = strrchr(path, '/');
	kn_buf tmp = KN_BUF_INIT;
	int fd, e;

	if (strcmp(path, "-") == 0)
		return write_stdout(data, len, err);
	if (slash)
		kn_buf_printf(&tmp, "%.*s.%s.XXXXXX", (int)(slash - path + 1),
			      path, slash + 1);
	else
		kn_buf_printf(&tmp, ".%s.XXXXXX", path);
	if (kn_buf_failed(&tmp))
		return kn_error_set(err, KN_ERR_NOMEM, NULL, 0, 0, NULL,
				    "out of memory");
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		e = errno;
		kn_buf_release(&tmp);
		return io_fail(err, path, "create a temporary file beside it", e);
	}
	usual_mode(fd);
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp.data, path) != 0) {
		e = errno;
		goto fail;
	}
	kn_buf_release(&tmp);
	return KN_OK;
fail:
	unlink(tmp.data);
	kn_buf_release(&tmp);
	return io_fail(err, path, "write", e);
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
