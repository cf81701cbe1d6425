package io.atrium.ws.core.php;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How PHP 8's {@code json_encode} prints a float: php-src {@code zend_gcvt} (formerly
 * {@code php_gcvt} in {@code main/snprintf.c}) over the digits of {@code zend_dtoa} mode 0 (the
 * shortest digits that read back as the same double), with {@code serialize_precision = -1},
 * exponent threshold 17 and {@code e}. (A float in string context, as XML shows it, is
 * {@code io.atrium.ws.core.php.PhpValues#floatToString}.)
 * <p>
 * The layout: exponent form {@code d.ddde+X} (at least one digit after the point, exponent
 * without leading zeros) when the decimal exponent {@code decpt} (value = 0.digits &times;
 * 10^decpt) is below -3 or above the threshold; otherwise plain digits, with {@code 0.} and
 * leading zeros for a magnitude below 1.
 */
final class PhpJsonNumbers {

    private static final int JSON_THRESHOLD = 17;

    private PhpJsonNumbers() {
    }

    /** {@code json_encode} of a float; NaN and infinities fail, as in PHP. */
    static String jsonDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("Inf and NaN cannot be JSON encoded");
        }
        Digits digits = shortest(Math.abs(d));
        return layout(d, digits, JSON_THRESHOLD, 'e');
    }

    /** The significant digits (no trailing zeros) and the decimal point position. */
    private record Digits(String digits, int decpt) {
        static Digits of(BigDecimal positive) {
            BigDecimal stripped = positive.stripTrailingZeros();
            return new Digits(stripped.unscaledValue().toString(), stripped.precision() - stripped.scale());
        }
    }


    /** dtoa mode 0: the shortest digits that read back as {@code positive}; the closest of those. */
    private static Digits shortest(double positive) {
        if (positive == 0) {
            return new Digits("0", 1);
        }
        BigDecimal exact = new BigDecimal(positive);
        for (int p = 1; p <= 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(nearest.toString()) == positive) {
                return Digits.of(nearest);
            }
            // At a power of two the interval of doubles is lopsided: a neighbour of the nearest
            // p-digit decimal may read back when the nearest does not.
            BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-nearest.scale());
            BigDecimal best = null;
            for (BigDecimal candidate : new BigDecimal[] { nearest.subtract(unit), nearest.add(unit) }) {
                if (candidate.signum() > 0 && Double.parseDouble(candidate.toString()) == positive
                        && (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return Digits.of(best);
            }
        }
        return Digits.of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static String layout(double d, Digits digits, int threshold, char exponentChar) {
        StringBuilder out = new StringBuilder();
        // zend_dtoa reports the sign bit, so -0.0 prints as "-0".
        if (d < 0 || (d == 0 && 1 / d < 0)) {
            out.append('-');
        }
        String ds = digits.digits();
        int decpt = digits.decpt();
        if (decpt < 0 ? decpt < -3 : decpt > threshold) {
            int exponent = decpt - 1;
            out.append(ds.charAt(0)).append('.');
            out.append(ds.length() == 1 ? "0" : ds.substring(1));
            out.append(exponentChar).append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        } else if (decpt < 0) {
            out.append("0.");
            for (int i = decpt; i < 0; i++) {
                out.append('0');
            }
            out.append(ds);
        } else {
            for (int i = 0; i < decpt; i++) {
                out.append(i < ds.length() ? ds.charAt(i) : '0');
            }
            if (ds.length() > decpt) {
                if (decpt == 0) {
                    out.append('0');
                }
                out.append('.').append(ds, decpt, ds.length());
            }
        }
        return out.toString();
    }
}
