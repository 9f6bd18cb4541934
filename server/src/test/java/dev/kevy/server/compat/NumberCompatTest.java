package dev.kevy.server.compat;

import org.junit.jupiter.api.Test;

/** INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT: the same results, formats and errors as Redis 7. */
class NumberCompatTest extends DifferentialBase {

    /** Stored values and arguments Redis's string2ll refuses or accepts at the edges. */
    private static final String[] INTEGER_FORMS = {"0", "-0", "1", "-1", " 1", "1 ", "01", "+1", "1e3", "1.0", "", "-",
        "0x10", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "123456789012345678901", "00", "1\u0000", "١"};

    @Test
    void integerCountersReplyAsRedis() {
        try (Differ d = differ()) {
            d.same("INCR", "c");
            d.same("INCR", "c");
            d.same("DECR", "c");
            d.same("DECR", "d");
            d.same("INCRBY", "c", "10");
            d.same("INCRBY", "c", "-25");
            d.same("DECRBY", "c", "7");
            d.same("DECRBY", "c", "-7");
            d.same("GET", "c");
            d.same("SET", "c", "10", "EX", "1000");
            d.same("INCR", "c");
            d.near(1, "TTL", "c");
            for (String v : INTEGER_FORMS) {
                d.same("SET", "f", v);
                d.same("INCR", "f");
                d.same("GET", "f");
                d.same("INCRBY", "g", v);
                d.same("DECRBY", "g", v);
            }
            d.same("GET", "g");
            d.same("SET", "max", "9223372036854775807");
            d.same("INCR", "max");
            d.same("INCRBY", "max", "0");
            d.same("DECR", "max");
            d.same("INCRBY", "max", "2");
            d.same("SET", "min", "-9223372036854775808");
            d.same("DECR", "min");
            d.same("INCRBY", "min", "-1");
            d.same("DECRBY", "min", "1");
            d.same("INCR", "min");
            d.same("DECRBY", "z", "-9223372036854775808");
            d.same("INCRBY", "z", "-9223372036854775808");
            d.same("DECRBY", "z", "9223372036854775807");
            d.same("SET", "s", "abc");
            d.same("INCR", "s");
            d.same("SET", "big", "1".repeat(100));
            d.same("INCR", "big");
            d.assertSame();
        }
    }

    @Test
    void incrbyfloatResultsFormatsAndErrorsAsRedis() {
        try (Differ d = differ()) {
            d.same("INCRBYFLOAT", "f", "10.5");
            d.same("INCRBYFLOAT", "f", "0.1");
            d.same("INCRBYFLOAT", "f", "-5");
            d.same("INCRBYFLOAT", "f", "1e3");
            d.same("INCRBYFLOAT", "f", "5.0e3");
            d.same("INCRBYFLOAT", "f", "-6005.6");
            d.same("GET", "f");
            d.same("INCRBYFLOAT", "p", "0.1");
            d.same("INCRBYFLOAT", "p", "0.2");
            d.same("INCRBYFLOAT", "q", "3.0");
            d.same("INCRBYFLOAT", "q", "1.5e-5");
            d.same("INCRBYFLOAT", "q", "-3.000015");
            d.same("INCRBYFLOAT", "r", "1.7976931348623157e308");
            d.same("INCRBYFLOAT", "r", "1.7976931348623157e308");
            d.same("INCRBYFLOAT", "t", "1e-300");
            d.same("INCRBYFLOAT", "u", "12345678901234567890");
            d.same("INCRBYFLOAT", "u", "0.5");
            d.same("INCRBYFLOAT", "v", "1e20");
            d.same("INCRBYFLOAT", "w", "0.1");
            d.same("INCRBYFLOAT", "w", "-0.1");
            d.same("INCRBYFLOAT", "x", "-1.5");
            d.same("INCRBYFLOAT", "x", "0.000000000000000001");
            d.same("INCRBYFLOAT", "y", "3.14159265358979323846264338327950288");
            d.same("INCRBYFLOAT", "y", "2.718281828459045");
            String[] increments = {"abc", "", " 1", "1 ", "1e", "e5", ".", ".5", "5.", "+1.5", "0x10", "0x1p3", "0x",
                "inf", "-inf", "+inf", "infinity", "INF", "nan", "NaN", "-nan", "1e400", "1e-400", "1e5000", "1e-5000",
                "1e-4950", "0", "-0", "1,5", "1_000", "1.5.5", "--1", "0.0000001"};
            for (String inc : increments) {
                d.same("SET", "g", "2.5");
                d.same("INCRBYFLOAT", "g", inc);
                d.same("GET", "g");
            }
            String[] stored = {"abc", "", " 1", "1 ", "1e3", "0x10", "inf", "-inf", "nan", "1e400", "1.5", "-0", "007",
                "+3", ".5"};
            for (String s : stored) {
                d.same("SET", "h", s);
                d.same("INCRBYFLOAT", "h", "1");
                d.same("GET", "h");
            }
            d.same("SET", "e", "1", "EX", "1000");
            d.same("INCRBYFLOAT", "e", "1.5");
            d.near(1, "TTL", "e");
            d.assertSame();
        }
    }
}
