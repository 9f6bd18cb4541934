package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CLIENT ID, SETNAME, GETNAME, LIST and KILL, with clients on different shards. */
class ClientCommandsTest {

    private static final int SHARDS = 3;

    /** A client and what CLIENT INFO says about it. */
    private record Client(Wire wire, long id, int shard) {
    }

    @Test
    void clientCommandsSeeAndKillClientsOnOtherShards() {
        try (Kevy kevy = Kevy.start(SHARDS)) {
            List<Client> clients = new ArrayList<>();
            try {
                Client[] byShard = new Client[SHARDS];
                for (int n = 0; n < 200 && (byShard[0] == null || byShard[1] == null || byShard[2] == null); n++) {
                    Client cl = open(kevy);
                    clients.add(cl);
                    if (byShard[cl.shard()] == null) {
                        byShard[cl.shard()] = cl;
                    }
                }
                for (Client cl : byShard) {
                    assertTrue(cl != null, "connections landed on every shard");
                }
                Client a = byShard[0];
                Client b = byShard[1];
                Client victim = byShard[2];
                assertEquals("$-1\r\n", a.wire().callText("CLIENT", "GETNAME"));
                assertEquals("+OK\r\n", a.wire().callText("CLIENT", "SETNAME", "alpha"));
                assertEquals("+OK\r\n", victim.wire().callText("CLIENT", "SETNAME", "victim"));
                assertEquals("$5\r\nalpha\r\n", a.wire().callText("CLIENT", "GETNAME"));

                String list = bulk(b.wire().call("CLIENT", "LIST"));
                assertEquals(clients.size(), list.split("\n").length, "CLIENT LIST shows every shard's clients");
                assertTrue(list.contains("id=" + a.id() + " ") && list.contains(" name=alpha "));
                assertTrue(list.contains("id=" + victim.id() + " ") && list.contains(" name=victim "));
                String one = bulk(b.wire().call("CLIENT", "LIST", "ID", Long.toString(victim.id())));
                assertTrue(one.startsWith("id=" + victim.id() + " ") && one.split("\n").length == 1, one);

                assertEquals(":1\r\n", a.wire().callText("CLIENT", "KILL", "ID", Long.toString(victim.id())));
                assertTrue(victim.wire().closedByPeerWithin(Wire.READ_TIMEOUT_MILLIS), "the killed client is closed");
                assertEquals(":0\r\n", a.wire().callText("CLIENT", "KILL", "ID", Long.toString(victim.id())));
                assertEquals(":0\r\n", a.wire().callText("CLIENT", "KILL", "ID", Long.toString(a.id())),
                        "SKIPME defaults to yes");
                assertEquals("+PONG\r\n", a.wire().callText("PING"));
                assertEquals(":1\r\n", b.wire().callText("CLIENT", "KILL", "ID", Long.toString(b.id()), "SKIPME", "no"));
                assertTrue(b.wire().closedByPeerWithin(Wire.READ_TIMEOUT_MILLIS), "a client may kill itself");
                assertTrue(!bulk(a.wire().call("CLIENT", "LIST")).contains("name=victim"));
                assertEquals("+PONG\r\n", a.wire().callText("PING"));
            } finally {
                for (Client cl : clients) {
                    cl.wire().close();
                }
            }
        }
    }

    private static Client open(Kevy kevy) {
        Wire w = new Wire(kevy.port());
        String id = w.callText("CLIENT", "ID");
        String info = bulk(w.call("CLIENT", "INFO"));
        long parsed = Long.parseLong(id.substring(1).trim());
        assertTrue(info.startsWith("id=" + parsed + " "), info);
        int at = info.indexOf(" shard=");
        return new Client(w, parsed, Integer.parseInt(info.substring(at + 7).trim()));
    }

    private static String bulk(byte[] reply) {
        String s = Wire.text(reply);
        return s.substring(s.indexOf("\r\n") + 2, s.length() - 2);
    }
}
