/*
 * wireload: a light load client for compare's "raw wire client" rows. It speaks libvirt's RPC
 * wire itself over a Unix socket, so that many clients cost the client CPU a few µs per call
 * (a write and a read) instead of python3-libvirt's tens, and the calls/s measure the server.
 *
 *   wireload SOCKET NAME CLIENTS SECONDS SERVER_PID [DEPTH]
 *
 * Each client is a thread with its own connection. It opens as libvirt's remote driver does
 * without an event loop (auth list, connect open with NAME, e.g. "qemu:///system", the two
 * feature probes that follow an open), then calls getVersion in a loop, one call in flight (as a
 * libvirt client's thread does; DEPTH > 1 keeps that many in flight, as threads sharing one
 * connection do), each reply checked (program, procedure, a serial in flight, REPLY, status OK).
 * Once all are open, the calls answered in SECONDS are counted; the server's and this process's
 * CPU over that window are read from /proc. Prints one line: calls, seconds, server CPU seconds, client CPU seconds, and the
 * fewest and most calls one client had answered (how fairly the server served them).
 * Written from the protocol's definition (remote_protocol.x, virnetprotocol.x); no libvirt code.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define REMOTE_PROGRAM 0x20008086u
#define KEEPALIVE_PROGRAM 0x6b656570u
#define PROC_CONNECT_OPEN 1
#define PROC_CONNECT_CLOSE 2
#define PROC_CONNECT_GET_VERSION 4
#define PROC_CONNECT_SUPPORTS_FEATURE 60
#define PROC_AUTH_LIST 66
#define KEEPALIVE_PING 1
#define KEEPALIVE_PONG 2
#define TYPE_CALL 0
#define TYPE_REPLY 1
#define TYPE_MESSAGE 2
#define STATUS_OK 0
#define FEATURE_REMOTE_EVENT_CALLBACK 14
#define FEATURE_REMOTE_CLOSE_CALLBACK 15

static const char *socket_path, *uri_name;
static pthread_barrier_t opened;
static atomic_int stop;
static int depth = 1;

struct client {
    pthread_t thread;
    int fd;
    uint32_t serial;
    _Atomic unsigned long answered;
    unsigned char in[65536];
    size_t have;
};

static void die(const char *what) {
    fprintf(stderr, "wireload: %s: %s\n", what, errno ? strerror(errno) : "protocol");
    exit(1);
}

static size_t put32(unsigned char *p, uint32_t v) {
    v = htonl(v);
    memcpy(p, &v, 4);
    return 4;
}

static uint32_t get32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return ntohl(v);
}

static void send_all(int fd, const unsigned char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) die("write");
        p += w;
        n -= (size_t)w;
    }
}

/* A packet: length word (counting itself), the 24-byte header, then the XDR body; its length. */
static size_t packet(unsigned char *out, uint32_t prog, int proc, int type, uint32_t serial,
                     const unsigned char *body, size_t body_len) {
    size_t n = 4;
    n += put32(out + n, prog);
    n += put32(out + n, 1);
    n += put32(out + n, (uint32_t)proc);
    n += put32(out + n, (uint32_t)type);
    n += put32(out + n, serial);
    n += put32(out + n, STATUS_OK);
    memcpy(out + n, body, body_len);
    n += body_len;
    put32(out, (uint32_t)n);
    return n;
}

static void send_packet(struct client *c, uint32_t prog, int proc, int type, uint32_t serial,
                        const unsigned char *body, size_t body_len) {
    unsigned char out[512];
    send_all(c->fd, out, packet(out, prog, proc, type, serial, body, body_len));
}

/* Reads until one whole packet is buffered; returns its length (it starts at c->in). */
static size_t read_packet(struct client *c) {
    for (;;) {
        if (c->have >= 4) {
            size_t len = get32(c->in);
            if (len < 28 || len > sizeof c->in) die("packet length");
            if (c->have >= len) return len;
        }
        ssize_t r = read(c->fd, c->in + c->have, sizeof c->in - c->have);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) die(r == 0 ? "server closed the connection" : "read");
        c->have += (size_t)r;
    }
}

static void consume(struct client *c, size_t len) {
    c->have -= len;
    memmove(c->in, c->in + len, c->have);
}

/* Reads the next reply, answering a keepalive ping on the way; anything else but an OK reply to
 * procedure proc with one of the n serials in flight stops the run. Returns the serial's index. */
static int reply(struct client *c, int proc, const uint32_t *in_flight, int n) {
    for (;;) {
        size_t len = read_packet(c);
        const unsigned char *h = c->in + 4;
        if (get32(h) == KEEPALIVE_PROGRAM) {
            if ((int)get32(h + 8) == KEEPALIVE_PING)
                send_packet(c, KEEPALIVE_PROGRAM, KEEPALIVE_PONG, TYPE_MESSAGE, 0, NULL, 0);
            consume(c, len);
            continue;
        }
        uint32_t serial = get32(h + 16);
        int found = -1;
        for (int i = 0; i < n; i++)
            if (in_flight[i] == serial) found = i;
        if (get32(h) != REMOTE_PROGRAM || get32(h + 4) != 1 || (int)get32(h + 8) != proc
            || get32(h + 12) != TYPE_REPLY || found < 0) {
            fprintf(stderr, "wireload: procedure %d: unexpected packet (proc %u type %u serial %u)\n",
                    proc, get32(h + 8), get32(h + 12), serial);
            exit(1);
        }
        if (get32(h + 20) != STATUS_OK) {
            fprintf(stderr, "wireload: procedure %d answered status %u\n", proc, get32(h + 20));
            exit(1);
        }
        consume(c, len);
        return found;
    }
}

