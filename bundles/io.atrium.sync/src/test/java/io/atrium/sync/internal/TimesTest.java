package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class TimesTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void readsUnixTimestampsAsTheyAre() {
        assertEquals(OptionalLong.of(1735689600), Times.parse("1735689600", PARIS));
        assertEquals(OptionalLong.of(0), Times.parse("0", UTC));
        assertEquals(OptionalLong.of(42), Times.parse(" 42 ", UTC));
    }

    @Test
    void anEmptyValueIsNoValue() {
        assertEquals(OptionalLong.empty(), Times.parse("", UTC));
        assertEquals(OptionalLong.empty(), Times.parse("  ", UTC));
        assertEquals(OptionalLong.empty(), Times.parse(null, UTC));
    }

    @Test
    void readsDatesWithOrWithoutTheTimeOfDayInTheGivenZone() {
        assertEquals(OptionalLong.of(1735689600), Times.parse("2025-01-01", UTC));
        assertEquals(OptionalLong.of(1735689600 + 8 * 3600 + 30 * 60), Times.parse("2025-01-01 08:30", UTC));
        assertEquals(OptionalLong.of(1735689600 + 8 * 3600 + 30 * 60 + 15), Times.parse("2025-01-01 08:30:15", UTC));
        assertEquals(OptionalLong.of(1735689600 + 8 * 3600 + 30 * 60 + 15), Times.parse("2025-01-01T08:30:15", UTC));
        assertEquals(OptionalLong.of(1735689600 + 9 * 3600), Times.parse("2025-1-1 9:00", UTC));
        // Paris is an hour ahead of UTC in winter, two in summer.
        assertEquals(OptionalLong.of(1735689600 - 3600), Times.parse("2025-01-01", PARIS));
        assertEquals(OptionalLong.of(1751328000 - 2 * 3600), Times.parse("2025-07-01 00:00", PARIS));
    }

    @Test
    void refusesWhatIsNeitherNamingTheForms() {
        for (String bad : new String[] { "tomorrow", "01/02/2025", "2025-02-30", "2025-01-01 25:00", "2025-13-01",
                "-5", "1.5", "2025-01-01 08", "1969-12-31" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Times.parse(bad, UTC), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Times.parse("soon", UTC)).getMessage()
                .contains("YYYY-MM-DD[ hh:mm[:ss]]"));
    }

    @Test
    void theZoneIsTheSitesForcedOneThenItsDefaultThenTheServers() {
        FakeLms lms = new FakeLms();
        assertEquals(ZoneId.systemDefault(), Times.zone(lms.siteConfig));
        lms.siteConfig.set("timezone", "99");
        assertEquals(ZoneId.systemDefault(), Times.zone(lms.siteConfig));
        lms.siteConfig.set("timezone", "Europe/Paris");
        assertEquals(PARIS, Times.zone(lms.siteConfig));
        lms.siteConfig.set("forcetimezone", "America/New_York");
        assertEquals(ZoneId.of("America/New_York"), Times.zone(lms.siteConfig));
        lms.siteConfig.set("forcetimezone", "Not/AZone");
        assertEquals(PARIS, Times.zone(lms.siteConfig));
    }
}
