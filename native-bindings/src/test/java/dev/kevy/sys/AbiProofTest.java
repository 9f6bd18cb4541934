package dev.kevy.sys;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the generated bindings against the C compiler's view of the system headers: a C probe
 * (src/test/resources/abi) compiled against the same shim jextract reads prints every constant,
 * struct size/alignment, field offset/size, value-layout size and function signature; each must
 * equal what the Java classes say, item for item, in both directions.
 *
 * <p>x86_64 and aarch64 are proved on any Linux host that has the tools: the native one with
 * {@code gcc}, the foreign one with {@code <arch>-linux-gnu-gcc -static} run under
 * {@code qemu-<arch>} (scripts/install-deps.sh installs them). Without a tool the test is skipped
 * with the reason; it never passes without comparing.
 */
class AbiProofTest {

    @TempDir
    Path work;

    @Test
    void linuxX86_64BindingsMatchTheSystemHeaders() throws Exception {
        proveLinux(Platform.Arch.X86_64, "x86_64");
    }

    @Test
    void linuxAarch64BindingsMatchTheSystemHeaders() throws Exception {
        proveLinux(Platform.Arch.AARCH64, "aarch64");
    }

    @Test
    void macosBindingsMatchTheSystemHeaders() throws Exception {
        assumeTrue(Platform.isMacos(), "the macOS bindings are proved on a macOS host only; this is " + Platform.describe());
        assumeTrue(onPath("cc"), "no C compiler (cc) on PATH: install the Xcode command line tools");
        Path probe = compile("cc", "abi-probe-macos.c", "macos.h", false);
        prove("macos/" + Platform.arch().name().toLowerCase(), run(List.of(probe.toString())),
                AbiItems.of("dev.kevy.sys.macos"));
    }

    private void proveLinux(Platform.Arch arch, String name) throws Exception {
        assumeTrue(Platform.isLinux(), "the Linux bindings are proved on a Linux host; this is " + Platform.describe());
        boolean nativeArch = Platform.arch() == arch;
        String compiler = nativeArch ? "gcc" : name + "-linux-gnu-gcc";
        assumeTrue(onPath(compiler), "no " + compiler + " on PATH: install "
                + (nativeArch ? "gcc" : "gcc-" + name.replace('_', '-') + "-linux-gnu and libc6-dev-"
                + (name.equals("aarch64") ? "arm64" : "amd64") + "-cross") + " (scripts/install-deps.sh)");
        String qemu = "qemu-" + name;
        assumeTrue(nativeArch || onPath(qemu), "no " + qemu + " on PATH to run the " + name
                + " probe: install qemu-user (scripts/install-deps.sh)");

        Path probe = compile(compiler, "abi-probe-linux.c", "linux.h", !nativeArch);
        List<String> command = nativeArch ? List.of(probe.toString()) : List.of(qemu, probe.toString());
        Map<String, AbiItems.Item> java = new TreeMap<>(AbiItems.of("dev.kevy.sys.linux"));
        AbiItems.of("dev.kevy.sys.linux." + name).forEach((k, v) -> {
            AbiItems.Item common = java.putIfAbsent(k, v);
            if (common != null && !common.equals(v)) {
                throw new AssertionError(k + " differs between the common and the " + name + " package");
            }
        });
        prove("linux/" + name, run(command), java);
    }

    private static void prove(String target, Map<String, String> c, Map<String, AbiItems.Item> java) {
        List<String> failures = new ArrayList<>();
        int proved = 0;
        for (var e : java.entrySet()) {
            String probeValue = c.get(e.getKey());
            if (probeValue == null) {
                failures.add(e.getKey() + ": in the bindings but not printed by the probe");
            } else if (!e.getValue().matches(probeValue)) {
                failures.add(e.getKey() + ": bindings say " + e.getValue().value() + ", the C compiler says " + probeValue);
            } else {
                proved++;
            }
        }
        for (String name : c.keySet()) {
            if (!java.containsKey(name)) {
                failures.add(name + ": printed by the probe but missing from the bindings");
            }
        }
        assertTrue(java.containsKey("sizeof(C_POINTER)") && "8".equals(c.get("sizeof(C_POINTER)")),
                "the hand-written layer passes pointers as 64-bit longs, so sizeof(void *) must be proved to be 8");
        assertTrue(failures.isEmpty(), "ABI mismatches for " + target + ":\n  " + String.join("\n  ", failures));
        System.out.println("ABI proof " + target + ": " + proved + " items proved");
    }

    private Path compile(String compiler, String probeResource, String shim, boolean statik) throws Exception {
        Path source = work.resolve(probeResource);
        try (InputStream in = AbiProofTest.class.getResourceAsStream("/abi/" + probeResource)) {
            assertTrue(in != null, "probe resource /abi/" + probeResource + " is missing");
            Files.copy(in, source);
        }
        Path shimDir = Path.of(System.getProperty("basedir", ".")).resolve("jextract").toAbsolutePath();
        assertTrue(Files.isRegularFile(shimDir.resolve(shim)), "header shim " + shimDir.resolve(shim) + " is missing");
        Path binary = work.resolve("probe");
        List<String> command = new ArrayList<>(List.of(compiler, "-std=gnu11", "-O0", "-I", shimDir.toString()));
        if (statik) {
            command.add("-static");
        }
        command.addAll(List.of("-o", binary.toString(), source.toString()));
        String output = exec(command);
        assertTrue(Files.isExecutable(binary), "the probe did not compile:\n" + output);
        return binary;
    }

    private Map<String, String> run(List<String> command) throws Exception {
        Map<String, String> values = new TreeMap<>();
        for (String line : exec(command).split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                values.put(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return values;
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertTrue(p.exitValue() == 0, "failed (" + p.exitValue() + "): " + command + "\n" + output);
        return output;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
