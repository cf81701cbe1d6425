package io.atrium.auth.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Moodle's {@code address_in_subnet} for token and service IP restrictions. */
final class Addresses {

    private Addresses() {
    }

    /**
     * Whether the address matches one of the comma-separated entries: an address
     * ({@code 10.1.2.3}), a CIDR range ({@code 10.1.0.0/16}, {@code 2001:db8::/32}) or a prefix
     * ending with a dot ({@code 10.1.}). A restriction that is empty allows everyone.
     */
    static boolean allowed(String restriction, String address) {
        if (restriction == null || restriction.isBlank()) {
            return true;
        }
        for (String raw : restriction.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith(".") && address.startsWith(entry)) {
                return true;
            }
            if (entry.contains("/") ? inRange(entry, address) : same(entry, address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(String entry, String address) {
        byte[] a = literal(entry);
        byte[] b = literal(address);
        return a != null && b != null && java.util.Arrays.equals(a, b);
    }

    private static boolean inRange(String cidr, String address) {
        int slash = cidr.indexOf('/');
        byte[] net = literal(cidr.substring(0, slash));
        byte[] ip = literal(address);
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (net == null || ip == null || net.length != ip.length || bits < 0 || bits > net.length * 8) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((net[i / 8] & mask) != (ip[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal, or {@code null}; never a name lookup. */
    private static byte[] literal(String text) {
        String t = text.trim();
        if (t.isEmpty() || !(t.matches("[0-9.]+") || t.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
