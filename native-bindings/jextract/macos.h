/*
 * Header shim for jextract (macOS; arm64 and x86_64 share every layout used here).
 *
 * Everything in dev.kevy.sys.macos comes from here. Differences from Linux that the hand-written
 * layer (dev.kevy.sys) has to handle:
 *  - no accept4 and no SOCK_NONBLOCK/SOCK_CLOEXEC: accept, then fcntl(O_NONBLOCK) and
 *    fcntl(FD_CLOEXEC);
 *  - no pipe2: pipe, then the same two fcntl calls;
 *  - sockaddr_in/sockaddr_in6 start with a length byte (sin_len) and a one-byte family;
 *  - struct kevent is declared under #pragma pack(4): 32 bytes, 4-byte aligned;
 *  - fdatasync is not declared by the SDK; durability comes from fsync (or F_FULLFSYNC).
 */
#ifndef KEVY_JEXTRACT_MACOS_H
#define KEVY_JEXTRACT_MACOS_H

#include <sys/types.h>
#include <sys/event.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/uio.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdio.h>          /* rename */
#include <sys/stat.h>       /* mkdir */
#include <sys/resource.h>
#include <string.h>
#include <errno.h>

#endif
