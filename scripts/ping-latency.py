#!/usr/bin/env python3
"""PING round trips to 127.0.0.1:PORT, one a millisecond for SECONDS: prints "p99.9/max" in ms.
Usage: ping-latency.py PORT SECONDS"""
import socket
import sys
import time

s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
end, rtts = time.monotonic() + float(sys.argv[2]), []
while time.monotonic() < end:
    t = time.perf_counter()
    s.sendall(b"PING\r\n")
    if s.recv(64) != b"+PONG\r\n":
        raise SystemExit("unexpected reply")
    rtts.append((time.perf_counter() - t) * 1000)
    time.sleep(0.001)
rtts.sort()
print("%.2f/%.2f" % (rtts[int(len(rtts) * 0.999)], rtts[-1]))
