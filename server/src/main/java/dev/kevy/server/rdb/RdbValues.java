package dev.kevy.server.rdb;

/**
 * Reads one value of each RDB value type {@link RdbReader} accepts, element by element, into the
 * visitor. The type has been mapped already ({@link RdbReader#keyspaceType}), so an unknown one
 * never reaches here.
 */
final class RdbValues {
    private RdbValues() {
    }

    static void read(int type, RdbInput in, RdbVisitor v) {
        switch (type) {
            case RdbReader.RDB_STRING -> {
                in.string();
                v.element(in.segment, in.offset, in.length);
            }
            case RdbReader.RDB_LIST, RdbReader.RDB_SET -> {
                for (long n = in.length(), i = 0; i < n; i++) {
                    in.string();
                    v.element(in.segment, in.offset, in.length);
                }
            }
            case RdbReader.RDB_HASH -> {
                for (long n = in.length(), i = 0; i < n; i++) {
                    in.string();
                    v.element(in.segment, in.offset, in.length);
                    in.string();
                    v.element(in.segment, in.offset, in.length);
                }
            }
            case RdbReader.RDB_SET_INTSET -> {
                in.string();
                Listpacks.forEachInt(in.segment, in.offset, in.length, in, v);
            }
            case RdbReader.RDB_SET_LISTPACK -> listpack(in, v);
            case RdbReader.RDB_HASH_LISTPACK -> {
                if (listpack(in, v) % 2 != 0) {
                    throw new RdbFormatException("a hash listpack with an odd number of elements");
                }
            }
            case RdbReader.RDB_LIST_QUICKLIST_2 -> {
                for (long nodes = in.length(), i = 0; i < nodes; i++) {
                    long container = in.length();
                    if (container == 1) { // a plain node: one large element
                        in.string();
                        v.element(in.segment, in.offset, in.length);
                    } else if (container == 2) {
                        listpack(in, v);
                    } else {
                        throw new RdbFormatException("a quicklist node of unknown container type " + container);
                    }
                }
            }
            case RdbReader.RDB_ZSET_2 -> {
                for (long n = in.length(), i = 0; i < n; i++) {
                    in.string();
                    in.keep();
                    double score = in.doubleLe();
                    checkScore(score);
                    v.scored(in.kept, 0, in.keptLength, score);
                }
            }
            case RdbReader.RDB_ZSET -> {
                for (long n = in.length(), i = 0; i < n; i++) {
                    in.string();
                    in.keep();
                    v.scored(in.kept, 0, in.keptLength, textScore(in));
                }
            }
            case RdbReader.RDB_ZSET_LISTPACK -> zsetListpack(in, v);
            default -> throw new RdbFormatException("unknown RDB value type " + type);
        }
    }

    private static int listpack(RdbInput in, RdbVisitor v) {
        in.string();
        return Listpacks.forEach(in.segment, in.offset, in.length, in, v, false);
    }

    /** Member, score, member, score...: the member is kept while the score is read. */
    private static void zsetListpack(RdbInput in, RdbVisitor v) {
        in.string();
        int n = Listpacks.forEach(in.segment, in.offset, in.length, in, v, true);
        if (n % 2 != 0) {
            throw new RdbFormatException("a sorted-set listpack with an odd number of elements");
        }
    }

    /** The old text score: a length byte (253 NaN, 254 +inf, 255 -inf), then that many ASCII bytes. */
    private static double textScore(RdbInput in) {
        int length = in.u8();
        return switch (length) {
            case 253 -> throw new RdbFormatException("a sorted-set score that is NaN");
            case 254 -> Double.POSITIVE_INFINITY;
            case 255 -> Double.NEGATIVE_INFINITY;
            default -> {
                if (in.end - in.pos < length) {
                    throw new RdbFormatException("truncated sorted-set score");
                }
                in.segment = in.in;
                in.offset = in.pos;
                in.length = length;
                in.pos += length;
                yield in.score();
            }
        };
    }

    private static void checkScore(double score) {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("a sorted-set score that is NaN");
        }
    }
}
