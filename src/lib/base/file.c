/* Output files written whole or not at all (maps, reports). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "kn_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

/* The descriptor a path such as /dev/stdout or /dev/fd/3 names (it is
 * open in this process), or -1: writing to it directly keeps the offset
 * and the append mode the shell gave it. */
static int named_fd(const char *path)
{
	static const char *const dirs[] = { "/dev/fd/", "/proc/self/fd/" };
	const char *p = NULL;
	char *end;
	long n;
	size_t i;

	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	for (i = 0; i < sizeof dirs / sizeof dirs[0] && !p; i++)
		if (strncmp(path, dirs[i], strlen(dirs[i])) == 0)
			p = path + strlen(dirs[i]);
	if (!p || *p < '0' || *p > '9')
		return -1;
	errno = 0;
	n = strtol(p, &end, 10);
	if (*end || errno || n > INT_MAX || fcntl((int)n, F_GETFD) < 0)
		return -1;
	return (int)n;
}

/* Straight into what is already there: a device, a FIFO, an open
 * descriptor.  No temporary file: renaming one over /dev/null or a FIFO
 * would replace it. */
static kn_status write_direct(const char *path, int fd, const void *data,
			      size_t len, const char *what, kn_error *err)
{
	int own = fd < 0, e;

	if (fd == 1 && fflush(stdout) != 0)
		return io_fail(err, path, what, errno);
	if (own && (fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
		return io_fail(err, path, what, errno);
	if (write_all(fd, data, len) != 0) {
		e = errno;
		if (own)
			close(fd);
		return io_fail(err, path, what, e);
	}
	if (own && close(fd) != 0)
		return io_fail(err, path, what, errno);
	return KN_OK;
}

/* Through a temporary file beside path, renamed over it once whole. */
static kn_status write_renamed(const char *path, const void *data, size_t len,
			       const char *what, kn_error *err)
{
	const char *slash = strrchr(path, '/');
	kn_buf tmp = KN_BUF_INIT;
	int fd, e;

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

kn_status kn_file_write_atomic(const char *path, const void *data, size_t len,
			       const char *what, kn_error *err)
{
	struct stat sb, lsb;
	char *target;
	kn_status st;
	int fd;

	if (strcmp(path, "-") == 0) {
		if ((len && fwrite(data, 1, len, stdout) != len) ||
		    fflush(stdout) != 0)
			return io_fail(err, "-", "to standard output", errno);
		return KN_OK;
	}
	if ((fd = named_fd(path)) >= 0)
		return write_direct(path, fd, data, len, what, err);
	if (stat(path, &sb) != 0)
		return write_renamed(path, data, len, what, err);
	if (!S_ISREG(sb.st_mode))
		return write_direct(path, -1, data, len, what, err);
	/* a link to a regular file: replace the file, keep the link */
	if (lstat(path, &lsb) != 0 || !S_ISLNK(lsb.st_mode) ||
	    !(target = realpath(path, NULL)))
		return write_renamed(path, data, len, what, err);
	st = write_renamed(target, data, len, what, err);
	free(target);
	return st;
}
