/**
 * Exclusive turns across shards: how one shard (the coordinator) gets every other shard to stop
 * touching its own state for a moment, so that it can run work that reads and writes several
 * shards' state as one step (a cross-shard RENAME, MSETNX, later MULTI/EXEC).
 *
 * <h2>Protocol</h2>
 * Three record types travel over the ordinary mesh rings ({@link dev.kevy.rt.freeze.FreezeRecords}):
 * <ol>
 *   <li>The coordinator, holding work, sends {@code FREEZE} to each participant that is neither
 *       frozen nor already asked ({@link dev.kevy.rt.freeze.FreezeCoordinator#acquire}).</li>
 *   <li>A participant notes the request and finishes its current loop iteration: it reads its
 *       connections, runs what it read, writes its replies. Only at the end of that iteration does
 *       it send {@code FROZEN} and stop running anything that touches its state
 *       ({@link dev.kevy.rt.freeze.FreezeParticipant#freezeIfWanted}). A participant that has just
 *       sent the coordinator work needing a turn freezes at the end of that iteration without
 *       being asked, which saves the coordinator's {@code FREEZE} hop: with two shards, one round
 *       trip per turn.</li>
 *   <li>When every participant is frozen, the coordinator runs a batch of queued work with direct
 *       access to all shards' state, then sends {@code THAW} to each
 *       ({@link dev.kevy.rt.freeze.FreezeCoordinator#release}).</li>
 * </ol>
 *
 * <h2>Why it is safe, live and fair</h2>
 * <ul>
 *   <li><b>Exclusion and visibility.</b> A participant's last write to its state precedes, in
 *       program order, the release store of the ring tail that publishes its {@code FROZEN}; the
 *       coordinator's acquire load of that tail precedes its first access. Likewise the
 *       coordinator's writes precede the release that publishes {@code THAW}, and the
 *       participant's acquire of it precedes its next access. No other synchronisation exists or
 *       is needed ({@code FreezeHandshakeTest} in stress-tests checks both directions).</li>
 *   <li><b>No deadlock.</b> There is one coordinator, so two turns never wait on each other; a
 *       frozen participant keeps draining and publishing its rings, so no ring stays full.</li>
 *   <li><b>No starvation, fairness.</b> A participant answers a request only at the end of a
 *       full iteration, so between two turns it always serves its own clients once; the
 *       coordinator runs queued work first come, first served, in batches, so a burst of turns
 *       costs one freeze, not one per command.</li>
 *   <li><b>Duplicates are harmless.</b> A {@code FREEZE} that crosses an unsolicited
 *       {@code FROZEN} reaches the participant while it is frozen (the ring is FIFO and the
 *       {@code THAW} comes after it), and is ignored there.</li>
 * </ul>
 */
package dev.kevy.rt.freeze;
