#!/usr/bin/env python3
"""One start-up measurement, for scripts/startup-footprint.sh.

  startup-probe.py PORT IDLE_SECONDS[,IDLE_SECONDS...] COMMAND...

Waits until the machine is idle (both CPUs at least 90% idle over half a second, for up to a
minute), starts COMMAND, polls 127.0.0.1:PORT (a connect attempt every millisecond, then PING on
the first connection that opens) and takes the time from just before the exec to the first +PONG.
It also counts the CPU time that other processes used meanwhile (all busy time in /proc/stat minus
the server's and this probe's own), so that the caller can repeat a run a neighbour disturbed.
Then it reads VmRSS and RssFile from /proc/PID/status once each given number of seconds after the
first reply has passed, stops the server with SIGTERM and prints one line:

  first-reply-ms other-cpu-ms rss-kib file-kib [rss-kib file-kib ...]
"""
import os
import socket
import subprocess
import sys
import time

TIMEOUT_S = 30
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def busy_ticks():
    """CPU time spent in anything but idle and I/O wait, all CPUs, since boot."""
    with open("/proc/stat") as f:
        ticks = [int(t) for t in f.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4]


def wait_until_idle():
    budget = 0.1 * 0.5 * os.sysconf("SC_CLK_TCK") * os.cpu_count()
    for _ in range(120):
        before = busy_ticks()
        time.sleep(0.5)
        if busy_ticks() - before <= budget:
            return


def process_ticks(pid):
    """CPU time of the process (exited threads included) and of the children it waited for."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(t) for t in fields[11:15])


def own_ticks():
    t = os.times()
    return (t.user + t.system) * os.sysconf("SC_CLK_TCK")


def port_in_use(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def first_pong(server, port, deadline):
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"startup-probe: the server exited with status {server.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S) as s:
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                s.sendall(b"*1\r\n$4\r\nPING\r\n")
                if s.recv(64).startswith(b"+PONG"):
                    return time.monotonic()
        except OSError:
            pass
        time.sleep(0.001)
    raise SystemExit(f"startup-probe: no PONG on port {port} in {TIMEOUT_S} s")


def rss_kib(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssFile"):
                fields[key] = value.split()[0]
    return [fields["VmRSS"], fields["RssFile"]]


def main():
    port, idles, command = int(sys.argv[1]), [float(s) for s in sys.argv[2].split(",")], sys.argv[3:]
    if port_in_use(port):
        raise SystemExit(f"startup-probe: something already listens on port {port}")
    wait_until_idle()
    busy, own = busy_ticks(), own_ticks()
    start = time.monotonic()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # warnings reach stderr
    try:
        ready = first_pong(server, port, start + TIMEOUT_S)
        other = (busy_ticks() - busy) - process_ticks(server.pid) - (own_ticks() - own)
        out = [f"{(ready - start) * 1000:.0f}", f"{max(0, other) * TICK_MS:.0f}"]
        for idle in idles:
            time.sleep(max(0.0, ready + idle - time.monotonic()))
            out += rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait()
    print(" ".join(out))


if __name__ == "__main__":
    main()
