package dev.kevy.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Request;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The command table's lookup against a plain model: a map from each name, its ASCII letters
 * lower-cased, to its spec. The lookup reads a name as two case-folded words, so the cases that
 * matter are bytes that fold onto a name's own ({@code 0x7F} onto {@code _}, {@code 0x0E} onto
 * {@code .}, control bytes onto digits), names of 8, 16 and more bytes, and a name at the very end
 * of its buffer (read byte by byte) or followed by other bytes (read as words, the rest masked).
 */
class CommandTableTest {

    private final CommandTable table = Cmd.table();
    private final Map<String, CommandSpec> model = new HashMap<>();

    CommandTableTest() {
        for (CommandSpec spec : table.all()) {
            model.put(asciiLower(spec.name()), spec);
        }
    }

    @Test
    void everyCommandIsFoundInAnyCaseWhereverItsNameLies() {
        for (CommandSpec spec : table.all()) {
            String name = spec.name();
            for (String variant : new String[] {name, name.toUpperCase(), alternateCase(name)}) {
                for (String after : new String[] {"", "\r\n$3\r\nkey", "\u00ff".repeat(16)}) {
                    assertSame(spec, table.lookup(request(variant, after)), variant + " followed by " + after.length() + " bytes");
                }
            }
        }
    }

    @Test
    void aByteThatFoldsOntoANameByteIsNotThatByte() {
        int checked = 0;
        for (CommandSpec spec : table.all()) {
            byte[] name = spec.nameBytes();
            for (int k = 0; k < name.length; k++) {
                int b = name[k] & 0xFF;
                if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
                    continue; // a letter's twin is its other case, which must match
                }
                byte[] twin = name.clone();
                twin[k] = (byte) (b ^ 0x20); // '_' and 0x7F, '.' and 0x0E, '1' and 0x11: equal once folded
                String s = new String(twin, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertNull(table.lookup(request(s, "")), spec.name() + " at " + k);
                assertNull(table.lookup(request(s, "\r\n")), spec.name() + " at " + k);
                checked++;
            }
        }
        assertTrue(checked >= 6, "names with other bytes than letters are in the table: " + checked);
    }

    @Test
    void randomNearMissesAnswerAsTheModelDoes() {
        Random random = new Random(20261207);
        int found = 0;
        for (int round = 0; round < 40; round++) {
            for (CommandSpec spec : table.all()) {
                String s = mutate(spec.name(), random);
                CommandSpec expected = model.get(asciiLower(s));
                if (expected != null) {
                    found++;
                }
                assertSame(expected, table.lookup(request(s, "")), s);
                assertSame(expected, table.lookup(request(s, "*1\r\n$4\r\nPING\r\n")), s);
            }
        }
        assertTrue(found > 0, "some mutations land on a real name (a case change, getex from get)");
    }

    @Test
    void emptyAndOverlongArgumentsAreNoCommand() {
        assertNull(table.lookup(request("", "GET")));
        assertNull(table.lookup(request("g".repeat(33), "")));
        assertNull(table.lookup(request("zremrangebyscorez", ""))); // 17 bytes, a real name's prefix
        assertEquals("zremrangebyscore", table.lookup(request("ZREMRANGEBYSCORE", "")).name()); // 16 bytes
        assertEquals("kevy.clientkill", table.lookup(request("KEVY.CLIENTKILL", "x")).name());
    }

    @Test
    void theTableRefusesDuplicateAndOverlongNames() {
        CommandSpec get = table.all()[0];
        assertThrows(IllegalArgumentException.class, () -> new CommandTable(get, get));
        CommandSpec longName = CommandSpec.of(1, "x".repeat(33), 1, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new CommandTable(longName));
    }

    /** One of: a byte replaced by any byte, a byte inserted or removed, a case flipped, the name cut. */
    private static String mutate(String name, Random random) {
        StringBuilder b = new StringBuilder(name);
        int at = random.nextInt(name.length());
        switch (random.nextInt(5)) {
            case 0 -> b.setCharAt(at, (char) random.nextInt(256));
            case 1 -> b.insert(random.nextInt(name.length() + 1), (char) ('a' + random.nextInt(26)));
            case 2 -> b.deleteCharAt(at);
            case 3 -> b.setCharAt(at, (char) (b.charAt(at) ^ 0x20));
            default -> b.setLength(Math.max(1, at));
        }
        return b.toString();
    }

    /** A request whose argument 0 is {@code name}, followed in its buffer by {@code after}'s bytes. */
    private static Request request(String name, String after) {
        String all = name + after;
        MemorySegment s = Arena.ofAuto().allocate(Math.max(1, all.length()));
        for (int i = 0; i < all.length(); i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) all.charAt(i));
        }
        Request r = new Request();
        r.clear();
        r.field(0, 0, name.length());
        r.complete(s, 1);
        return r;
    }

    private static String alternateCase(String name) {
        StringBuilder b = new StringBuilder(name);
        for (int i = 0; i < b.length(); i += 2) {
            b.setCharAt(i, Character.toUpperCase(b.charAt(i)));
        }
        return b.toString();
    }

    /** Lower-cases A-Z only, as the protocol does (no other byte has a case). */
    private static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b.toString();
    }
}
