// io.h - Lintel SDK: the Microsoft CRT's low-level I/O names module code uses.
//
// _access checks existence/permissions like POSIX access(): mode 0 existence, 2 write, 4 read,
// 6 read and write. The _A_* attribute bits are those of _finddata_t (values as on Windows).

#ifndef LINTEL_IO_H
#define LINTEL_IO_H

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define _A_NORMAL 0x00
#define _A_RDONLY 0x01
#define _A_HIDDEN 0x02
#define _A_SYSTEM 0x04
#define _A_SUBDIR 0x10
#define _A_ARCH 0x20

#define _O_RDONLY O_RDONLY
#define _O_WRONLY O_WRONLY
#define _O_RDWR O_RDWR
#define _O_APPEND O_APPEND
#define _O_CREAT O_CREAT
#define _O_TRUNC O_TRUNC
#define _O_EXCL O_EXCL
#define _O_BINARY 0
#define _O_TEXT 0
#define _S_IREAD S_IRUSR
#define _S_IWRITE S_IWUSR

inline __attribute__((visibility("hidden"))) int _access(const char* path, int mode) noexcept {
    if (path == nullptr || (mode & ~6) != 0) {
        errno = EINVAL;
        return -1;
    }
    int how = F_OK;
    if ((mode & 2) != 0) {
        how |= W_OK;
    }
    if ((mode & 4) != 0) {
        how |= R_OK;
    }
    return access(path, how);
}
inline __attribute__((visibility("hidden"))) int _access_s(const char* path, int mode) noexcept {
    return _access(path, mode) == 0 ? 0 : errno;
}
inline __attribute__((visibility("hidden"))) int _close(int fd) noexcept {
    return close(fd);
}
inline __attribute__((visibility("hidden"))) int _unlink(const char* path) noexcept {
    return unlink(path);
}
inline __attribute__((visibility("hidden"))) int _read(int fd, void* buffer,
                                                       unsigned int count) noexcept {
    return static_cast<int>(read(fd, buffer, count));
}
inline __attribute__((visibility("hidden"))) int _write(int fd, const void* buffer,
                                                        unsigned int count) noexcept {
    return static_cast<int>(write(fd, buffer, count));
}
inline __attribute__((visibility("hidden"))) long long _lseeki64(int fd, long long offset,
                                                                 int origin) noexcept {
    return static_cast<long long>(lseek(fd, static_cast<off_t>(offset), origin));
}

#endif  // LINTEL_IO_H
