/**
 * The OS boundary of kevy: a small hand-written layer over generated FFM bindings.
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@code dev.kevy.sys.linux}, {@code dev.kevy.sys.linux.x86_64},
 *       {@code dev.kevy.sys.linux.aarch64}, {@code dev.kevy.sys.macos}: bindings in jextract's
 *       output layout (header classes with functions and constants, one class per struct),
 *       described by {@code native-bindings/jextract/} and regenerated with {@code make bindings}.
 *       They are never edited by hand; the ABI test compares every constant, struct size, field
 *       offset and function signature in them with the C compiler's view of the system headers,
 *       for x86_64 and aarch64.</li>
 *   <li>This package: what the runtime calls. {@link dev.kevy.sys.Posix}, {@link dev.kevy.sys.Iovec}, {@link dev.kevy.sys.Net},
 *       {@link dev.kevy.sys.Epoll}, {@link dev.kevy.sys.EventFd}, {@link dev.kevy.sys.Kqueue},
 *       {@link dev.kevy.sys.IoUring}, {@link dev.kevy.sys.Mman},
 *       {@link dev.kevy.sys.Fs}, {@link dev.kevy.sys.Affinity}, {@link dev.kevy.sys.Prctl},
 *       {@link dev.kevy.sys.Limits}, plus {@link dev.kevy.sys.Errno}, {@link dev.kevy.sys.NativeThread},
 *       {@link dev.kevy.sys.SysException} and {@link dev.kevy.sys.Platform}.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>Results.</b> A call returns {@code int} or {@code long}: {@code >= 0} is the result,
 *       negative is {@code -errno} (compare with {@link dev.kevy.sys.Errno} constants, whose values
 *       are per OS). No exception, no allocation for an expected failure such as EAGAIN. Setup code
 *       turns a failure into a {@link dev.kevy.sys.SysException} with
 *       {@link dev.kevy.sys.SysException#check(String, int)}.</li>
 *   <li><b>errno.</b> Captured by the linker ({@code Linker.Option.captureCallState("errno")}) into
 *       one native segment per thread: a {@link dev.kevy.sys.NativeThread} (a shard's thread)
 *       owns its segment from construction and finds it with a class check; any other thread gets
 *       one from a thread-local on its first call, reused forever.</li>
 *   <li><b>Buffers.</b> Passed as {@code (MemorySegment base, long offset, long length)}; the layer
 *       checks bounds, nativeness and liveness, then hands the kernel {@code base.address() + offset}
 *       as a 64-bit integer (LP64 only), so no slice is created per call.</li>
 *   <li><b>Critical downcalls</b> (no thread-state transition) only for calls that cannot block:
 *       I/O on nonblocking descriptors, accept on a nonblocking listener, epoll_ctl, epoll_wait and
 *       kevent with a zero timeout, io_uring_enter without a wait, getpid. Waits with a timeout, close, fsync and file I/O are normal
 *       downcalls.</li>
 * </ul>
 */
package dev.kevy.sys;
