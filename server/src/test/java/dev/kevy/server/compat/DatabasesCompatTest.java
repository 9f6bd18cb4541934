package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 16 numbered databases against a live Redis: SELECT, every kind of key command in a selected
 * database (kept on its owner shard, forwarded, fanned out, atomic across shards), DBSIZE,
 * FLUSHDB and FLUSHALL, SWAPDB, MOVE, INFO keyspace and CLIENT INFO's {@code db=}, with
 * Redis's exact errors. Keys are chosen on each of the three shards, so the client's database
 * has to travel with its commands.
 */
class DatabasesCompatTest extends DifferentialBase {

    private final String a = onShard(0, "dba");
    private final String b = onShard(1, "dbb");
    private final String c = onShard(2, "dbc");

    @Test
    void selectAcceptsEveryDatabaseAndRefusesOthersWithRedisErrors() {
        try (Differ d = differ()) {
            for (String bad : new String[] {"16", "-1", "abc", "1.5", "", " 1", "3000000000", "-3000000000",
                "99999999999999999999", "2147483648", "-2147483649"}) {
                d.same("SELECT", bad);
            }
            d.same("SELECT");
            d.same("SELECT", "1", "2");
            for (int db = 0; db < 16; db++) {
                d.same("SELECT", Integer.toString(db));
                d.same("SET", a, "in" + db);
            }
            d.same("SELECT", "+7");
            d.same("GET", a);
            d.same("SELECT", "007");
            d.same("GET", a);
            d.same("CONFIG", "GET", "databases");
            d.assertSame();
        }
    }

