#!/usr/bin/env bash
# Says whether this process may use io_uring: prints nothing and exits 0 when io_uring_setup works,
# otherwise prints the reason in one line and exits 1. `make test` uses it to decide whether the test
# suites also run on the io_uring engine. The same probe as dev.kevy.sys.IoUring.isSupported (set up
# a one-entry ring and close it), made from Python so that it needs nothing built.
set -uo pipefail
python3 - <<'PY'
import ctypes, errno, os, platform, sys
if platform.system() != "Linux":
    print("io_uring exists on Linux only; this is " + platform.system()); sys.exit(1)
libc = ctypes.CDLL(None, use_errno=True)
params = ctypes.create_string_buffer(120)          # struct io_uring_params, zeroed
fd = libc.syscall(425, 1, params)                   # __NR_io_uring_setup (x86_64 and aarch64)
if fd >= 0:
    os.close(fd); sys.exit(0)
e = ctypes.get_errno()
try:
    disabled = open("/proc/sys/kernel/io_uring_disabled").read().strip()
except OSError:
    disabled = "unknown"
why = {errno.ENOSYS: "the kernel is built without io_uring",
       errno.EPERM: "refused by a seccomp filter" if disabled == "0" else "disabled by sysctl kernel.io_uring_disabled=" + disabled,
       errno.ENOMEM: "the rings could not be locked in memory (RLIMIT_MEMLOCK)"}.get(e, os.strerror(e))
print("io_uring_setup: %s, %s" % (errno.errorcode.get(e, str(e)), why)); sys.exit(1)
PY
