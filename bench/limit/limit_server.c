// limit_server: the "limit" the benchmark harness compares every server against.
//
// It answers each request with the same fixed 13-byte 200 response and does nothing else: no
// parsing beyond spotting the blank line that ends a request head, no routing, no headers read, no
// allocation per request. Whatever a real server spends above this is the cost of being a server;
// whatever this one cannot exceed is the ceiling of the load generator and the kernel.
//
// Usage: limit_server [--host ADDR] [--port N] [--threads N]
//
// Each thread owns an SO_REUSEPORT listener and an epoll set, so threads share nothing and the
// kernel spreads connections over them. Requests with a body are not supported (the body would be
// read as the next head); wrk and curl GETs are all the harness sends. Pipelined requests get one
// response each, in order. SIGINT/SIGTERM end the process (the default action is enough: there is
// nothing to flush).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char k_response[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Length: 13\r\n"
    "\r\n"
    "Hello, world\n";
#define RESPONSE_LENGTH (sizeof(k_response) - 1)

// Per-connection state is two numbers, so a connection costs one small heap block for its whole
// life and nothing per request.
struct connection {
    int fd;
    // How far into "\r\n\r\n" the bytes read so far have matched (0-3); survives across reads so
    // that a head split over two segments is still seen.
    unsigned matched;
    // Response bytes owed to the client but not yet accepted by the kernel. Output is the fixed
    // response repeated, so the owed bytes are fully described by this count and the position
    // within the response where they start.
    uint64_t owed;
    unsigned offset;
    int watching_output;
};

struct worker {
    const char* host;
    int port;
    int listen_fd;
    int epoll_fd;
};

