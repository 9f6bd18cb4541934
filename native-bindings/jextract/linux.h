/*
 * Header shim for jextract (Linux, glibc; x86_64 and aarch64).
 *
 * Everything the Linux bindings in dev.kevy.sys.linux (and the per-arch packages
 * dev.kevy.sys.linux.x86_64 / dev.kevy.sys.linux.aarch64) describe comes from here. The ABI test
 * compiles its probe against this same file, so the probe sees exactly what jextract saw.
 *
 * Deliberately NOT compiled with _GNU_SOURCE: with it, glibc declares bind/connect/accept4/
 * getsockname through __CONST_SOCKADDR_ARG, a GCC transparent union, which jextract would bind as
 * a by-value union argument instead of a pointer. The three GNU-only functions we need are
 * declared below with glibc's own prototypes (the probe's block-scope redeclarations check them).
 */
#ifndef KEVY_JEXTRACT_LINUX_H
#define KEVY_JEXTRACT_LINUX_H

#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/uio.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdio.h>          /* rename */
#include <sys/stat.h>       /* mkdir */
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <string.h>
#include <errno.h>
#include <sys/syscall.h>    /* __NR_io_uring_*; syscall() itself is in unistd.h */
#include <linux/io_uring.h>
#include <linux/version.h>

/*
 * io_uring values newer than the oldest kernel headers we build against (Debian 12 ships 6.1).
 * Each is the kernel's own value (include/uapi/linux/io_uring.h, 6.12); when the installed
 * headers define it, theirs wins and the ABI probe proves it, otherwise the probe can only
 * repeat this definition.
 */
#ifndef IORING_CQE_F_BUF_MORE
#define IORING_CQE_F_BUF_MORE (1U << 4)   /* 6.12: incremental buffer partly consumed */
#define KEVY_SHIM_IORING_CQE_F_BUF_MORE 1
#endif
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0) /* an enumerator from 6.12 on, so no #ifndef */
#define IOU_PBUF_RING_INC 2                 /* 6.12: incremental buffer consumption */
#define KEVY_SHIM_IOU_PBUF_RING_INC 1
#endif

#ifndef __USE_GNU
extern int accept4(int __fd, struct sockaddr *__restrict __addr,
                   socklen_t *__restrict __addr_len, int __flags);
extern int pipe2(int __pipedes[2], int __flags);
extern int sched_setaffinity(__pid_t __pid, size_t __cpusetsize, const cpu_set_t *__cpuset);
#endif

#endif
