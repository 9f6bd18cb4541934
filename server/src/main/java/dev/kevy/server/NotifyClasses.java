package dev.kevy.server;

/**
 * The text of {@code notify-keyspace-events} both ways, as Redis 7.0 reads and writes it: each
 * character turns on a class ({@code A} is every class but {@code m} and {@code n}), and the
 * text read back is canonical ({@code "KEA"} reads back {@code "AKE"}).
 */
final class NotifyClasses {

    /** What Redis's error names as the characters it accepts. */
    static final String ACCEPTED = "Ag$lshzxeKEtmdn";

    private NotifyClasses() {
    }

    /** The classes of {@code text} as {@link KeyEvents}'s bits, or -1 if a character names none. */
    static int bits(String text) {
        int flags = 0;
        for (int i = 0; i < text.length(); i++) {
            flags |= switch (text.charAt(i)) {
                case 'A' -> KeyEvents.ALL;
                case 'g' -> KeyEvents.GENERIC;
                case '$' -> KeyEvents.STRING;
                case 'l' -> KeyEvents.LIST;
                case 's' -> KeyEvents.SET;
                case 'h' -> KeyEvents.HASH;
                case 'z' -> KeyEvents.ZSET;
                case 'x' -> KeyEvents.EXPIRED;
                case 'e' -> KeyEvents.EVICTED;
                case 'K' -> KeyEvents.KEYSPACE;
                case 'E' -> KeyEvents.KEYEVENT;
                case 't' -> KeyEvents.STREAM;
                case 'm' -> KeyEvents.KEY_MISS;
                case 'd' -> KeyEvents.MODULE;
                case 'n' -> KeyEvents.NEW;
                default -> Integer.MIN_VALUE;
            };
        }
        return flags < 0 ? -1 : flags;
    }

    /** CONFIG SET's reading: the bits, or Redis's refusal. */
    static int parse(String name, String value) throws LiveSettings.Rejected {
        int flags = bits(value);
        if (flags < 0) {
            throw new LiveSettings.Rejected("CONFIG SET failed (possibly related to argument '" + name
                    + "') - Invalid event class character. Use '" + ACCEPTED + "'.");
        }
        return flags;
    }

    /** The canonical text of {@code flags}, as CONFIG GET shows it (Redis's keyspaceEventsFlagsToString). */
    static String toText(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & KeyEvents.ALL) == KeyEvents.ALL) {
            b.append('A');
        } else {
            append(b, flags, KeyEvents.GENERIC, 'g');
            append(b, flags, KeyEvents.STRING, '$');
            append(b, flags, KeyEvents.LIST, 'l');
            append(b, flags, KeyEvents.SET, 's');
            append(b, flags, KeyEvents.HASH, 'h');
            append(b, flags, KeyEvents.ZSET, 'z');
            append(b, flags, KeyEvents.EXPIRED, 'x');
            append(b, flags, KeyEvents.EVICTED, 'e');
            append(b, flags, KeyEvents.STREAM, 't');
            append(b, flags, KeyEvents.MODULE, 'd');
            append(b, flags, KeyEvents.NEW, 'n');
        }
        append(b, flags, KeyEvents.KEYSPACE, 'K');
        append(b, flags, KeyEvents.KEYEVENT, 'E');
        append(b, flags, KeyEvents.KEY_MISS, 'm');
        return b.toString();
    }

    private static void append(StringBuilder b, int flags, int bit, char c) {
        if ((flags & bit) != 0) {
            b.append(c);
        }
    }
}
