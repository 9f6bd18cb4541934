package dev.kevy.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Redis's {@code save} rules: the forms it accepts and refuses, and when a rule is due. */
class SaveRulesTest {

    @Test
    void parsesAndPrintsAsRedis() {
        assertEquals("3600 1 300 100 60 10000", SaveRules.parse("3600 1  300 100 60 10000").toString());
        assertTrue(SaveRules.parse("").isEmpty());
        assertTrue(SaveRules.parse("  ").isEmpty());
        assertEquals("5 0", SaveRules.parse("5 0").toString());
        for (String bad : new String[] {"1", "0 1", "-1 1", "10 -1", "x 1", "10 1.5", "10 1 20"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SaveRules.parse(bad), bad);
            assertEquals("Invalid save parameters", e.getMessage());
        }
    }

    @Test
    void aRuleIsDueWithEnoughChangesAfterMoreThanItsSeconds() {
        SaveRules rules = SaveRules.parse("60 100 10 1000");
        assertFalse(rules.due(99, 61_000));
        assertTrue(rules.due(100, 60_001));
        assertFalse(rules.due(100, 60_000), "more than the seconds, as Redis's check");
        assertTrue(rules.due(1000, 10_001));
        assertFalse(rules.due(999, 59_000));
        assertTrue(SaveRules.parse("5 0").due(0, 5_001), "a rule of no changes saves on time alone");
        assertFalse(SaveRules.NONE.due(Long.MAX_VALUE, Long.MAX_VALUE));
    }
}