    @Test
    void everyKeyCommandActsOnTheSelectedDatabase() {
        try (Differ d = differ()) {
            d.same("MSET", a, "0a", b, "0b", c, "0c");
            d.same("SELECT", "3");
            d.same("GET", a);
            d.same("DBSIZE");
            d.same("MGET", a, b, c);
            d.same("MSET", a, "3a", b, "3b", c, "3c");
            d.same("MGET", a, b, c, "nokey");
            d.same("EXISTS", a, b, c, a);
            d.same("INCR", "counter");
            d.same("APPEND", b, "+");
            d.same("EXPIREAT", c, Long.toString(FAR_SECONDS));
            d.same("PEXPIRETIME", c);
            d.same("TYPE", a);
            d.same("DBSIZE");
            d.sorted("KEYS", "*");
            d.same("RENAME", a, b + ":renamed"); // across shards: the atomic path carries the database
            d.same("RENAMENX", b, c);
            d.same("MSETNX", a, "x", c + ":new", "y");
            d.same("MSETNX", a, "x", b + ":new", "y");
            d.same("DEL", a, b, c, "counter");
            d.sorted("KEYS", "*");
            d.same("DBSIZE");
            d.same("SELECT", "0");
            d.same("MGET", a, b, c);
            d.same("DBSIZE");
            d.sorted("KEYS", "*");
            d.same("SELECT", "3");
            d.same("FLUSHDB");
            d.same("DBSIZE");
            d.same("RANDOMKEY");
            d.same("SELECT", "0");
            d.same("DBSIZE");
            d.same("SELECT", "5");
            d.same("SET", b, "only");
            d.same("RANDOMKEY");
            d.same("FLUSHALL");
            d.same("DBSIZE");
            d.same("SELECT", "0");
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void swapdbTradesWholeDatabasesOnEveryShard() {
        try (Differ d = differ()) {
            String[][] bad = {{"a", "1"}, {"1", "a"}, {"0", "16"}, {"16", "0"}, {"-1", "0"}, {"0", "-1"},
                {"3000000000", "1"}, {"1", "3000000000"}, {"x", "y"}, {"", "1"}, {"1.0", "2"}};
            for (String[] pair : bad) {
                d.same("SWAPDB", pair[0], pair[1]);
            }
            d.same("SWAPDB", "1");
            d.same("MSET", a, "0a", b, "0b");
            d.same("SELECT", "1");
            d.same("MSET", b, "1b", c, "1c", "extra", "e");
            d.same("SWAPDB", "0", "1");
            d.same("MGET", a, b, c, "extra");
            d.same("DBSIZE");
            d.same("SELECT", "0");
            d.same("MGET", a, b, c, "extra");
            d.same("DBSIZE");
            d.same("SWAPDB", "0", "0");
            d.same("SWAPDB", "0", "15");
            d.same("DBSIZE");
            d.same("SELECT", "15");
            d.same("DBSIZE");
            d.same("SWAPDB", "15", "0");
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    @Test
    void moveTakesAKeyWithItsExpiryToAnotherDatabase() {
        try (Differ d = differ()) {
            d.same("SET", a, "v");
            d.same("MOVE", a, "0");
            d.same("MOVE", "nokey", "0");
            for (String bad : new String[] {"16", "-1", "abc", "", "3000000000", "1.5"}) {
                d.same("MOVE", a, bad);
                d.same("MOVE", "nokey", bad);
            }
            d.same("MOVE", a, "1");
            d.same("MOVE", a, "1");
            d.same("EXISTS", a);
            d.same("SET", b, "here");
            d.same("PEXPIREAT", b, Long.toString(FAR_MILLIS));
            d.same("MOVE", b, "2");
            d.same("SELECT", "2");
            d.same("PEXPIRETIME", b);
            d.same("GET", b);
            d.same("SET", c, "in2");
            d.same("SELECT", "1");
            d.same("GET", a);
            d.same("SET", c, "in1");
            d.same("MOVE", c, "2"); // the target has it: nothing moves
            d.same("GET", c);
            d.same("MOVE", a, "1");
            d.same("MOVE", "k{tag}", "abc");
            d.same("MOVE");
            d.same("MOVE", a);
            d.assertSame();
        }
    }

    @Test
    void infoKeyspaceListsEachNonEmptyDatabase() {
        try (Differ d = differ()) {
            d.same("INFO", "keyspace");
            d.same("MSET", a, "1", b, "2", c, "3");
            d.same("SELECT", "4");
            d.same("MSET", a, "1", b, "2");
            d.same("SELECT", "12");
            d.same("SET", c, "3");
            d.same("INFO", "keyspace");
            d.same("DEL", c);
            d.same("INFO", "keyspace");
            d.same("SELECT", "4");
            d.same("FLUSHDB");
            d.same("INFO", "keyspace");
            d.assertSame();
            // Expiring keys counted per database (not compared: Redis's avg_ttl is an estimate it
            // updates while expiring; kevy reports 0).
            d.kevy().call("PEXPIREAT", a, Long.toString(FAR_MILLIS));
            d.kevy().call("SELECT", "0");
            d.kevy().call("PEXPIREAT", a, Long.toString(FAR_MILLIS));
            d.kevy().call("PEXPIREAT", b, Long.toString(FAR_MILLIS));
            assertEquals("# Keyspace\r\ndb0:keys=3,expires=2,avg_ttl=0\r\n",
                    Differ.bulkText(d.kevy().call("INFO", "keyspace")));
        }
    }

    @Test
    void clientInfoAndClientListShowTheSelectedDatabase() {
        try (Differ d = differ()) {
            assertEquals(List.of("db=0", "db=0"), dbFields(d, false));
            d.same("SELECT", "11");
            assertEquals(List.of("db=11", "db=11"), dbFields(d, false));
            assertEquals(List.of("db=11", "db=11"), dbFields(d, true));
            d.same("RESET");
            assertEquals(List.of("db=0", "db=0"), dbFields(d, true));
            d.same("DBSIZE");
            d.assertSame();
        }
    }

    /**
     * The {@code db=} field of each server's CLIENT INFO, or of its own line in CLIENT LIST ID:
     * Redis's first, kevy's second.
     */
    private static List<String> dbFields(Differ d, boolean list) {
        List<String> fields = new ArrayList<>();
        for (Wire w : new Wire[] {d.redis(), d.kevy()}) {
            String id = w.callText("CLIENT", "ID").substring(1).trim();
            String text = Differ.bulkText(list ? w.call("CLIENT", "LIST", "ID", id) : w.call("CLIENT", "INFO"));
            int at = text.indexOf(" db=");
            fields.add(text.substring(at + 1, text.indexOf(' ', at + 1)));
        }
        return fields;
    }
}
