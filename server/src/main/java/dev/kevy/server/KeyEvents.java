package dev.kevy.server;

import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.KeyListener;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One shard's seam for "a key changed": every write command calls it after it changed a key,
 * as Redis calls {@code signalModifiedKey} and {@code notifyKeyspaceEvent}, and the shard's
 * keyspaces call it ({@link KeyListener}) for keys they create, expire and evict by themselves.
 *
 * <p><b>Contract for callers.</b> Call {@link #changed} once per event Redis emits, after the
 * change is made (a subscriber never hears of a write it cannot yet see), in Redis's order:
 * the type's event, then {@code del} when the command emptied the collection. Key creations
 * ({@code new}), expiries ({@code expired}) and evictions ({@code evicted}) come from the
 * keyspace itself. FLUSHDB/FLUSHALL call {@link #flushed}, SWAPDB {@link #flushed} for both.
 * The static entry points find the shard's {@code KeyEvents} through the keyspace
 * ({@link KeyListener#of}), so a command needs no field for it; a keyspace that nobody
 * listens to (unit tests) ignores them.
 *
 * <p><b>Two consumers.</b> {@link Modified}, a final field given at construction, hears every
 * modification (Redis's {@code signalModifiedKey}: WATCH), including expiry, eviction, DEL,
 * RENAME (both keys), MOVE (both databases), and flushes and SWAPDB ({@link Modified#touchAll},
 * called before the change; databases never used on this shard are skipped); the default
 * {@link Modified#NONE} is empty and inlined away. Notifications go out as pub/sub messages
 * when {@code notify-keyspace-events} has the event's class: {@code __keyspace@<db>__:<key>}
 * with the event, then {@code __keyevent@<db>__:<event>} with the key, to this shard's
 * subscribers at once and, through {@link ShardContext#send}, to every other shard that has a
 * subscriber, which delivers them in the order the owner sent them ({@link #onMessage}).
 *
 * <p><b>Cost.</b> With notifications off: one volatile read of the classes and one branch per
 * event (the hook's empty call is inlined). With them on, nothing is allocated per event once
 * the scratch buffers have grown to the longest key (KeyEventsZeroAllocationTest).
 *
 * <p><b>Threads.</b> Everything runs on the shard's thread, except during an atomic turn, when
 * the coordinator runs this shard's commands while it stands still: the hook is called there
 * (on the coordinator's thread, with this shard frozen), and the notifications are kept and
 * sent by this shard when it next runs, before any later event of its own, so per-key order
 * holds.
 */
final class KeyEvents implements KeyListener {

    /** Redis's "key modified" consumer (WATCH): told of every change, on the thread that makes it. */
    interface Modified {
        /** Ignores everything. */
        Modified NONE = new Modified() {
            @Override
            public void touch(int db, MemorySegment s, long keyOffset, int keyLength) {
            }

            @Override
            public void touchAll(int db) {
            }
        };

        /** Key {@code s[keyOffset, +keyLength)} of database {@code db} on this shard changed. */
        void touch(int db, MemorySegment s, long keyOffset, int keyLength);

        /**
         * Every key of database {@code db} on this shard is about to change (FLUSHDB, FLUSHALL, and
         * SWAPDB for both databases): called before, so the consumer can still see which keys
         * exist (Redis touches only the watched keys that exist in either database).
         */
        void touchAll(int db);
    }

    // Classes: Redis's NOTIFY_* bits.
    static final int KEYSPACE = 1;
    static final int KEYEVENT = 1 << 1;
    static final int GENERIC = 1 << 2;
    static final int STRING = 1 << 3;
    static final int LIST = 1 << 4;
    static final int SET = 1 << 5;
    static final int HASH = 1 << 6;
    static final int ZSET = 1 << 7;
    static final int EXPIRED = 1 << 8;
    static final int EVICTED = 1 << 9;
    static final int STREAM = 1 << 10;
    static final int KEY_MISS = 1 << 11;
    static final int MODULE = 1 << 13;
    static final int NEW = 1 << 14;
    static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /** Message type of a notification sent to another shard ({@link #onMessage}). */
    static final int MESSAGE_TYPE = 0x4B455645; // "KEVE"

    private final ShardContext context;
    private final LiveSettings settings;
    private final PubSub pubsub;
    private final Modified modified;
    private final Buffer scratch = new Buffer();
    /** Notifications made during an atomic turn (on the coordinator), sent when this shard runs next. */
    private final Buffer deferred = new Buffer();
    private int deferredLength;
    private Thread shardThread;
    private boolean replacing;
    private long changes;
    /** The append-only log's side: keys an atomic command changes, evictions. */
    private final Durability durability;

    KeyEvents(ShardContext context, LiveSettings settings, PubSub pubsub, Modified modified, Durability durability) {
        this.context = context;
        this.durability = durability;
        this.settings = settings;
        this.pubsub = pubsub;
        this.modified = modified;
    }

    // ---- the entry points the commands call --------------------------------------------------

    /** Event {@code event} ({@link KeyEventNames}) on the key in argument {@code arg} of {@code c}. */
    static void changed(Keyspace ks, int event, Request c, int arg) {
        if (KeyListener.of(ks) instanceof KeyEvents e) {
            e.changed(KeyListener.db(ks), event, c.buffer(), c.offset(arg), (int) c.length(arg));
        }
    }

    /** Event {@code event} on the key {@code s[keyOffset, +keyLength)} of {@code ks}. */
    static void changed(Keyspace ks, int event, MemorySegment s, long keyOffset, int keyLength) {
        if (KeyListener.of(ks) instanceof KeyEvents e) {
            e.changed(KeyListener.db(ks), event, s, keyOffset, keyLength);
        }
    }

    /** The key in argument {@code arg} was added to {@code ks} though the keyspace kept its entry ({@code new}). */
    static void created(Keyspace ks, Request c, int arg) {
        if (KeyListener.of(ks) instanceof KeyEvents e) {
            e.created(KeyListener.db(ks), c.buffer(), c.offset(arg), (int) c.length(arg));
        }
    }

    /** As {@link #created(Keyspace, Request, int)} for the key {@code s[keyOffset, +keyLength)}. */
    static void created(Keyspace ks, MemorySegment s, long keyOffset, int keyLength) {
        if (KeyListener.of(ks) instanceof KeyEvents e) {
            e.created(KeyListener.db(ks), s, keyOffset, keyLength);
        }
    }

    /**
     * Event {@code event} on the key in argument {@code arg} after elements were removed from it,
     * then {@code del} if that emptied (and so deleted) it, as Redis does.
     */
    static void removed(Keyspace ks, int event, Request c, int arg, long now) {
        if (KeyListener.of(ks) instanceof KeyEvents e) {
            e.changed(KeyListener.db(ks), event, c.buffer(), c.offset(arg), (int) c.length(arg));
            if ((e.settings.notifyKeyspaceEvents() & GENERIC) != 0
                    && !ks.exists(c.buffer(), c.offset(arg), (int) c.length(arg), now)) {
                e.notify(KeyEventNames.DEL, KeyListener.db(ks), c.buffer(), c.offset(arg), (int) c.length(arg));
            }
        }
    }

    /**
     * A STORE command that deleted its destination ({@code existed}) and now builds it again is
     * replacing it, which Redis does not report as {@code new}: the creation that follows is not
     * told until {@code replacing(ks, false)}.
     */
    static void replacing(Keyspace ks, boolean existed) {
        if (KeyListener.of(ks) instanceof KeyEvents e) {
            e.replacing = existed;
        }
    }

    /** A read's lookup: {@code entry} as given, after telling {@code keymiss} if it is {@link Keyspace#ABSENT}. */
    static long read(Keyspace ks, long entry, Request c, int arg) {
        if (entry == Keyspace.ABSENT) {
            missed(ks, c, arg);
        }
        return entry;
    }

    /**
     * A read whose answer does not say whether the key exists (HGET of a missing field, HLEN 0):
     * {@code keymiss} if it does not, looked up only while the class is on.
     */
    static void missedIfAbsent(Keyspace ks, Request c, int arg, long now) {
        if (KeyListener.of(ks) instanceof KeyEvents e && (e.settings.notifyKeyspaceEvents() & KEY_MISS) != 0
                && !ks.exists(c.buffer(), c.offset(arg), (int) c.length(arg), now)) {
            e.notify(KeyEventNames.KEYMISS, KeyListener.db(ks), c.buffer(), c.offset(arg), (int) c.length(arg));
        }
    }

    /** A read found no key in argument {@code arg} ({@code keymiss}, class m); not a change. */
    static void missed(Keyspace ks, Request c, int arg) {
        if (KeyListener.of(ks) instanceof KeyEvents e) {
            e.notify(KeyEventNames.KEYMISS, KeyListener.db(ks), c.buffer(), c.offset(arg), (int) c.length(arg));
        }
    }

    /** Every key of {@code ks} is about to change (FLUSHDB, FLUSHALL, SWAPDB): the hook only, Redis sends no event. */
    static void flushed(Keyspace ks) {
        if (ks != null && KeyListener.of(ks) instanceof KeyEvents e) {
            e.modified.touchAll(KeyListener.db(ks));
            e.changes += ks.size(); // Redis counts each key a flush removes
        }
    }

    /**
     * Changes made on this shard since it started: one per key changed, expired, evicted or
     * flushed (Redis's dirty counter, which the {@code save} rules read). Plain: written by this
     * shard, or by the coordinator while this shard stands still.
     */
    long changes() {
        return changes;
    }

    /** The hook, then the notification. */
    void changed(int db, int event, MemorySegment s, long keyOffset, int keyLength) {
        changes++;
        durability.touched(db, s, keyOffset, keyLength);
        modified.touch(db, s, keyOffset, keyLength);
        notify(event, db, s, keyOffset, keyLength);
    }

    @Override
    public void created(int db, MemorySegment s, long keyOffset, int keyLength) {
        if (replacing) {
            return;
        }
        notify(KeyEventNames.NEW, db, s, keyOffset, keyLength); // the write that creates it signals it
    }

    @Override
    public void expired(int db, MemorySegment s, long keyOffset, int keyLength) {
        changed(db, KeyEventNames.EXPIRED, s, keyOffset, keyLength);
    }

    @Override
    public void evicted(int db, MemorySegment s, long keyOffset, int keyLength) {
        durability.evicted(db, s, keyOffset, keyLength);
        changed(db, KeyEventNames.EVICTED, s, keyOffset, keyLength);
    }

    /** Publishes the event if its class is configured: the one branch every event pays. */
    private void notify(int event, int db, MemorySegment s, long keyOffset, int keyLength) {
        int flags = settings.notifyKeyspaceEvents(); // volatile read; partner: the write in LiveSettings.set
        if ((flags & KeyEventNames.type(event)) != 0 && (flags & (KEYSPACE | KEYEVENT)) != 0) {
            publish(flags & (KEYSPACE | KEYEVENT), event, db, s, keyOffset, keyLength);
        }
    }

    // ---- delivery ----------------------------------------------------------------------------

    // A notification's record, as kept and as sent to other shards:
    // [0] K/E bits, [1] event id, [2..5] db (little-endian int), [6..] the key.
    private static final int RECORD_HEADER = 6;

    private void publish(int ke, int event, int db, MemorySegment s, long keyOffset, int keyLength) {
        Thread current = Thread.currentThread();
        if (shardThread != null && current != shardThread) { // an atomic turn: keep it for later
            deferredLength = append(deferred, deferredLength, true, ke, event, db, s, keyOffset, keyLength);
            return;
        }
        if (deferredLength > 0) {
            sendDeferred();
        }
        int length = append(scratch, 0, false, ke, event, db, s, keyOffset, keyLength);
        deliver(scratch.segment(), 0, length, true);
    }

    /** Sends what an atomic turn kept; called on the shard's thread after every loop iteration. */
    void afterIteration() {
        if (shardThread == null) {
            shardThread = Thread.currentThread();
        }
        if (deferredLength > 0) {
            sendDeferred();
        }
    }

    private void sendDeferred() {
        MemorySegment d = deferred.segment();
        int at = 0;
        int end = deferredLength;
        deferredLength = 0;
        while (at < end) {
            int length = RECORD_HEADER + d.get(ValueLayout.JAVA_INT_UNALIGNED, at);
            deliver(d, at + 4, length, true);
            at += 4 + length;
        }
    }

    /**
     * Writes one record into {@code into} at {@code at}; the deferred buffer frames each record
     * with its key length first. Returns the new end (or the record's length in the scratch).
     */
    private static int append(Buffer into, int at, boolean framed, int ke, int event, int db, MemorySegment s,
                              long keyOffset, int keyLength) {
        int start = framed ? at + 4 : 0;
        MemorySegment r = into.ensure(start + RECORD_HEADER + keyLength);
        if (framed) {
            r.set(ValueLayout.JAVA_INT_UNALIGNED, at, keyLength);
        }
        r.set(ValueLayout.JAVA_BYTE, start, (byte) ke);
        r.set(ValueLayout.JAVA_BYTE, start + 1, (byte) event);
        r.set(ValueLayout.JAVA_INT_UNALIGNED, start + 2, db);
        MemorySegment.copy(s, keyOffset, r, start + RECORD_HEADER, keyLength);
        return start + RECORD_HEADER + keyLength;
    }

    /** Delivers a record here and, if {@code fanOut}, sends it to every other shard with a subscriber. */
    private void deliver(MemorySegment r, long at, int length, boolean fanOut) {
        if (fanOut) {
            int me = context.shard();
            for (int shard = 0; shard < context.shards(); shard++) {
                if (shard != me && settings.hasSubscribers(shard)) {
                    context.send(shard, MESSAGE_TYPE, r, at, length);
                }
            }
        }
        if (pubsub.hasSubscriptions()) {
            int ke = r.get(ValueLayout.JAVA_BYTE, at);
            int event = r.get(ValueLayout.JAVA_BYTE, at + 1);
            int db = r.get(ValueLayout.JAVA_INT_UNALIGNED, at + 2);
            long key = at + RECORD_HEADER;
            int keyLength = length - RECORD_HEADER;
            byte[] name = KeyEventNames.name(event);
            MemorySegment nameSegment = KeyEventNames.segment(event);
            if ((ke & KEYSPACE) != 0) {
                int n = channel(KEYSPACE_PREFIX, db, r, key, keyLength);
                pubsub.deliver(channel.segment(), n, nameSegment, 0, name.length);
            }
            if ((ke & KEYEVENT) != 0) {
                int n = channel(KEYEVENT_PREFIX, db, nameSegment, 0, name.length);
                pubsub.deliver(channel.segment(), n, r, key, keyLength);
            }
        }
    }

    /** A record another shard sent ({@link #deliver}): delivered to this shard's subscribers. */
    void onMessage(MemorySegment payload, long offset, long length) {
        deliver(payload, offset, (int) length, false);
    }

    private static final byte[] KEYSPACE_PREFIX = Replies.bytes("__keyspace@");
    private static final byte[] KEYEVENT_PREFIX = Replies.bytes("__keyevent@");
    private static final byte[] SUFFIX = Replies.bytes("__:");
    private final Buffer channel = new Buffer();

    /** Builds {@code prefix + db + "__:" + tail} in {@link #channel}; returns its length. */
    private int channel(byte[] prefix, int db, MemorySegment tail, long tailOffset, int tailLength) {
        MemorySegment c = channel.ensure(prefix.length + 11 + SUFFIX.length + tailLength);
        MemorySegment.copy(prefix, 0, c, ValueLayout.JAVA_BYTE, 0, prefix.length);
        int at = prefix.length;
        at = digits(c, at, db);
        MemorySegment.copy(SUFFIX, 0, c, ValueLayout.JAVA_BYTE, at, SUFFIX.length);
        at += SUFFIX.length;
        MemorySegment.copy(tail, tailOffset, c, at, tailLength);
        return at + tailLength;
    }

    private static int digits(MemorySegment c, int at, int value) {
        int n = 1;
        for (int v = value; v >= 10; v /= 10) {
            n++;
        }
        for (int i = n - 1, v = value; i >= 0; i--, v /= 10) {
            c.set(ValueLayout.JAVA_BYTE, at + i, (byte) ('0' + v % 10));
        }
        return at + n;
    }

    /** A growable heap buffer and its segment, made again only when it grows. */
    private static final class Buffer {
        private byte[] bytes = new byte[256];
        private MemorySegment segment = MemorySegment.ofArray(bytes);
        MemorySegment segment() {
            return segment;
        }

        MemorySegment ensure(long capacity) {
            if (capacity > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.max(capacity, 2L * bytes.length));
                segment = MemorySegment.ofArray(bytes);
            }
            return segment;
        }
    }
}
