package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;

/**
 * The commands that run in an atomic turn on the coordinator, every shard standing still: each
 * reaches the keyspaces of its keys' owners directly ({@link #ownerOf}) and runs
 * there as it would on one shard (RENAME across shards, MSETNX, BITOP, LCS, COPY, SMOVE, the list
 * moves, the sorted-set and set algebra, SWAPDB on every shard).
 */
final class AtomicRun {
    private final ShardContext context;
    private final BitCommands bits;
    private final LcsCommand lcs;
    private final ListCommands lists;
    private final ZsetCommands zsets;
    private final SetAlgebra setAlgebra;

    AtomicRun(ShardContext context, BitCommands bits, LcsCommand lcs, ListCommands lists, ZsetCommands zsets,
              SetAlgebra setAlgebra) {
        this.context = context;
        this.bits = bits;
        this.lcs = lcs;
        this.lists = lists;
        this.zsets = zsets;
        this.setAlgebra = setAlgebra;
    }

    /**
     * During an atomic turn: the client's database (from {@code c}'s tag) on the shard that owns
     * the key in argument {@code arg}.
     */
    static Keyspace ownerOf(ShardContext context, Request c, int arg, CommandHandler[] shards) {
        ShardHandler owner = (ShardHandler) shards[HashTags.shardOf(context, c, arg)];
        return owner.databases.get(Routing.db(c.tag()));
    }

    /** Runs {@code c} (its spec {@code spec}) with every shard's handler in {@code shards}. */
    void run(CommandSpec spec, Request c, CommandHandler[] shards, OutputBuffer out, long now) {
        switch (spec.id()) {
            case Cmd.RENAME, Cmd.RENAMENX -> {
                Keyspace from = AtomicRun.ownerOf(context, c, 1, shards);
                Keyspace to = AtomicRun.ownerOf(context, c, 2, shards);
                KeyCommands.rename(from, to, c, out, now, spec.id() == Cmd.RENAMENX);
            }
            case Cmd.MSETNX -> AtomicStrings.msetnx(c, shards, context, out, now);
            case Cmd.BITOP -> bits.bitop(null, shards, context, c, out, now);
            case Cmd.LCS -> lcs.run(AtomicRun.ownerOf(context, c, 1, shards), AtomicRun.ownerOf(context, c, 2, shards), c, out, now);
            case Cmd.COPY -> CopyCommands.copy(AtomicRun.ownerOf(context, c, 1, shards),
                    ((ShardHandler) shards[HashTags.shardOf(context, c, 2)]).databases, Routing.db(c.tag()), c, out, now);
            case Cmd.SMOVE -> SetCommands.smove(AtomicRun.ownerOf(context, c, 1, shards), AtomicRun.ownerOf(context, c, 2, shards), c, out, now);
            case Cmd.LMOVE, Cmd.RPOPLPUSH, Cmd.LMPOP -> lists.runAtomic(c, shards, context, out, now);
            case Cmd.ZRANGESTORE -> zsets.zrangestore(AtomicRun.ownerOf(context, c, 2, shards), AtomicRun.ownerOf(context, c, 1, shards), c, out, now);
            case Cmd.ZUNION, Cmd.ZUNIONSTORE, Cmd.ZINTER, Cmd.ZINTERSTORE, Cmd.ZDIFF, Cmd.ZDIFFSTORE, Cmd.ZINTERCARD, Cmd.ZMPOP -> {
                Keyspace[] owners = zsets.owners(c.argc());
                for (int i = 1; i < c.argc(); i++) {
                    owners[i] = AtomicRun.ownerOf(context, c, i, shards);
                }
                zsets.algebra(spec.id(), c, out, now);
            }
            case Cmd.SINTER, Cmd.SINTERCARD, Cmd.SINTERSTORE, Cmd.SUNION, Cmd.SUNIONSTORE, Cmd.SDIFF, Cmd.SDIFFSTORE -> {
                Keyspace[] owners = setAlgebra.owners(c.argc());
                for (int i = 1; i < c.argc(); i++) {
                    owners[i] = AtomicRun.ownerOf(context, c, i, shards);
                }
                setAlgebra.run(spec.id(), c, out, now);
            }
            case Cmd.SWAPDB -> {
                Databases[] all = new Databases[shards.length];
                Watches[] watches = new Watches[shards.length];
                for (int i = 0; i < shards.length; i++) {
                    all[i] = ((ShardHandler) shards[i]).databases;
                    watches[i] = ((ShardHandler) shards[i]).transactions.watches;
                }
                KeyCommands.swapdb(c, out, watches, all);
            }
            default -> Replies.unknownCommand(c, out);
        }
    }
}