/* One call, one reply. */
static void call(struct client *c, int proc, const unsigned char *body, size_t body_len) {
    uint32_t serial = ++c->serial;
    send_packet(c, REMOTE_PROGRAM, proc, TYPE_CALL, serial, body, body_len);
    reply(c, proc, &serial, 1);
}

/* getVersion until told to stop, depth calls in flight: each reply answered by the next call.
 * Replies may come in any order (a server's workers finish in any order). */
static void load(struct client *c) {
    unsigned char out[28 * 64];
    uint32_t in_flight[64];
    size_t n = 0;
    for (int i = 0; i < depth; i++) {
        in_flight[i] = ++c->serial;
        n += packet(out + n, REMOTE_PROGRAM, PROC_CONNECT_GET_VERSION, TYPE_CALL, in_flight[i], NULL, 0);
    }
    send_all(c->fd, out, n);
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        int done = reply(c, PROC_CONNECT_GET_VERSION, in_flight, depth);
        atomic_fetch_add_explicit(&c->answered, 1, memory_order_relaxed);
        in_flight[done] = ++c->serial;
        send_packet(c, REMOTE_PROGRAM, PROC_CONNECT_GET_VERSION, TYPE_CALL, in_flight[done], NULL, 0);
    }
    for (int left = depth; left > 0; left--) {
        int done = reply(c, PROC_CONNECT_GET_VERSION, in_flight, left);
        in_flight[done] = in_flight[left - 1];
    }
}

static void open_connection(struct client *c) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path) die("socket path too long");
    strcpy(addr.sun_path, socket_path);
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");

    unsigned char body[300];
    size_t n = 0, name_len = strlen(uri_name);
    if (name_len > 200) die("name too long");
    call(c, PROC_AUTH_LIST, NULL, 0);
    /* remote_connect_open_args: remote_string name (optional: present flag, length, bytes
     * padded to 4), unsigned flags. */
    n += put32(body + n, 1);
    n += put32(body + n, (uint32_t)name_len);
    memcpy(body + n, uri_name, name_len);
    memset(body + n + name_len, 0, 3);
    n += (name_len + 3) & ~(size_t)3;
    n += put32(body + n, 0);
    call(c, PROC_CONNECT_OPEN, body, n);
    put32(body, FEATURE_REMOTE_EVENT_CALLBACK);
    call(c, PROC_CONNECT_SUPPORTS_FEATURE, body, 4);
    put32(body, FEATURE_REMOTE_CLOSE_CALLBACK);
    call(c, PROC_CONNECT_SUPPORTS_FEATURE, body, 4);
}

static void *run(void *arg) {
    struct client *c = arg;
    open_connection(c);
    call(c, PROC_CONNECT_GET_VERSION, NULL, 0);
    pthread_barrier_wait(&opened);
    load(c);
    call(c, PROC_CONNECT_CLOSE, NULL, 0);
    close(c->fd);
    return NULL;
}

static double cpu_of_pid(const char *pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f || !fgets(buf, sizeof buf, f)) die("server's /proc stat");
    fclose(f);
    char *p = strrchr(buf, ')');
    unsigned long utime, stime;
    /* after the command's ')': state is field 3, utime 14, stime 15 */
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
        die("server's /proc stat");
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static double own_cpu(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned long answered(struct client *cs, int n) {
    unsigned long sum = 0;
    for (int i = 0; i < n; i++) sum += atomic_load(&cs[i].answered);
    return sum;
}

int main(int argc, char **argv) {
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: wireload SOCKET NAME CLIENTS SECONDS SERVER_PID [DEPTH]\n");
        return 2;
    }
    socket_path = argv[1];
    uri_name = argv[2];
    int clients = atoi(argv[3]);
    double seconds = atof(argv[4]);
    const char *pid = argv[5];
    if (argc == 7) depth = atoi(argv[6]);
    if (clients < 1 || seconds <= 0 || depth < 1 || depth > 64) return 2;

    struct client *cs = calloc((size_t)clients, sizeof *cs);
    if (!cs) die("calloc");
    pthread_barrier_init(&opened, NULL, (unsigned)clients + 1);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 0; i < clients; i++)
        if (pthread_create(&cs[i].thread, &attr, run, &cs[i]) != 0) die("pthread_create");
    pthread_barrier_wait(&opened);

    double t0 = now(), server0 = cpu_of_pid(pid), own0 = own_cpu();
    unsigned long calls0 = answered(cs, clients);
    unsigned long *first = calloc((size_t)clients, sizeof *first);
    if (!first) die("calloc");
    for (int i = 0; i < clients; i++) first[i] = atomic_load(&cs[i].answered);
    struct timespec span = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    while (nanosleep(&span, &span) != 0 && errno == EINTR) {
    }
    unsigned long calls1 = answered(cs, clients), fewest = ULONG_MAX, most = 0;
    for (int i = 0; i < clients; i++) {
        unsigned long mine = atomic_load(&cs[i].answered) - first[i];
        fewest = mine < fewest ? mine : fewest;
        most = mine > most ? mine : most;
    }
    double t1 = now(), server1 = cpu_of_pid(pid), own1 = own_cpu();
    atomic_store(&stop, 1);
    for (int i = 0; i < clients; i++) pthread_join(cs[i].thread, NULL);
    printf("%lu %.6f %.3f %.3f %lu %lu\n", calls1 - calls0, t1 - t0, server1 - server0, own1 - own0, fewest, most);
    return 0;
}
