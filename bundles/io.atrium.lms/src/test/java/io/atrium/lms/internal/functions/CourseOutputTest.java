package io.atrium.lms.internal.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CourseOutputTest {

    @Test
    void htmlKeepsTagsAndQuotesButEscapesBareAmpersands() {
        assertEquals("<p>R&eacute;sum&amp; &amp; \"q\" <a href=\"https://e.com/a?x=1&amp;y=2\">l</a></p>",
                CourseOutput.formatText("<p>R&eacute;sum&amp; & \"q\" <a href=\"https://e.com/a?x=1&y=2\">l</a></p>", 1));
    }

    @Test
    void numericEntitiesStay() {
        assertEquals("&#233; &#xE9; &amp;#; &amp;", CourseOutput.formatText("&#233; &#xE9; &#; &", 1));
    }

    @Test
    void plainTextIsEscapedWithLineBreaks() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;<br />d", CourseOutput.formatText("a <b> & \"c\"\nd", 2));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", CourseOutput.formatText(null, 1));
    }
}
