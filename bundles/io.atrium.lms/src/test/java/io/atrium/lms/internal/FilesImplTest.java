package io.atrium.lms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.atrium.ws.api.WsException;

class FilesImplTest {

    @Test
    void pathnamehashIsMoodles() {
        // sha1 of "/5/user/draft/12/a.txt", as sha1sum computes it
        assertEquals("6c0f2f247bf5fcf454ed37b922e153ee518d2079", FilesImpl.pathnamehash(5, "user", "draft", 12, "/", "a.txt"));
    }

    @Test
    void pathsAndNamesCannotLeaveTheirArea() throws WsException {
        FilesImpl.checkPlace("/", "a.txt");
        FilesImpl.checkPlace("/docs/2024/", "résumé.pdf");
        for (String[] bad : new String[][] { { "/../", "a" }, { "docs/", "a" }, { "/a//", "a" }, { "/", ".." },
                { "/", "a/b" }, { "/", "" }, { "/./", "a" }, { "/", "a\\b" }, { "/", "a\nb" } }) {
            assertThrows(WsException.class, () -> FilesImpl.checkPlace(bad[0], bad[1]), bad[0] + bad[1]);
        }
    }
}
