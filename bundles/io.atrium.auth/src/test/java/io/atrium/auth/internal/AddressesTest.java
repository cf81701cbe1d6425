package io.atrium.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "            | 10.0.0.1    | true",
            "10.0.0.1    | 10.0.0.1    | true",
            "10.0.0.1    | 10.0.0.2    | false",
            "10.0.0.0/24 | 10.0.0.200  | true",
            "10.0.0.0/24 | 10.0.1.1    | false",
            "10.0.0.0/8, 192.168.1.5 | 192.168.1.5 | true",
            "10.1.       | 10.1.9.9    | true",
            "10.1.       | 10.10.9.9   | false",
            "2001:db8::/32 | 2001:db8::1 | true",
            "2001:db8::/32 | 2001:db9::1 | false",
            "::1         | 0:0:0:0:0:0:0:1 | true",
            "10.0.0.0/99 | 10.0.0.1    | false",
            "example.com | 10.0.0.1    | false" })
    void moodlesSubnetRules(String restriction, String address, boolean allowed) {
        assertEquals(allowed, Addresses.allowed(restriction, address));
    }
}
