/*
 * ABI probe for the macOS bindings (dev.kevy.sys.macos). Run by AbiProofTest on a macOS host
 * only (compiled with cc against native-bindings/jextract/macos.h). Prints one
 * "name value" line per item; the test derives the same names and values from the generated
 * Java classes and fails on any difference, on any Java item this probe does not print, and on
 * any item printed here that the bindings lack.
 *
 *   NAME v                 constant
 *   sizeof(T) / alignof(T) struct or union T (the Java class name)
 *   offsetof(T.f) sizeof(T.f)
 *   sizeof(C_INT) ...      the C type behind each jextract value layout
 *   fn(name) r:a,b[,...]   sizeof of the return and parameter types. Each FN line also redeclares
 *                          the function with those C types, so the compiler rejects any type that
 *                          is not the one the system header declares.
 */
#include "macos.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define CONST(name) printf("%s %lld\n", #name, (long long) (name));
#define TYPE(jname, type) \
    printf("sizeof(%s) %zu\nalignof(%s) %zu\n", #jname, sizeof(type), #jname, (size_t) _Alignof(type));
#define FIELD(jname, type, field) \
    printf("offsetof(%s.%s) %zu\nsizeof(%s.%s) %zu\n", #jname, #field, offsetof(type, field), \
           #jname, #field, sizeof(((type *) 0)->field));
#define LAYOUT(jname, type) printf("sizeof(%s) %zu\n", #jname, sizeof(type));

/* sizeof for each of up to six parameter types */
#define SZ(t) (int) sizeof(t)
#define SZ1(a) SZ(a)
#define SZ2(a, b) SZ(a), SZ(b)
#define SZ3(a, b, c) SZ(a), SZ(b), SZ(c)
#define SZ4(a, b, c, d) SZ(a), SZ(b), SZ(c), SZ(d)
#define SZ5(a, b, c, d, e) SZ(a), SZ(b), SZ(c), SZ(d), SZ(e)
#define SZ6(a, b, c, d, e, f) SZ(a), SZ(b), SZ(c), SZ(d), SZ(e), SZ(f)
#define PICK(_1, _2, _3, _4, _5, _6, name, ...) name
#define SIZES(...) PICK(__VA_ARGS__, SZ6, SZ5, SZ4, SZ3, SZ2, SZ1)(__VA_ARGS__)

#define END (-1)
#define VARIADIC (-2)

/* FN: fixed parameters; FN0: no parameters; FNV: fixed parameters then "..." */
#define FN(ret, name, ...) { extern ret name(__VA_ARGS__); fn(#name, SZ(ret), SIZES(__VA_ARGS__), END); }
#define FN0(ret, name) { extern ret name(void); fn(#name, SZ(ret), END); }
#define FNV(ret, name, ...) { extern ret name(__VA_ARGS__, ...); fn(#name, SZ(ret), SIZES(__VA_ARGS__), VARIADIC, END); }

static void fn(const char *name, int ret, ...) {
    va_list ap;
    va_start(ap, ret);
    printf("fn(%s) %d:", name, ret);
    const char *sep = "";
    for (int size = va_arg(ap, int); size != END; size = va_arg(ap, int)) {
        if (size == VARIADIC) {
            printf("%s...", sep);
        } else {
            printf("%s%d", sep, size);
        }
        sep = ",";
    }
    va_end(ap);
    printf("\n");
}

int main(void) {
    LAYOUT(C_BOOL, _Bool)
    LAYOUT(C_CHAR, char)
    LAYOUT(C_SHORT, short)
    LAYOUT(C_INT, int)
    LAYOUT(C_LONG, long)
    LAYOUT(C_LONG_LONG, long long)
    LAYOUT(C_FLOAT, float)
    LAYOUT(C_DOUBLE, double)
    LAYOUT(C_POINTER, void *)

    /* event_h: sys/event.h (struct kevent is declared under #pragma pack(4)) */
    CONST(EVFILT_READ) CONST(EVFILT_WRITE) CONST(EVFILT_USER) CONST(EV_ADD) CONST(EV_DELETE)
    CONST(EV_ENABLE) CONST(EV_DISABLE) CONST(EV_ONESHOT) CONST(EV_CLEAR) CONST(EV_RECEIPT)
    CONST(EV_EOF) CONST(EV_ERROR) CONST(NOTE_TRIGGER) CONST(NOTE_FFNOP)
    FN0(int, kqueue)
    FN(int, kevent, int, const struct kevent *, int, struct kevent *, int, const struct timespec *)
    TYPE(kevent, struct kevent)
    FIELD(kevent, struct kevent, ident)
    FIELD(kevent, struct kevent, filter)
    FIELD(kevent, struct kevent, flags)
    FIELD(kevent, struct kevent, fflags)
    FIELD(kevent, struct kevent, data)
    FIELD(kevent, struct kevent, udata)
    TYPE(timespec, struct timespec)
    FIELD(timespec, struct timespec, tv_sec)
    FIELD(timespec, struct timespec, tv_nsec)

    /* socket_h: sys/socket.h, netinet/in.h, netinet/tcp.h (no accept4, no SOCK_NONBLOCK) */
    CONST(AF_INET) CONST(AF_INET6) CONST(SOCK_STREAM) CONST(SOL_SOCKET) CONST(SO_REUSEADDR)
    CONST(SO_REUSEPORT) CONST(SO_ERROR) CONST(SO_SNDBUF) CONST(SO_RCVBUF) CONST(SO_KEEPALIVE)
    CONST(SO_NOSIGPIPE) CONST(SOMAXCONN) CONST(IPPROTO_TCP) CONST(IPPROTO_IPV6) CONST(IPV6_V6ONLY)
    CONST(TCP_NODELAY) CONST(SHUT_RD) CONST(SHUT_WR) CONST(SHUT_RDWR)
    FN(int, socket, int, int, int)
    FN(int, setsockopt, int, int, int, const void *, socklen_t)
    FN(int, getsockopt, int, int, int, void *, socklen_t *)
    FN(int, bind, int, const struct sockaddr *, socklen_t)
    FN(int, listen, int, int)
    FN(int, accept, int, struct sockaddr *, socklen_t *)
    FN(int, connect, int, const struct sockaddr *, socklen_t)
    FN(int, getsockname, int, struct sockaddr *, socklen_t *)
    FN(int, shutdown, int, int)
    TYPE(in_addr, struct in_addr)
    FIELD(in_addr, struct in_addr, s_addr)
    TYPE(sockaddr_in, struct sockaddr_in)
    FIELD(sockaddr_in, struct sockaddr_in, sin_len)
    FIELD(sockaddr_in, struct sockaddr_in, sin_family)
    FIELD(sockaddr_in, struct sockaddr_in, sin_port)
    FIELD(sockaddr_in, struct sockaddr_in, sin_addr)
    FIELD(sockaddr_in, struct sockaddr_in, sin_zero)
    TYPE(in6_addr, struct in6_addr)
    FIELD(in6_addr, struct in6_addr, __u6_addr)
    TYPE(sockaddr_in6, struct sockaddr_in6)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_len)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_family)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_port)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_flowinfo)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_addr)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_scope_id)

    /* unistd_h: unistd.h, stdio.h, sys/stat.h (no pipe2, no fdatasync declared) */
    FN(int, close, int)
    FN(ssize_t, read, int, void *, size_t)
    FN(ssize_t, write, int, const void *, size_t)
    FN0(pid_t, getpid)
    FN(int, pipe, int *)
    FN(int, fsync, int)
    FN(int, ftruncate, int, off_t)
    FN(off_t, lseek, int, off_t, int)
    CONST(SEEK_SET) CONST(SEEK_END)
    FN(int, unlink, const char *)
    FN(int, rename, const char *, const char *)
    FN(int, mkdir, const char *, mode_t)

    /* uio_h: sys/uio.h */
    FN(ssize_t, readv, int, const struct iovec *, int)
    FN(ssize_t, writev, int, const struct iovec *, int)
    TYPE(iovec, struct iovec)
    FIELD(iovec, struct iovec, iov_base)
    FIELD(iovec, struct iovec, iov_len)

    /* fcntl_h: fcntl.h */
    CONST(F_GETFD) CONST(F_SETFD) CONST(F_GETFL) CONST(F_SETFL) CONST(F_FULLFSYNC) CONST(FD_CLOEXEC)
    CONST(O_RDONLY) CONST(O_WRONLY) CONST(O_RDWR) CONST(O_CREAT) CONST(O_EXCL) CONST(O_TRUNC)
    CONST(O_APPEND) CONST(O_NONBLOCK) CONST(O_CLOEXEC) CONST(O_DIRECTORY)
    FNV(int, fcntl, int, int)
    FNV(int, open, const char *, int)

    /* resource_h: sys/resource.h */
    CONST(RLIMIT_NOFILE) CONST(RLIM_INFINITY)
    FN(int, getrlimit, int, struct rlimit *)
    FN(int, setrlimit, int, const struct rlimit *)
    TYPE(rlimit, struct rlimit)
    FIELD(rlimit, struct rlimit, rlim_cur)
    FIELD(rlimit, struct rlimit, rlim_max)

    /* errno_h: string.h, errno.h */
    FN(char *, strerror, int)
    CONST(EPERM) CONST(ENOENT) CONST(EINTR) CONST(EIO) CONST(EBADF) CONST(EAGAIN) CONST(EWOULDBLOCK)
    CONST(ENOMEM) CONST(EACCES) CONST(EFAULT) CONST(EEXIST) CONST(ENOTDIR) CONST(EISDIR) CONST(EINVAL)
    CONST(ENFILE) CONST(EMFILE) CONST(ENOSPC) CONST(EPIPE) CONST(ENOSYS) CONST(ENOTSOCK)
    CONST(EOPNOTSUPP) CONST(ENOTSUP) CONST(EPROTONOSUPPORT) CONST(EAFNOSUPPORT) CONST(EADDRINUSE)
    CONST(EADDRNOTAVAIL) CONST(ENETDOWN) CONST(ENETUNREACH) CONST(ECONNABORTED) CONST(ECONNRESET)
    CONST(ENOBUFS) CONST(ECANCELED) CONST(ETIME) CONST(EBUSY) CONST(EISCONN) CONST(ENOTCONN) CONST(ETIMEDOUT) CONST(ECONNREFUSED)
    CONST(EHOSTUNREACH) CONST(EALREADY) CONST(EINPROGRESS)
    return 0;
}