static int make_listener(const char* host, int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) {
        close(fd);
        return -1;
    }
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    if (bind(fd, (struct sockaddr*)&address, sizeof address) != 0 || listen(fd, 4096) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

static void drop(struct worker* self, struct connection* conn) {
    epoll_ctl(self->epoll_fd, EPOLL_CTL_DEL, conn->fd, NULL);
    close(conn->fd);
    free(conn);
}

// Counts complete heads in the new bytes; the only "parsing" the limit server does.
static unsigned count_heads(struct connection* conn, const char* data, size_t length) {
    static const char terminator[4] = {'\r', '\n', '\r', '\n'};
    unsigned heads = 0;
    unsigned matched = conn->matched;
    for (size_t i = 0; i < length; ++i) {
        char c = data[i];
        if (c == terminator[matched]) {
            if (++matched == 4) {
                ++heads;
                matched = 0;
            }
        } else {
            matched = (c == '\r') ? 1 : 0;
        }
    }
    conn->matched = matched;
    return heads;
}

// Writes as much owed output as the socket takes. Returns 0 to keep the connection, -1 to drop it.
static int flush_output(struct worker* self, struct connection* conn) {
    char batch[16384];
    while (conn->owed > 0) {
        size_t filled = 0;
        unsigned offset = conn->offset;
        while (filled < sizeof batch && filled < conn->owed) {
            size_t take = RESPONSE_LENGTH - offset;
            if (take > sizeof batch - filled) take = sizeof batch - filled;
            if (take > conn->owed - filled) take = (size_t)(conn->owed - filled);
            memcpy(batch + filled, k_response + offset, take);
            filled += take;
            offset = (unsigned)((offset + take) % RESPONSE_LENGTH);
        }
        ssize_t sent = send(conn->fd, batch, filled, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            return -1;
        }
        conn->owed -= (uint64_t)sent;
        conn->offset = (unsigned)((conn->offset + (size_t)sent) % RESPONSE_LENGTH);
    }
    // Ask for EPOLLOUT only while output is stuck, so the common path is one epoll_wait per batch
    // of requests and no epoll_ctl at all.
    int want_output = conn->owed > 0;
    if (want_output != conn->watching_output) {
        struct epoll_event event;
        event.events = EPOLLIN | (want_output ? EPOLLOUT : 0);
        event.data.ptr = conn;
        if (epoll_ctl(self->epoll_fd, EPOLL_CTL_MOD, conn->fd, &event) != 0) return -1;
        conn->watching_output = want_output;
    }
    return 0;
}

static int read_input(struct connection* conn) {
    char input[16384];
    for (;;) {
        ssize_t got = recv(conn->fd, input, sizeof input, 0);
        if (got > 0) {
            conn->owed += (uint64_t)count_heads(conn, input, (size_t)got) * RESPONSE_LENGTH;
            if ((size_t)got < sizeof input) return 0;
            continue;
        }
        if (got == 0) return -1;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
        return -1;
    }
}

static void accept_all(struct worker* self) {
    for (;;) {
        int fd = accept4(self->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;  // EAGAIN, or out of descriptors: try again on the next readiness
        }
        int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        struct connection* conn = calloc(1, sizeof *conn);
        if (conn == NULL) {
            close(fd);
            continue;
        }
        conn->fd = fd;
        struct epoll_event event;
        event.events = EPOLLIN;
        event.data.ptr = conn;
        if (epoll_ctl(self->epoll_fd, EPOLL_CTL_ADD, fd, &event) != 0) {
            close(fd);
            free(conn);
        }
    }
}

static void* run_worker(void* arg) {
    struct worker* self = arg;
    struct epoll_event events[256];
    for (;;) {
        int ready = epoll_wait(self->epoll_fd, events, 256, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            perror("limit_server: epoll_wait");
            exit(1);
        }
        for (int i = 0; i < ready; ++i) {
            if (events[i].data.ptr == NULL) {
                accept_all(self);
                continue;
            }
            struct connection* conn = events[i].data.ptr;
            if ((events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && read_input(conn) != 0) {
                drop(self, conn);
                continue;
            }
            if (flush_output(self, conn) != 0) drop(self, conn);
        }
    }
    return NULL;
}

static void usage(void) {
    fprintf(stderr, "usage: limit_server [--host ADDR] [--port N] [--threads N]\n");
    exit(2);
}

int main(int argc, char** argv) {
    const char* host = "127.0.0.1";
    int port = 8090;
    int threads = 1;
    for (int i = 1; i < argc; ++i) {
        if (i + 1 >= argc) usage();
        if (strcmp(argv[i], "--host") == 0) {
            host = argv[++i];
        } else if (strcmp(argv[i], "--port") == 0) {
            port = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--threads") == 0) {
            threads = atoi(argv[++i]);
        } else {
            usage();
        }
    }
    if (port <= 0 || port > 65535 || threads < 1 || threads > 256) usage();
    signal(SIGPIPE, SIG_IGN);

    struct worker* workers = calloc((size_t)threads, sizeof *workers);
    if (workers == NULL) return 1;
    // Bind every listener before serving, so that "the port accepts" means "all threads are in".
    for (int i = 0; i < threads; ++i) {
        workers[i].host = host;
        workers[i].port = port;
        workers[i].listen_fd = make_listener(host, port);
        workers[i].epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        if (workers[i].listen_fd < 0 || workers[i].epoll_fd < 0) {
            fprintf(stderr, "limit_server: cannot listen on %s:%d: %s\n", host, port,
                    strerror(errno));
            return 1;
        }
        struct epoll_event event;
        event.events = EPOLLIN;
        event.data.ptr = NULL;  // NULL marks the listener
        if (epoll_ctl(workers[i].epoll_fd, EPOLL_CTL_ADD, workers[i].listen_fd, &event) != 0) {
            perror("limit_server: epoll_ctl");
            return 1;
        }
    }
    fprintf(stderr, "limit_server: listening on %s:%d with %d thread(s)\n", host, port, threads);
    for (int i = 1; i < threads; ++i) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, run_worker, &workers[i]) != 0) {
            fprintf(stderr, "limit_server: cannot start thread %d\n", i);
            return 1;
        }
        pthread_detach(thread);
    }
    run_worker(&workers[0]);
    return 0;
}
