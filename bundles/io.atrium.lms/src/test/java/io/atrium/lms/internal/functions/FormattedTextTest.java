package io.atrium.lms.internal.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormattedTextTest {

    @Test
    void htmlKeepsTagsAndEntitiesButEscapesBareAmpersands() {
        // Moodle's answer for the description of rest_json_create_cohorts.
        assertEquals("<p>Cohorte desc \u00e9/\u00fc &amp; \"q\"</p>",
                FormattedText.of("<p>Cohorte desc \u00e9/\u00fc & \"q\"</p>", 1));
        assertEquals("<p>a &amp; b &lt; &#233; &#x41;</p>", FormattedText.of("<p>a &amp; b &lt; &#233; &#x41;</p>", 1));
        assertEquals("<p>x</p>", FormattedText.of("<p>x</p><script>alert(1)</script>", 1));
    }

    @Test
    void plainTextIsEscapedWithItsLineBreaks() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#039;d&#039;<br />\ne&nbsp; f",
                FormattedText.of("a <b> & \"c\" 'd'\ne  f", 2));
    }

    @Test
    void moodleFormatIsWrappedAsMoodleDoes() {
        assertEquals("<div class=\"text_to_html\">one<br />\ntwo &amp; three</div>", FormattedText.of("one\ntwo & three", 0));
    }

    @Test
    void nothingIsEmpty() {
        assertEquals("", FormattedText.of(null, 1));
        assertEquals("", FormattedText.of("", 2));
    }
}
