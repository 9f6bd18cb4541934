package dev.kevy.server.persist;

import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The log's manifest, in Redis 7's syntax ({@code file <name> seq <n> type b|i}, one per line): the
 * base snapshot, if any, and the incremental logs to replay over it, oldest first. Immutable; a
 * new one replaces the file whole (a temporary file, fsync, rename, fsync of the directory), so a
 * crash leaves the old manifest or the new one.
 */
record Manifest(String name, String base, long baseSeq, List<String> incrs, List<Long> incrSeqs) {
    static final String SUFFIX = ".manifest";

    static String baseFile(String name, long seq) {
        return name + "." + seq + ".base.rdb";
    }

    static String incrFile(String name, long seq) {
        return name + "." + seq + ".incr.klog";
    }

    /** The newest sequence number in use. */
    long lastSeq() {
        long last = baseSeq;
        for (long s : incrSeqs) {
            last = Math.max(last, s);
        }
        return last;
    }

    /** This manifest with one more incremental log, {@code seq}, replayed after the others. */
    Manifest withIncr(long seq) {
        List<String> names = new ArrayList<>(incrs);
        List<Long> seqs = new ArrayList<>(incrSeqs);
        names.add(incrFile(name, seq));
        seqs.add(seq);
        return new Manifest(name, base, baseSeq, List.copyOf(names), List.copyOf(seqs));
    }

    /** After a rewrite: the snapshot {@code seq} as the base, and log {@code seq} alone over it. */
    Manifest rewritten(long seq) {
        return new Manifest(name, baseFile(name, seq), seq, List.of(incrFile(name, seq)), List.of(seq));
    }

    String text() {
        StringBuilder b = new StringBuilder();
        if (base != null) {
            b.append("file ").append(base).append(" seq ").append(baseSeq).append(" type b\n");
        }
        for (int i = 0; i < incrs.size(); i++) {
            b.append("file ").append(incrs.get(i)).append(" seq ").append(incrSeqs.get(i)).append(" type i\n");
        }
        return b.toString();
    }

    /** The manifest of log {@code name} in {@code dir}, or null when there is none. */
    static Manifest read(String dir, String name) {
        String path = dir + "/" + name + SUFFIX;
        int fd = Fs.open(path, Fs.O_RDONLY, 0);
        if (fd == -Errno.ENOENT) {
            return null;
        }
        if (fd < 0) {
            throw new IllegalStateException("cannot open " + path + ": " + Errno.message(fd));
        }
        String base = null;
        long baseSeq = 0;
        List<String> incrs = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        try (Arena text = Arena.ofConfined()) {
            String lines = new String(SnapshotImage.contents(fd, path, text).toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8);
            for (String line : lines.split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length < 6 || !f[0].equals("file") || !f[2].equals("seq") || !f[4].equals("type")) {
                    if (!line.isBlank()) {
                        throw new IllegalStateException(path + " has a line that is not 'file NAME seq N type b|i': " + line);
                    }
                    continue;
                }
                long seq = Long.parseLong(f[3]);
                if (f[5].equals("b")) {
                    base = f[1];
                    baseSeq = seq;
                } else if (f[5].equals("i")) {
                    incrs.add(f[1]);
                    seqs.add(seq);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalStateException(path + " has a sequence that is not a number: " + e.getMessage());
        } finally {
            Posix.close(fd);
        }
        if (incrs.isEmpty()) {
            throw new IllegalStateException(path + " names no incremental log file");
        }
        return new Manifest(name, base, baseSeq, List.copyOf(incrs), List.copyOf(seqs));
    }

    /** Replaces the manifest in {@code dir} durably. */
    void write(String dir) {
        try (Arena scratch = Arena.ofConfined()) {
            byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
            MemorySegment s = scratch.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
            writeFile(dir, name + SUFFIX, s.asSlice(0, bytes.length));
        }
        syncDirectory(dir);
    }

    /** Writes {@code dir/file} whole and durably: a temporary file, fsync, rename (the caller syncs the directory). */
    static void writeFile(String dir, String file, MemorySegment bytes) {
        String temp = dir + "/temp-" + file;
        int fd = Fs.open(temp, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC, 0644);
        if (fd < 0) {
            throw new IllegalStateException("cannot create " + temp + ": " + Errno.message(fd));
        }
        try {
            for (long done = 0; done < bytes.byteSize(); ) {
                long n = Fs.write(fd, bytes, done, bytes.byteSize() - done);
                if (n < 0) {
                    throw new IllegalStateException("cannot write " + temp + ": " + Errno.message((int) n));
                }
                done += n;
            }
            int r = Fs.fsync(fd);
            if (r < 0) {
                throw new IllegalStateException("cannot fsync " + temp + ": " + Errno.message(r));
            }
        } finally {
            Posix.close(fd);
        }
        int r = Fs.rename(temp, dir + "/" + file);
        if (r < 0) {
            throw new IllegalStateException("cannot rename " + temp + ": " + Errno.message(r));
        }
    }

    static void syncDirectory(String dir) {
        int fd = Fs.open(dir, Fs.O_RDONLY | Fs.O_DIRECTORY, 0);
        if (fd < 0) {
            throw new IllegalStateException("cannot open the directory " + dir + ": " + Errno.message(fd));
        }
        int r = Fs.fsync(fd);
        Posix.close(fd);
        if (r < 0) {
            throw new IllegalStateException("cannot fsync the directory " + dir + ": " + Errno.message(r));
        }
    }
}
