/* LD_PRELOAD shim for bench/alloc/run: counts malloc/calloc/realloc/aligned allocations of the whole process.
 * On SIGUSR2 it writes the count to the file named by MALLOC_COUNTER_FILE (async-signal-safe: only write()). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_ulong allocations;
extern void* __libc_malloc(size_t);
extern void* __libc_calloc(size_t, size_t);
extern void* __libc_realloc(void*, size_t);
extern void* __libc_memalign(size_t, size_t);

void* malloc(size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return __libc_malloc(size);
}
void* calloc(size_t n, size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return __libc_calloc(n, size);
}
void* realloc(void* p, size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return __libc_realloc(p, size);
}
void* aligned_alloc(size_t alignment, size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    void* p = __libc_memalign(alignment, size);
    if (!p) return 12;
    *out = p;
    return 0;
}

static void dump(int sig) {
    (void)sig;
    const char* path = getenv("MALLOC_COUNTER_FILE");
    if (!path) return;
    char digits[32];
    int n = 0;
    unsigned long value = atomic_load(&allocations);
    char reversed[32];
    do {
        reversed[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value && n < 31);
    for (int i = 0; i < n; ++i) digits[i] = reversed[n - 1 - i];
    digits[n++] = '\n';
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        ssize_t ignored = write(fd, digits, (size_t)n);
        (void)ignored;
        close(fd);
    }
}

__attribute__((constructor)) static void install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = dump;
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &action, NULL);
}
