package io.atrium.ws.core.php;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PHP's conversion of values to text, which Moodle's wire formats show wherever a value
 * appears as text: error texts ({@code the value is "X"}), REST XML scalars, SOAP and XML-RPC
 * strings, the documentation's defaults. Protocol bundles use it to match Moodle's bytes.
 */
public final class PhpValues {

    /** PHP's default {@code precision}: significant digits of a float converted to a string. */
    private static final int PRECISION = 14;
    private static final MathContext FLOAT_DIGITS = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

    private PhpValues() {
    }

    /**
     * PHP's {@code (string)} conversion of a scalar: {@code true} is "1", {@code false} and
     * {@code null} are "", integers are plain, floats use {@link #floatToString(double)}.
     * Other Java numbers are converted as the PHP type they stand for.
     */
    public static String toPhpString(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Float f) {
            return floatToString(Double.parseDouble(Float.toString(f)));
        }
        if (value instanceof Number n) {
            return floatToString(n.doubleValue());
        }
        return String.valueOf(value);
    }

    /**
     * PHP's conversion of a float to a string with the default {@code precision} of 14
     * significant digits: {@code 1.0} is "1", {@code 0.1} is "0.1", {@code 1e25} is "1.0E+25",
     * {@code 0.00001} is "1.0E-5", {@code -0.0} is "-0", infinities are "INF"/"-INF", NaN is "NAN".
     */
    public static String floatToString(double d) {
        if (Double.isNaN(d)) {
            return "NAN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(FLOAT_DIGITS).stripTrailingZeros();
        String digits = rounded.unscaledValue().abs().toString();
        // The value is 0.<digits> times ten to the power of decpt.
        int decpt = digits.length() - rounded.scale();
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        if (decpt < 0 ? decpt < -3 : decpt > PRECISION) {
            int exponent = decpt - 1;
            sb.append(digits.charAt(0)).append('.');
            sb.append(digits.length() > 1 ? digits.substring(1) : "0");
            sb.append('E').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        } else if (decpt <= 0) {
            sb.append("0.");
            for (int i = decpt; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            for (int i = 0; i < decpt; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
            if (digits.length() > decpt) {
                sb.append('.').append(digits, decpt, digits.length());
            }
        }
        return sb.toString();
    }
}
