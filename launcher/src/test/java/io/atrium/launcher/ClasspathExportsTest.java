package io.atrium.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClasspathExportsTest {

    @Test
    void keepsNamesAndAttributesAndDropsDirectives() {
        assertEquals(List.of("org.slf4j;version=\"2.0.17\"", "org.slf4j.spi;version=\"2.0.17\"", "a;b;version=1"),
                ClasspathExports.withoutDirectives("org.slf4j;version=\"2.0.17\";uses:=\"org.slf4j.event,"
                        + "org.slf4j.helpers\",org.slf4j.spi;version=\"2.0.17\",a;b;version=1;mandatory:=\"x\""));
    }

    @Test
    void anAbsentHeaderExportsNothing() {
        assertEquals(List.of(), ClasspathExports.withoutDirectives(null));
    }
}
