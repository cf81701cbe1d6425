package io.atrium.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuditorTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = "another site's key of 32 bytes!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void aCoursePseudonymIsStableSixteenHexDigitsAndDependsOnTheKey() {
        String p = Auditor.pseudonym(KEY, 42);
        assertTrue(p.matches("[0-9a-f]{16}"), p);
        assertEquals(p, Auditor.pseudonym(KEY, 42));
        assertNotEquals(p, Auditor.pseudonym(KEY, 43));
        assertNotEquals(p, Auditor.pseudonym(OTHER_KEY, 42));
        assertNotEquals("42", p);
    }
}
