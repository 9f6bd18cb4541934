#!/usr/bin/env python3
"""Memory probes against one RESP server on 127.0.0.1, for scripts/memory-compare.sh.

  memory-probe.py PORT set-large KEY BYTES     SET KEY to BYTES bytes, streamed; waits for +OK
  memory-probe.py PORT load N                  SET key:0..N-1 to 16-byte values, pipelined
  memory-probe.py PORT stall CLIENTS DECLARED SENT READY_FILE
        CLIENTS connections each declare a DECLARED-byte bulk and send SENT bytes of it, then
        stall; writes READY_FILE once every byte is sent and holds the sockets until stdin closes.
"""
import socket
import sys


def connect(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_reply(s):
    line = b""
    while not line.endswith(b"\r\n"):
        chunk = s.recv(1)
        if not chunk:
            raise SystemExit("connection closed")
        line += chunk
    return line


def header(key, length):
    return b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n" % (len(key), key, length)


def set_large(port, key, size):
    s = connect(port)
    s.sendall(header(key, size))
    piece = b"x" * (1 << 20)
    left = size
    while left:
        n = min(left, len(piece))
        s.sendall(piece[:n])
        left -= n
    s.sendall(b"\r\n")
    reply = read_reply(s)
    if reply != b"+OK\r\n":
        raise SystemExit("SET answered %r" % reply)
    s.close()


def load(port, n):
    s = connect(port)
    batch = 10000
    value = b"v" * 16
    for start in range(0, n, batch):
        out = bytearray()
        for i in range(start, min(n, start + batch)):
            out += header(b"key:%d" % i, 16) + value + b"\r\n"
        s.sendall(out)
        expected = min(n, start + batch) - start
        got = b""
        while got.count(b"\r\n") < expected:
            got += s.recv(1 << 16)
        if got != b"+OK\r\n" * expected:
            raise SystemExit("load: unexpected replies")
    s.close()


def stall(port, clients, declared, sent, ready_file):
    socks = []
    piece = b"y" * (1 << 20)
    for c in range(clients):
        s = connect(port)
        s.sendall(header(b"stalled:%d" % c, declared))
        left = sent
        while left:
            n = min(left, len(piece))
            s.sendall(piece[:n])
            left -= n
        socks.append(s)
    with open(ready_file, "w") as f:
        f.write("ready\n")
    sys.stdin.read()
    for s in socks:
        s.close()


def main():
    port, what = int(sys.argv[1]), sys.argv[2]
    if what == "set-large":
        set_large(port, sys.argv[3].encode(), int(sys.argv[4]))
    elif what == "load":
        load(port, int(sys.argv[3]))
    elif what == "stall":
        stall(port, int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
