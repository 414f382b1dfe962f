/* Output files written whole or not at all (maps, reports). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "knockon/buf.h"

static kn_status io_fail(kn_error *err, const char *path, const char *what,
			 int e)
{
	return kn_error_set(err, KN_ERR_IO, path, 0, 0, NULL,
			    "cannot write %s: %s", what, strerror(e));
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* mkstemp makes the file 0600; maps and reports are meant to be shared. */
static void usual_mode(int fd)
{
	mode_t mask = umask(022);

	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
}

kn_status kn_file_write_atomic(const char *path, const void *data, size_t len,
			       const char *what, kn_error *err)
{
	const char *slash = strrchr(path, '/');
	kn_buf tmp = KN_BUF_INIT;
	int fd, e;

	if (strcmp(path, "-") == 0) {
		if ((len && fwrite(data, 1, len, stdout) != len) ||
		    fflush(stdout) != 0)
			return io_fail(err, "-", "to standard output", errno);
		return KN_OK;
	}
	if (slash)
		kn_buf_printf(&tmp, "%.*s.%s.XXXXXX", (int)(slash - path + 1),
			      path, slash + 1);
	else
		kn_buf_printf(&tmp, ".%s.XXXXXX", path);
	if (kn_buf_failed(&tmp))
		return kn_error_set(err, KN_ERR_NOMEM, path, 0, 0, NULL,
				    "out of memory");
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		e = errno;
		kn_buf_release(&tmp);
		return io_fail(err, path, what, e);
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
	return io_fail(err, path, what, e);
}
