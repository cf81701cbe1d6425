package io.atrium.lms.internal.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsException;

/** How core_enrol_get_enrolled_users reads its options, and the text helpers it uses. */
class GetEnrolledUsersOptionsTest {

    private static Params option(String name, String value) {
        return new Params(Map.of("name", name, "value", value));
    }

    @Test
    void optionsAreReadAsMoodleReadsThem() throws WsException {
        GetEnrolledUsers.Options o = GetEnrolledUsers.Options.of(List.of(
                option("userfields", "id, user name,email,roles"),
                option("onlyactive", "1"),
                option("limitfrom", "10abc"),
                option("limitnumber", "x"),
                option("groupid", " 7 "),
                option("sortby", "lastname"),
                option("sortdirection", "desc"),
                option("nosuchoption", "whatever")));
        assertEquals(Set.of("id", "username", "email", "roles"), o.userFields());
        assertTrue(o.onlyActive());
        assertEquals(10, o.limitFrom());
        assertEquals(0, o.limitNumber());
        assertEquals(7, o.groupId());
        assertEquals("lastname", o.sortBy());
        assertTrue(o.descending());

        GetEnrolledUsers.Options none = GetEnrolledUsers.Options.of(List.of(option("onlyactive", "0")));
        assertFalse(none.onlyActive());
        assertFalse(none.onlySuspended());
        assertEquals("id", none.sortBy());
        assertTrue(none.userFields().isEmpty());
    }

    @Test
    void badSortOptionsAreInvalidParameters() {
        WsException e = assertThrows(WsException.class,
                () -> GetEnrolledUsers.Options.of(List.of(option("sortby", "email"))));
        assertEquals("invalidparameter", e.errorcode());
        assertEquals("Invalid value for sortby parameter (value: email),allowed values are: id,firstname,lastname,"
                + "siteorder", e.debuginfo());
        e = assertThrows(WsException.class,
                () -> GetEnrolledUsers.Options.of(List.of(option("sortdirection", "up"))));
        assertTrue(e.debuginfo().contains("(value: UP),allowed values are: ASC,DESC"), e.debuginfo());
    }

    @Test
    void phpIntegerCast() {
        assertEquals(42, GetEnrolledUsers.phpInt("42"));
        assertEquals(-3, GetEnrolledUsers.phpInt("-3x"));
        assertEquals(5, GetEnrolledUsers.phpInt("+5"));
        assertEquals(0, GetEnrolledUsers.phpInt(""));
        assertEquals(0, GetEnrolledUsers.phpInt("abc"));
    }

    @Test
    void formattingEscapesBareAmpersandsOnly() {
        assertEquals("a &amp; b &amp;c", FormattedText.bareAmpersands("a & b &c"));
        assertEquals("&lt;p&gt; &amp; &#233; &#x4F;", FormattedText.bareAmpersands("&lt;p&gt; & &#233; &#x4F;"));
        assertEquals("", FormattedText.bareAmpersands(null));
    }
}
