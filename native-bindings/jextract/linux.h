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
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <string.h>
#include <errno.h>

#ifndef __USE_GNU
extern int accept4(int __fd, struct sockaddr *__restrict __addr,
                   socklen_t *__restrict __addr_len, int __flags);
extern int pipe2(int __pipedes[2], int __flags);
extern int sched_setaffinity(__pid_t __pid, size_t __cpusetsize, const cpu_set_t *__cpuset);
#endif

#endif
