#!/usr/bin/env python3
"""One RESP stream of N SETs for redis-cli --pipe: keys PREFIX:0 to PREFIX:N-1, values of SIZE
bytes of random hex (which neither server's compression shrinks much; Redis LZF-compresses
values over 20 bytes, kevy does not compress). With --same-value every key gets one value.
Usage: set-stream.py N SIZE PREFIX [--same-value] > load.resp"""
import os
import sys

n, size, prefix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode()
same = "--same-value" in sys.argv[4:]
out = sys.stdout.buffer
value = os.urandom((size + 1) // 2).hex()[:size].encode()
for i in range(n):
    key = b"%s:%d" % (prefix, i)
    if not same:
        value = os.urandom((size + 1) // 2).hex()[:size].encode()
    out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(key), key, len(value), value))
