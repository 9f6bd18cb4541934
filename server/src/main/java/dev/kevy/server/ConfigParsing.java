package dev.kevy.server;

import dev.kevy.server.LiveSettings.Rejected;
import dev.kevy.server.persist.SaveRules;
import dev.kevy.server.store.EvictionPolicy;

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
}
