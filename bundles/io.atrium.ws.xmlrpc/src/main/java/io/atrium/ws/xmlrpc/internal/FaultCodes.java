package io.atrium.ws.xmlrpc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code faultCode} Moodle's XML-RPC server derives from an error code
 * ({@code webservice_xmlrpc_server::generate_error}):
 * {@code (int) substr(base_convert(md5($errorcode), 16, 10), 0, 8)}, and 404 when the exception
 * has no error code ({@code empty($ex->errorcode)}, which in PHP includes {@code "0"}).
 * <p>
 * PHP's {@code base_convert} is not exact for 128-bit numbers: it reads the digits into a
 * signed 64-bit integer until that would overflow, then carries on in a {@code double}
 * ({@code _php_math_basetozval}), and writes a {@code double} out by repeated {@code fmod} and
 * division by the base, without rounding in between ({@code _php_math_zvaltobase}). Only the
 * first 16 or so digits are right; the rest are what that arithmetic produces. Both steps are
 * reproduced here operation by operation (Java's {@code double} arithmetic is IEEE 754, as on
 * the x86-64 builds of PHP, and its {@code %} on doubles is C's {@code fmod}).
 */
final class FaultCodes {

    /** The code of an exception without an error code (the default of {@code generate_error}). */
    static final int NO_ERRORCODE = 404;

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

    private FaultCodes() {
    }

    /** The fault code for an error code. */
    static int of(String errorcode) {
        if (!hasErrorcode(errorcode)) {
            return NO_ERRORCODE;
        }
        String decimal = baseConvert(md5Hex(errorcode), 16, 10);
        // (int) of an all-digit string of at most 8 digits: its value.
        return Integer.parseInt(decimal.substring(0, Math.min(8, decimal.length())));
    }

    /** Whether PHP's {@code !empty($errorcode)} holds: neither null, nor "", nor "0". */
    static boolean hasErrorcode(String errorcode) {
        return errorcode != null && !errorcode.isEmpty() && !errorcode.equals("0");
    }

    /** PHP's {@code md5($s)}: the lowercase hex digest of the UTF-8 bytes. */
    static String md5Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (byte b : digest) {
                hex.append(DIGITS.charAt((b >> 4) & 0xF)).append(DIGITS.charAt(b & 0xF));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /**
     * PHP 8's {@code base_convert($number, $from, $to)} for a string of digits of the base
     * (other characters are skipped, as PHP skips them after a deprecation notice).
     */
    static String baseConvert(String number, int from, int to) {
        if (from < 2 || from > 36 || to < 2 || to > 36) {
            throw new IllegalArgumentException("bases are 2 to 36");
        }
        // _php_math_basetozval
        long num = 0;
        double fnum = 0;
        boolean inDouble = false;
        long cutoff = Long.MAX_VALUE / from;
        long cutlim = Long.MAX_VALUE % from;
        String s = number.strip();
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char p = s.charAt(1);
            if (from == 16 && (p == 'x' || p == 'X') || from == 8 && (p == 'o' || p == 'O')
                    || from == 2 && (p == 'b' || p == 'B')) {
                s = s.substring(2);
            }
        }
        for (int i = 0; i < s.length(); i++) {
            int c = Character.digit(s.charAt(i), 36);
            if (c < 0 || c >= from || s.charAt(i) > 'z') {
                continue;
            }
            if (!inDouble) {
                if (num < cutoff || (num == cutoff && c <= cutlim)) {
                    num = num * from + c;
                    continue;
                }
                fnum = (double) num;
                inDouble = true;
            }
            fnum = fnum * from + c;
        }
        return inDouble ? doubleToBase(fnum, to) : Long.toString(num, to);
    }

    /** {@code _php_math_zvaltobase} for a double: at most 64 digits, the last computed first. */
    private static String doubleToBase(double value, int base) {
        double f = Math.floor(value);
        if (Double.isInfinite(f)) {
            throw new IllegalArgumentException("An infinite value cannot be converted to base " + base);
        }
        char[] buf = new char[64];
        int ptr = buf.length;
        do {
            buf[--ptr] = DIGITS.charAt((int) (f % base));
            f /= base;
        } while (ptr > 0 && Math.abs(f) >= 1);
        return new String(buf, ptr, buf.length - ptr);
    }
}
