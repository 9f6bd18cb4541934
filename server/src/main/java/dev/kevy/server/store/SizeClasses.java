package dev.kevy.server.store;

/**
 * The block sizes the allocator hands out: 32 to 64 bytes in steps of 8, then four classes per
 * doubling (80, 96, 112, 128, 160, ...), so rounding a request up wastes at most a fifth of the
 * block. Classes up to {@link #SMALL_MAX} are carved from shared pages; larger ones each get a
 * segment of their own.
 *
 * <p>The class of a size is computed with a few shifts rather than looked up, so any size up to
 * {@link #MAX_SIZE} has a class without a table proportional to it.
 */
final class SizeClasses {
    /** Smallest block: an entry header (24 bytes) plus a few key and value bytes. */
    static final int MIN_SIZE = 32;
    /** Largest block carved from a page; a page holds at least eight of them. */
    static final int SMALL_MAX = 32 * 1024;
    /** Number of classes served from pages ({@code classOf(SMALL_MAX) + 1}). */
    static final int SMALL_CLASSES;
    /** Largest size that has a class (1.75 GiB); the keyspace's limits keep blocks below it. */
    static final int MAX_SIZE;
    /** Number of classes in all. */
    static final int CLASSES;

    private static final int LINEAR_CLASSES = 5; // 32, 40, 48, 56, 64
    private static final int[] SIZE;

    static {
        int count = LINEAR_CLASSES + (30 - 6 + 1) * 4 - 1; // up to 1.75 GiB; 2 GiB would not fit an int
        SIZE = new int[count];
        for (int c = 0; c < count; c++) {
            SIZE[c] = (int) computeSize(c);
        }
        CLASSES = count;
        MAX_SIZE = SIZE[count - 1];
        SMALL_CLASSES = classOf(SMALL_MAX) + 1;
    }

    private SizeClasses() {
    }

    /** The class whose blocks are the smallest that hold {@code size} bytes ({@code size <= MAX_SIZE}). */
    static int classOf(int size) {
        if (size <= 64) {
            return size <= MIN_SIZE ? 0 : (size - MIN_SIZE + 7) >>> 3;
        }
        int below = size - 1;
        int power = 31 - Integer.numberOfLeadingZeros(below); // below is in [2^power, 2^(power+1))
        int step = (below - (1 << power)) >>> (power - 2);
        return LINEAR_CLASSES + ((power - 6) << 2) + step;
    }

    /** Bytes in a block of class {@code sizeClass}. */
    static int sizeOf(int sizeClass) {
        return SIZE[sizeClass];
    }

    private static long computeSize(int sizeClass) {
        if (sizeClass < LINEAR_CLASSES) {
            return MIN_SIZE + 8L * sizeClass;
        }
        int k = sizeClass - LINEAR_CLASSES;
        int power = 6 + (k >>> 2);
        return (1L << power) + ((k & 3) + 1L) * (1L << (power - 2));
    }
}
