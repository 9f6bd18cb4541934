package dev.kevy.server;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Redis's protected mode: while it is on and the default user has no password, a client whose
 * address is not exactly 127.0.0.1 or ::1 gets this text and is disconnected on accept
 * (Redis 7.0.15, {@code clientAcceptHandler} in networking.c). The runtime checks the peer once
 * per connection and asks {@link ShardHandler#refusalForRemotePeer()}, which reads the two live
 * settings, so CONFIG SET protected-mode and requirepass apply to the next connection.
 */
final class ProtectedMode {

    private static final String TEXT = "-DENIED Redis is running in protected mode because protected "
            + "mode is enabled and no password is set for the default user. "
            + "In this mode connections are only accepted from the loopback interface. "
            + "If you want to connect from external computers to Redis you "
            + "may adopt one of the following solutions: "
            + "1) Just disable protected mode sending the command "
            + "'CONFIG SET protected-mode no' from the loopback interface "
            + "by connecting to Redis from the same host the server is "
            + "running, however MAKE SURE Redis is not publicly accessible "
            + "from internet if you do so. Use CONFIG REWRITE to make this "
            + "change permanent. "
            + "2) Alternatively you can just disable the protected mode by "
            + "editing the Redis configuration file, and setting the protected "
            + "mode option to 'no', and then restarting the server. "
            + "3) If you started the server manually just for testing, restart "
            + "it with the '--protected-mode no' option. "
            + "4) Setup a an authentication password for the default user. "
            + "NOTE: You only need to do one of the above things in order for "
            + "the server to start accepting connections from the outside.\r\n";

    /** The refusal, off-heap once for the process: it is written straight to the socket. */
    static final MemorySegment DENIED;

    static {
        byte[] bytes = TEXT.getBytes(StandardCharsets.US_ASCII);
        DENIED = Arena.global().allocate(bytes.length);
        MemorySegment.copy(bytes, 0, DENIED, ValueLayout.JAVA_BYTE, 0, bytes.length);
    }

    private ProtectedMode() {
    }
}
