package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --protected-mode yes|no} and {@code KEVY_PROTECTED_MODE}: Redis's name, default and values. */
class ProtectedModeOptionTest {

    @Test
    void onByDefaultSetByEnvironmentAndTheFlagWins() {
        assertTrue(ServerOptions.parse(new String[0], Map.of()).protectedMode());
        assertFalse(ServerOptions.parse(new String[0], Map.of("KEVY_PROTECTED_MODE", "no")).protectedMode());
        assertTrue(ServerOptions.parse(new String[] {"--protected-mode", "YES"},
                Map.of("KEVY_PROTECTED_MODE", "no")).protectedMode());
    }

    @Test
    void aValueOtherThanYesOrNoIsOneClearLine() {
        ServerOptions.OptionException flag = assertThrows(ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[] {"--protected-mode", "maybe"}, Map.of()));
        assertEquals("--protected-mode must be yes or no, not 'maybe'", flag.getMessage());
        ServerOptions.OptionException env = assertThrows(ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[0], Map.of("KEVY_PROTECTED_MODE", "1")));
        assertEquals("KEVY_PROTECTED_MODE must be yes or no, not '1'", env.getMessage());
        assertEquals("--protected-mode needs a value (see --help)", assertThrows(ServerOptions.OptionException.class,
                () -> ServerOptions.parse(new String[] {"--protected-mode"}, Map.of())).getMessage());
    }
}
