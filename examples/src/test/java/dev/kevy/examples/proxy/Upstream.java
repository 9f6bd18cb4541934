package dev.kevy.examples.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** A real {@code redis-server} on a free port, without persistence, stopped by {@link #close()}. */
final class Upstream implements AutoCloseable {

    static final String BINARY = "/usr/bin/redis-server";

    private final Process process;
    final int port;

    private Upstream(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return new java.io.File(BINARY).canExecute();
    }

    static Upstream start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return startOn(port);
    }

    /** Starts redis-server on {@code port} (again, after a {@link #close()}) and waits until it answers. */
    static Upstream startOn(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--logfile", "")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Upstream u = new Upstream(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!u.answers()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                u.close();
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.sleep(20); // polling a process we do not control; it has no readiness signal
        }
        return u;
    }

    private boolean answers() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write("PING\r\n".getBytes());
            InputStream in = s.getInputStream();
            return in.read() == '+';
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
