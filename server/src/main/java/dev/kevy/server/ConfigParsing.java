package dev.kevy.server;

import dev.kevy.server.LiveSettings.Rejected;
import dev.kevy.server.persist.SaveRules;
import dev.kevy.server.store.EvictionPolicy;
import java.util.Locale;

/** CONFIG SET's values as Redis 7 reads them, refused with its words. */
final class ConfigParsing {

    private ConfigParsing() {
    }

    /** The {@code save} rules, refused with Redis's words. */
    static SaveRules saveRules(String name, String value) throws Rejected {
        try {
            return SaveRules.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Rejected("CONFIG SET failed (possibly related to argument '" + name + "') - " + e.getMessage());
        }
    }

    /** Redis's integer config values: string2ll's form, then the range; messages as Redis 7 words them. */
    static long number(String name, String value, long min, long max) throws Rejected {
        long v;
        try {
            if (!value.matches("-?(0|[1-9][0-9]*)")) {
                throw new NumberFormatException(value);
            }
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                    + "') - argument couldn't be parsed into an integer");
        }
        if (v < min || v > max) {
            throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                    + "') - argument must be between " + min + " and " + max + " inclusive");
        }
        return v;
    }

    /** Redis's enum config values: one of the names, in any case; the message lists them as Redis 7 does. */
    static EvictionPolicy policy(String name, String value) throws Rejected {
        EvictionPolicy p = EvictionPolicy.parse(value);
        if (p == null) {
            throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                    + "') - argument(s) must be one of the following: " + EvictionPolicy.ACCEPTED);
        }
        return p;
    }

    /** Redis's boolean config values: yes or no, in any case. */
    static boolean yesNo(String name, String value) throws Rejected {
        if (value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("no")) {
            return value.equalsIgnoreCase("yes");
        }
        throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                + "') - argument must be 'yes' or 'no'");
    }

    static long memory(String name, String value) throws Rejected {
        try {
            return ServerOptions.bytes(value);
        } catch (IllegalArgumentException e) {
            throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                    + "') - argument must be a memory value");
        }
    }

    private static final String[] LIMIT_CLASSES = {"normal", "slave", "pubsub"};

    /**
     * {@code client-output-buffer-limit}: groups of {@code class hard soft seconds} (classes
     * normal, replica or slave, pubsub; sizes as memory values), each replacing its class's
     * limits in a copy of {@code current}, with Redis 7's messages.
     */
    static long[] outputLimits(String name, String value, long[] current) throws Rejected {
        String[] w = value.trim().isEmpty() ? new String[0] : value.trim().split("\\s+");
        String prefix = "CONFIG SET failed (possibly related to argument '" + name + "') - ";
        if (w.length % 4 != 0) {
            throw new Rejected(prefix + "Wrong number of arguments in buffer limit configuration.");
        }
        long[] l = current.clone();
        for (int i = 0; i < w.length; i += 4) {
            String cls = w[i].toLowerCase(Locale.ROOT).equals("replica") ? "slave" : w[i].toLowerCase(Locale.ROOT);
            int at = java.util.Arrays.asList(LIMIT_CLASSES).indexOf(cls);
            if (at < 0) {
                throw new Rejected(prefix + "Invalid client class specified in buffer limit configuration.");
            }
            try {
                long hard = ServerOptions.bytes(w[i + 1]);
                long soft = ServerOptions.bytes(w[i + 2]);
                long seconds = Long.parseLong(w[i + 3]);
                if (hard < 0 || soft < 0 || seconds < 0) {
                    throw new IllegalArgumentException(value);
                }
                l[3 * at] = hard;
                l[3 * at + 1] = soft;
                l[3 * at + 2] = seconds;
            } catch (IllegalArgumentException e) {
                throw new Rejected(prefix + "Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
        }
        return l;
    }
}
