package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class CoursesCreateTest {

    private static long at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(ZoneId.systemDefault()).toEpochSecond();
    }

    @Test
    void datesAreUnixSecondsOrDatesInTheServersZone() throws Exception {
        assertEquals(1725148800L, CoursesCreate.time("startdate", "1725148800"));
        assertEquals(0L, CoursesCreate.time("startdate", "0"));
        assertEquals(at(2024, 9, 1, 0, 0), CoursesCreate.time("startdate", "2024-09-01"));
        assertEquals(at(2024, 9, 1, 8, 30), CoursesCreate.time("startdate", "2024-09-01 08:30"));
        assertEquals(at(2024, 9, 1, 8, 30) + 15, CoursesCreate.time("startdate", "2024-09-01T08:30:15"));
        for (String bad : new String[] { "tomorrow", "2024-13-01", "01/09/2024", "2024-09-01 8h", "1e9" }) {
            assertThrows(Processor.LineFailure.class, () -> CoursesCreate.time("startdate", bad), bad);
        }
    }
}
