package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessAndFsTest {

    @TempDir
    Path dir;

    @Test
    void getpidIsThisProcess() {
        assertEquals(ProcessHandle.current().pid(), Posix.getpid());
    }

    @Test
    void timerSlackSetOnOneThreadReadsBackThereAndLeavesOthersAlone() throws Exception {
        assumeTrue(Platform.isLinux(), "timer slack is a Linux prctl");
        int mine = Prctl.timerSlackNanos();
        assertTrue(mine > 1, "the test thread has the default slack, got " + mine);
        AtomicReference<int[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> seen.set(new int[] {Prctl.setTimerSlackNanos(1), Prctl.timerSlackNanos()}));
        t.start();
        t.join();
        assertEquals(0, seen.get()[0]);
        assertEquals(1, seen.get()[1]);
        assertEquals(mine, Prctl.timerSlackNanos());
    }

    @Test
    void pinningAThreadRestrictsItToThatCpu() throws Exception {
        assumeTrue(Platform.isLinux(), "thread affinity is a Linux facility here");
        String allowed = status("/proc/self/status", "Cpus_allowed_list:");
        int cpu = Integer.parseInt(allowed.split("[,-]")[0]);
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> seen.set(new Object[] {
                Affinity.pinCurrentThread(cpu), status("/proc/thread-self/status", "Cpus_allowed_list:")}));
        t.start();
        t.join();
        assertEquals(0, seen.get()[0]);
        assertEquals(String.valueOf(cpu), seen.get()[1]);
        assertEquals(-Errno.EINVAL, Affinity.pinCurrentThread(-1));
        assertEquals(-Errno.EINVAL, Affinity.pinCurrentThread(Affinity.MAX_CPUS));
    }

    @Test
    void openFileLimitRisesTowardsTheHardLimitAndNeverFalls() {
        long soft = Limits.openFilesSoft();
        long hard = Limits.openFilesHard();
        assertTrue(soft > 0 && hard >= soft, "soft " + soft + ", hard " + hard);
        assertEquals(soft, Limits.raiseOpenFiles(soft - 1), "never lowers");
        long wanted = Math.min(hard, soft + 1);
        assertEquals(wanted, Limits.raiseOpenFiles(soft + 1));
        assertEquals(wanted, Limits.openFilesSoft());
    }

    @Test
    void fileWriteSyncRenameReadUnlink() throws IOException {
        String tmp = dir.resolve("aof.tmp").toString();
        String done = dir.resolve("aof").toString();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            buffer.setString(0, "SET k v\n", StandardCharsets.US_ASCII);

            int fd = SysException.check("open", Fs.open(tmp, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC, 0644));
            assertEquals(Posix.FD_CLOEXEC, Posix.fcntl(fd, Posix.F_GETFD, 0) & Posix.FD_CLOEXEC);
            assertEquals(8, Fs.write(fd, buffer, 0, 8));
            assertEquals(0, Fs.fdatasync(fd));
            assertEquals(0, Fs.ftruncate(fd, 4));
            assertEquals(0, Fs.fsync(fd));
            assertEquals(0, Posix.close(fd));
            assertEquals(0, Fs.rename(tmp, done));

            int dirFd = SysException.check("open dir", Fs.open(dir.toString(), Fs.O_RDONLY | Fs.O_DIRECTORY, 0));
            assertEquals(0, Fs.fsync(dirFd), "a directory is fsynced after a rename for durability");
            assertEquals(0, Posix.close(dirFd));

            fd = SysException.check("open", Fs.open(done, Fs.O_RDONLY, 0));
            assertEquals(4, Fs.read(fd, buffer, 16, 48));
            assertEquals("SET ", buffer.getString(16, StandardCharsets.US_ASCII).substring(0, 4));
            assertEquals(0, Fs.read(fd, buffer, 16, 48), "end of file");
            assertEquals(0, Posix.close(fd));
        }
        assertEquals("SET ", Files.readString(Path.of(done)));
        assertEquals(-Errno.ENOENT, Fs.open(tmp, Fs.O_RDONLY, 0));
        assertEquals(0, Fs.unlink(done));
        assertEquals(-Errno.ENOENT, Fs.unlink(done));

        String sub = dir + "/sub";
        assertEquals(0, Fs.mkdir(sub, 0700));
        assertTrue(Files.isDirectory(Path.of(sub)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(sub))), "the mode reached the kernel");
        assertEquals(-Errno.EEXIST, Fs.mkdir(sub, 0700));
        assertEquals(-Errno.ENOENT, Fs.mkdir(dir + "/missing/sub", 0700));
        Files.delete(Path.of(sub));
    }

    private static String status(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(key.length()).trim();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(key + " not in " + file);
    }
}
