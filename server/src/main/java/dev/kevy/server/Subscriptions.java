package dev.kevy.server;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One shard's subscribers by name (channels, patterns or shard channels): a chained hash table
 * of names given as bytes, looked up straight from a request's buffer so that PUBLISH allocates
 * nothing, and a dense array of the entries for walking them all (pattern matching, PUBSUB
 * CHANNELS). Subscribing allocates (a name, an entry, a grown array); publishing never does.
 */
final class Subscriptions {

    /** A name and the subscribers of this shard that listen to it. */
    static final class Entry {
        final byte[] name;
        /** The name as a segment, for {@link Glob} (patterns). */
        final MemorySegment segment;
        final int hash;
        Subscriber[] subscribers = new Subscriber[2];
        int count;
        Entry next;
        /** Where this entry is in {@link #all}. */
        int index;

        Entry(byte[] name, int hash) {
            this.name = name;
            this.segment = MemorySegment.ofArray(name);
            this.hash = hash;
        }
    }

    private Entry[] buckets = new Entry[16];
    private Entry[] all = new Entry[16];
    private int size;

    /** Number of names with at least one subscriber here. */
    int size() {
        return size;
    }

    /** Entry {@code i} of {@code [0, size())}, in no particular order. */
    Entry at(int i) {
        return all[i];
    }

    /** The entry for the name at {@code offset} in {@code s}, or {@code null}: no allocation. */
    Entry find(MemorySegment s, long offset, long length) {
        int h = hash(s, offset, length);
        for (Entry e = buckets[h & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && same(e.name, s, offset, length)) {
                return e;
            }
        }
        return null;
    }

    /** Adds {@code sub} to the subscribers of {@code name} (which it must not already be among). */
    void add(byte[] name, Subscriber sub) {
        MemorySegment s = MemorySegment.ofArray(name);
        Entry e = find(s, 0, name.length);
        if (e == null) {
            e = new Entry(name, hash(s, 0, name.length));
            if (size == all.length) {
                all = java.util.Arrays.copyOf(all, size * 2);
            }
            if (size >= buckets.length * 3 / 4) {
                rehash(buckets.length * 2);
            }
            int b = e.hash & (buckets.length - 1);
            e.next = buckets[b];
            buckets[b] = e;
            e.index = size;
            all[size++] = e;
        }
        if (e.count == e.subscribers.length) {
            e.subscribers = java.util.Arrays.copyOf(e.subscribers, e.count * 2);
        }
        e.subscribers[e.count++] = sub;
    }

    /** Removes {@code sub} from the subscribers of {@code name}, and the name once nobody here listens. */
    void remove(byte[] name, Subscriber sub) {
        Entry e = find(MemorySegment.ofArray(name), 0, name.length);
        if (e == null) {
            return;
        }
        for (int i = 0; i < e.count; i++) {
            if (e.subscribers[i] == sub) {
                e.subscribers[i] = e.subscribers[--e.count]; // order among subscribers does not matter
                e.subscribers[e.count] = null;
                break;
            }
        }
        if (e.count == 0) {
            unlink(e);
        }
    }

    private void unlink(Entry e) {
        int b = e.hash & (buckets.length - 1);
        if (buckets[b] == e) {
            buckets[b] = e.next;
        } else {
            Entry p = buckets[b];
            while (p.next != e) {
                p = p.next;
            }
            p.next = e.next;
        }
        Entry last = all[--size];
        all[e.index] = last;
        last.index = e.index;
        all[size] = null;
    }

    private void rehash(int capacity) {
        Entry[] fresh = new Entry[capacity];
        for (int i = 0; i < size; i++) {
            Entry e = all[i];
            int b = e.hash & (capacity - 1);
            e.next = fresh[b];
            fresh[b] = e;
        }
        buckets = fresh;
    }

    private static int hash(MemorySegment s, long offset, long length) {
        int h = 0x811C9DC5;
        for (long i = 0; i < length; i++) {
            h = (h ^ (s.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static boolean same(byte[] name, MemorySegment s, long offset, long length) {
        if (name.length != length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (name[i] != s.get(ValueLayout.JAVA_BYTE, offset + i)) {
                return false;
            }
        }
        return true;
    }
}
