/*
 * ABI probe for the Linux bindings (dev.kevy.sys.linux and dev.kevy.sys.linux.<arch>).
 *
 * Compiled by AbiProofTest against native-bindings/jextract/linux.h (the shim jextract reads),
 * natively or with a cross compiler, and run (under qemu for a foreign architecture). Prints one
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
#include "linux.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define CONST(name) printf("%s %lld\n", #name, (long long) (name));
#define TYPE(jname, type) \
    printf("sizeof(%s) %zu\nalignof(%s) %zu\n", #jname, sizeof(type), #jname, (size_t) _Alignof(type));
#define FIELD(jname, type, field) \
    printf("offsetof(%s.%s) %zu\nsizeof(%s.%s) %zu\n", #jname, #field, offsetof(type, field), \
           #jname, #field, sizeof(((type *) 0)->field));
/* a flexible or zero-length array member: its offset, and size 0 as the Java layout says */
#define FLEX(jname, type, field) \
    printf("offsetof(%s.%s) %zu\nsizeof(%s.%s) 0\n", #jname, #field, offsetof(type, field), #jname, #field);
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
    /* the C types behind jextract's value layouts; the layer passes pointers as 64-bit longs */
    LAYOUT(C_BOOL, _Bool)
    LAYOUT(C_CHAR, char)
    LAYOUT(C_SHORT, short)
    LAYOUT(C_INT, int)
    LAYOUT(C_LONG, long)
    LAYOUT(C_LONG_LONG, long long)
    LAYOUT(C_FLOAT, float)
    LAYOUT(C_DOUBLE, double)
    LAYOUT(C_POINTER, void *)

    /* epoll_h: sys/epoll.h, sys/eventfd.h */
    CONST(EPOLL_CTL_ADD) CONST(EPOLL_CTL_MOD) CONST(EPOLL_CTL_DEL)
    CONST(EPOLLIN) CONST(EPOLLPRI) CONST(EPOLLOUT) CONST(EPOLLERR) CONST(EPOLLHUP) CONST(EPOLLRDHUP)
    CONST(EPOLLEXCLUSIVE) CONST(EPOLLONESHOT) CONST(EPOLLET) CONST(EPOLL_CLOEXEC)
    CONST(EFD_SEMAPHORE) CONST(EFD_CLOEXEC) CONST(EFD_NONBLOCK)
    FN(int, epoll_create1, int)
    FN(int, epoll_ctl, int, int, int, struct epoll_event *)
    FN(int, epoll_wait, int, struct epoll_event *, int, int)
    FN(int, eventfd, unsigned int, int)

    /* arch_h (per architecture): struct epoll_event is packed on x86_64 only */
    CONST(O_DIRECTORY)
    TYPE(epoll_data, union epoll_data)
    FIELD(epoll_data, union epoll_data, ptr)
    FIELD(epoll_data, union epoll_data, fd)
    FIELD(epoll_data, union epoll_data, u32)
    FIELD(epoll_data, union epoll_data, u64)
    TYPE(epoll_event, struct epoll_event)
    FIELD(epoll_event, struct epoll_event, events)
    FIELD(epoll_event, struct epoll_event, data)

    /* socket_h: sys/socket.h, netinet/in.h, netinet/tcp.h */
    CONST(AF_INET) CONST(AF_INET6) CONST(SOCK_STREAM) CONST(SOCK_NONBLOCK) CONST(SOCK_CLOEXEC)
    CONST(SOL_SOCKET) CONST(SO_REUSEADDR) CONST(SO_REUSEPORT) CONST(SO_ERROR) CONST(SO_SNDBUF)
    CONST(SO_RCVBUF) CONST(SO_KEEPALIVE) CONST(SOMAXCONN) CONST(IPPROTO_TCP) CONST(IPPROTO_IPV6)
    CONST(IPV6_V6ONLY) CONST(TCP_NODELAY) CONST(SHUT_RD) CONST(SHUT_WR) CONST(SHUT_RDWR)
    FN(int, socket, int, int, int)
    FN(int, setsockopt, int, int, int, const void *, socklen_t)
    FN(int, getsockopt, int, int, int, void *, socklen_t *)
    FN(int, bind, int, const struct sockaddr *, socklen_t)
    FN(int, listen, int, int)
    FN(int, accept4, int, struct sockaddr *, socklen_t *, int)
    FN(int, connect, int, const struct sockaddr *, socklen_t)
    FN(int, getsockname, int, struct sockaddr *, socklen_t *)
    FN(int, getpeername, int, struct sockaddr *, socklen_t *)
    FN(int, shutdown, int, int)
    TYPE(in_addr, struct in_addr)
    FIELD(in_addr, struct in_addr, s_addr)
    TYPE(sockaddr_in, struct sockaddr_in)
    FIELD(sockaddr_in, struct sockaddr_in, sin_family)
    FIELD(sockaddr_in, struct sockaddr_in, sin_port)
    FIELD(sockaddr_in, struct sockaddr_in, sin_addr)
    FIELD(sockaddr_in, struct sockaddr_in, sin_zero)
    TYPE(in6_addr, struct in6_addr)
    FIELD(in6_addr, struct in6_addr, __in6_u)
    TYPE(sockaddr_in6, struct sockaddr_in6)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_family)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_port)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_flowinfo)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_addr)
    FIELD(sockaddr_in6, struct sockaddr_in6, sin6_scope_id)

    /* unistd_h: unistd.h, stdio.h, sys/stat.h */
    FN(int, close, int)
    FN(ssize_t, read, int, void *, size_t)
    FN(ssize_t, write, int, const void *, size_t)
    FN0(pid_t, getpid)
    FN(int, pipe2, int *, int)
    FN(int, fsync, int)
    FN(int, fdatasync, int)
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
    CONST(F_GETFD) CONST(F_SETFD) CONST(F_GETFL) CONST(F_SETFL) CONST(FD_CLOEXEC)
    CONST(O_RDONLY) CONST(O_WRONLY) CONST(O_RDWR) CONST(O_CREAT) CONST(O_EXCL) CONST(O_TRUNC)
    CONST(O_APPEND) CONST(O_NONBLOCK) CONST(O_CLOEXEC)
    FNV(int, fcntl, int, int)
    FNV(int, open, const char *, int)

    /* process_h: sched.h, sys/prctl.h, sys/resource.h */
    CONST(PR_SET_TIMERSLACK) CONST(PR_GET_TIMERSLACK) CONST(RLIMIT_NOFILE) CONST(RLIM_INFINITY)
    FN(int, sched_setaffinity, pid_t, size_t, const cpu_set_t *)
    FNV(int, prctl, int)
    FN(int, getrlimit, int, struct rlimit *)
    FN(int, setrlimit, int, const struct rlimit *)
    TYPE(cpu_set_t, cpu_set_t)
    FIELD(cpu_set_t, cpu_set_t, __bits)
    TYPE(rlimit, struct rlimit)
    FIELD(rlimit, struct rlimit, rlim_cur)
    FIELD(rlimit, struct rlimit, rlim_max)

    /* mman_h: sys/mman.h, unistd.h (sysconf) */
    CONST(PROT_READ) CONST(PROT_WRITE) CONST(MAP_PRIVATE) CONST(MAP_SHARED) CONST(MAP_POPULATE) CONST(MAP_ANONYMOUS) CONST(MAP_NORESERVE)
    CONST(MADV_DONTNEED) CONST(_SC_PAGESIZE)
    FN(void *, mmap, void *, size_t, int, int, int, off_t)
    FN(int, munmap, void *, size_t)
    FN(int, madvise, void *, size_t, int)
    FN(int, mincore, void *, size_t, unsigned char *)
    FN(long, sysconf, int)

    /*
     * io_uring_h: linux/io_uring.h, sys/syscall.h, unistd.h (syscall). Members of anonymous unions
     * and structs are named as C names them (AbiItems flattens jextract's $anon$ groups).
     * IORING_CQE_F_BUF_MORE and IOU_PBUF_RING_INC come from linux.h when the headers predate 6.12.
     */
    CONST(__NR_io_uring_setup) CONST(__NR_io_uring_enter) CONST(__NR_io_uring_register)
    CONST(IORING_SETUP_CQSIZE) CONST(IORING_SETUP_CLAMP) CONST(IORING_SETUP_SUBMIT_ALL)
    CONST(IORING_SETUP_COOP_TASKRUN) CONST(IORING_SETUP_TASKRUN_FLAG) CONST(IORING_SETUP_SINGLE_ISSUER)
    CONST(IORING_SETUP_DEFER_TASKRUN) CONST(IORING_SETUP_R_DISABLED) CONST(IORING_ENTER_GETEVENTS) CONST(IORING_ENTER_REGISTERED_RING)
    CONST(IORING_ENTER_EXT_ARG) CONST(IORING_POLL_ADD_MULTI) CONST(IORING_REGISTER_ENABLE_RINGS)
    CONST(IORING_ASYNC_CANCEL_ALL) CONST(IORING_ASYNC_CANCEL_FD)
    CONST(IORING_OFF_SQ_RING) CONST(IORING_OFF_CQ_RING) CONST(IORING_OFF_SQES)
    CONST(IORING_FEAT_SINGLE_MMAP) CONST(IORING_FEAT_NODROP) CONST(IORING_FEAT_SUBMIT_STABLE)
    CONST(IORING_FEAT_FAST_POLL) CONST(IORING_FEAT_EXT_ARG) CONST(IORING_FEAT_NATIVE_WORKERS)
    CONST(IORING_FEAT_CQE_SKIP) CONST(IORING_FEAT_LINKED_FILE)
    CONST(IORING_SQ_NEED_WAKEUP) CONST(IORING_SQ_CQ_OVERFLOW) CONST(IORING_SQ_TASKRUN)
    CONST(IOSQE_FIXED_FILE) CONST(IOSQE_IO_LINK) CONST(IOSQE_BUFFER_SELECT) CONST(IOSQE_CQE_SKIP_SUCCESS)
    CONST(IORING_CQE_F_BUFFER) CONST(IORING_CQE_F_MORE) CONST(IORING_CQE_F_SOCK_NONEMPTY)
    CONST(IORING_CQE_F_BUF_MORE) CONST(IORING_CQE_BUFFER_SHIFT)
    CONST(IORING_RECV_MULTISHOT) CONST(IORING_ACCEPT_MULTISHOT)
    CONST(IORING_REGISTER_RING_FDS) CONST(IORING_UNREGISTER_RING_FDS)
    CONST(IORING_REGISTER_PBUF_RING) CONST(IORING_UNREGISTER_PBUF_RING) CONST(IOU_PBUF_RING_INC)
    CONST(IORING_OP_NOP) CONST(IORING_OP_READV) CONST(IORING_OP_WRITEV) CONST(IORING_OP_POLL_ADD)
    CONST(IORING_OP_SENDMSG) CONST(IORING_OP_TIMEOUT) CONST(IORING_OP_ACCEPT) CONST(IORING_OP_ASYNC_CANCEL)
    CONST(IORING_OP_CONNECT) CONST(IORING_OP_CLOSE) CONST(IORING_OP_READ) CONST(IORING_OP_WRITE)
    CONST(IORING_OP_SEND) CONST(IORING_OP_RECV) CONST(IORING_OP_MSG_RING)
    FNV(long, syscall, long)
    TYPE(io_sqring_offsets, struct io_sqring_offsets)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, head)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, tail)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, ring_mask)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, ring_entries)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, flags)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, dropped)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, array)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, resv1)
    FIELD(io_sqring_offsets, struct io_sqring_offsets, resv2)
    TYPE(io_cqring_offsets, struct io_cqring_offsets)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, head)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, tail)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, ring_mask)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, ring_entries)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, overflow)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, cqes)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, flags)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, resv1)
    FIELD(io_cqring_offsets, struct io_cqring_offsets, resv2)
    TYPE(io_uring_params, struct io_uring_params)
    FIELD(io_uring_params, struct io_uring_params, sq_entries)
    FIELD(io_uring_params, struct io_uring_params, cq_entries)
    FIELD(io_uring_params, struct io_uring_params, flags)
    FIELD(io_uring_params, struct io_uring_params, sq_thread_cpu)
    FIELD(io_uring_params, struct io_uring_params, sq_thread_idle)
    FIELD(io_uring_params, struct io_uring_params, features)
    FIELD(io_uring_params, struct io_uring_params, wq_fd)
    FIELD(io_uring_params, struct io_uring_params, resv)
    FIELD(io_uring_params, struct io_uring_params, sq_off)
    FIELD(io_uring_params, struct io_uring_params, cq_off)
    TYPE(io_uring_sqe, struct io_uring_sqe)
    FIELD(io_uring_sqe, struct io_uring_sqe, opcode)
    FIELD(io_uring_sqe, struct io_uring_sqe, flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, ioprio)
    FIELD(io_uring_sqe, struct io_uring_sqe, fd)
    FIELD(io_uring_sqe, struct io_uring_sqe, off)
    FIELD(io_uring_sqe, struct io_uring_sqe, addr2)
    FIELD(io_uring_sqe, struct io_uring_sqe, cmd_op)
    FIELD(io_uring_sqe, struct io_uring_sqe, __pad1)
    FIELD(io_uring_sqe, struct io_uring_sqe, addr)
    FIELD(io_uring_sqe, struct io_uring_sqe, splice_off_in)
    FIELD(io_uring_sqe, struct io_uring_sqe, len)
    FIELD(io_uring_sqe, struct io_uring_sqe, rw_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, fsync_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, poll_events)
    FIELD(io_uring_sqe, struct io_uring_sqe, poll32_events)
    FIELD(io_uring_sqe, struct io_uring_sqe, sync_range_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, msg_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, timeout_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, accept_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, cancel_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, open_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, statx_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, fadvise_advice)
    FIELD(io_uring_sqe, struct io_uring_sqe, splice_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, rename_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, unlink_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, hardlink_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, xattr_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, msg_ring_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, uring_cmd_flags)
    FIELD(io_uring_sqe, struct io_uring_sqe, user_data)
    FIELD(io_uring_sqe, struct io_uring_sqe, buf_index)
    FIELD(io_uring_sqe, struct io_uring_sqe, buf_group)
    FIELD(io_uring_sqe, struct io_uring_sqe, personality)
    FIELD(io_uring_sqe, struct io_uring_sqe, splice_fd_in)
    FIELD(io_uring_sqe, struct io_uring_sqe, file_index)
    FIELD(io_uring_sqe, struct io_uring_sqe, addr_len)
    FIELD(io_uring_sqe, struct io_uring_sqe, __pad3)
    FIELD(io_uring_sqe, struct io_uring_sqe, addr3)
    FIELD(io_uring_sqe, struct io_uring_sqe, __pad2)
    FLEX(io_uring_sqe, struct io_uring_sqe, cmd)
    TYPE(io_uring_cqe, struct io_uring_cqe)
    FIELD(io_uring_cqe, struct io_uring_cqe, user_data)
    FIELD(io_uring_cqe, struct io_uring_cqe, res)
    FIELD(io_uring_cqe, struct io_uring_cqe, flags)
    FLEX(io_uring_cqe, struct io_uring_cqe, big_cqe)
    TYPE(io_uring_buf, struct io_uring_buf)
    FIELD(io_uring_buf, struct io_uring_buf, addr)
    FIELD(io_uring_buf, struct io_uring_buf, len)
    FIELD(io_uring_buf, struct io_uring_buf, bid)
    FIELD(io_uring_buf, struct io_uring_buf, resv)
    TYPE(io_uring_buf_ring, struct io_uring_buf_ring)
    FIELD(io_uring_buf_ring, struct io_uring_buf_ring, resv1)
    FIELD(io_uring_buf_ring, struct io_uring_buf_ring, resv2)
    FIELD(io_uring_buf_ring, struct io_uring_buf_ring, resv3)
    FIELD(io_uring_buf_ring, struct io_uring_buf_ring, tail)
    FLEX(io_uring_buf_ring, struct io_uring_buf_ring, bufs)
    TYPE(io_uring_buf_reg, struct io_uring_buf_reg)
    FIELD(io_uring_buf_reg, struct io_uring_buf_reg, ring_addr)
    FIELD(io_uring_buf_reg, struct io_uring_buf_reg, ring_entries)
    FIELD(io_uring_buf_reg, struct io_uring_buf_reg, bgid)
    FIELD(io_uring_buf_reg, struct io_uring_buf_reg, pad)
    FIELD(io_uring_buf_reg, struct io_uring_buf_reg, resv)
    TYPE(io_uring_getevents_arg, struct io_uring_getevents_arg)
    FIELD(io_uring_getevents_arg, struct io_uring_getevents_arg, sigmask)
    FIELD(io_uring_getevents_arg, struct io_uring_getevents_arg, sigmask_sz)
    FIELD(io_uring_getevents_arg, struct io_uring_getevents_arg, pad)
    FIELD(io_uring_getevents_arg, struct io_uring_getevents_arg, ts)
    TYPE(io_uring_rsrc_update, struct io_uring_rsrc_update)
    FIELD(io_uring_rsrc_update, struct io_uring_rsrc_update, offset)
    FIELD(io_uring_rsrc_update, struct io_uring_rsrc_update, resv)
    FIELD(io_uring_rsrc_update, struct io_uring_rsrc_update, data)
    TYPE(__kernel_timespec, struct __kernel_timespec)
    FIELD(__kernel_timespec, struct __kernel_timespec, tv_sec)
    FIELD(__kernel_timespec, struct __kernel_timespec, tv_nsec)

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
