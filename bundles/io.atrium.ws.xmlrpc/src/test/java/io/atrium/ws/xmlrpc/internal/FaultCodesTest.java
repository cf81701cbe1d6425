package io.atrium.ws.xmlrpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.atrium.testsupport.Golden;

/**
 * {@code (int) substr(base_convert(md5($errorcode), 16, 10), 0, 8)}. The golden captures give
 * three codes from a real Moodle; the others were worked out by a separate transcription of
 * php-src's {@code _php_math_basetozval}/{@code _php_math_zvaltobase} (and agree with the
 * exact conversion in their first 8 digits, as the golden ones do).
 */
class FaultCodesTest {

    private static final Pattern FAULT = Pattern.compile(
            "<name>faultCode</name><value><int>(\\d+)</int>.*\\| ERRORCODE: ([a-z_]+)</string>");

    static List<String> goldenFaults() {
        List<String> files = new ArrayList<>(Golden.files("xmlrpc_fault_"));
        files.addAll(Golden.files("debug_xmlrpc_fault_"));
        return files;
    }

    @ParameterizedTest
    @MethodSource("goldenFaults")
    void everyGoldenFaultCodeIsDerivedFromItsErrorcode(String file) {
        Matcher m = FAULT.matcher(Golden.of(file).bodyText());
        assertTrue(m.find(), file);
        assertEquals(Integer.parseInt(m.group(1)), FaultCodes.of(m.group(2)), file);
    }

    @ParameterizedTest
    @CsvSource({
        // from the golden captures
        "invalidtoken, 89159464",
        "codingerror, 26045186",
        "invalidrecord, 23604497",
        // the other codes the pipeline and the protocols raise
        "invalidparameter, 29039061",
        "accessexception, 23000021",
        "nopermissions, 10340380",
        "invalidresponse, 28260048",
        "generalexceptionmessage, 19983317",
        "servicenotavailable, 39474552",
        "wsaccessusersuspended, 22985481",
    })
    void faultCodes(String errorcode, int code) {
        assertEquals(code, FaultCodes.of(errorcode));
    }

    @Test
    void noErrorcodeIs404AsInGenerateError() {
        assertEquals(404, FaultCodes.of(null));
        assertEquals(404, FaultCodes.of(""));
        assertEquals(404, FaultCodes.of("0"), "PHP's empty(\"0\") is true");
    }

    @Test
    void md5IsPhpsLowercaseHex() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", FaultCodes.md5Hex(""));
        assertEquals(32, FaultCodes.md5Hex("invalidtoken").length());
    }

    @Test
    void baseConvertGoesThroughADoubleAsPhpDoes() {
        String hex = FaultCodes.md5Hex("invalidtoken");
        String php = FaultCodes.baseConvert(hex, 16, 10);
        String exact = new BigInteger(hex, 16).toString();
        assertEquals("8915946439908502448880064044044828424", php);
        assertEquals("8915946439908502597676304169886452827", exact);
        assertEquals(exact.substring(0, 16), php.substring(0, 16), "the leading digits survive");
        assertNotEquals(exact, php, "the rest are the double's");
        assertEquals("260451867800206922248822846886882408228",
                FaultCodes.baseConvert(FaultCodes.md5Hex("codingerror"), 16, 10));
        assertEquals("236044975792946644866202440284668800686",
                FaultCodes.baseConvert(FaultCodes.md5Hex("invalidrecord"), 16, 10));
    }

    @Test
    void baseConvertStaysExactWhileTheValueFitsALong() {
        assertEquals("255", FaultCodes.baseConvert("ff", 16, 10));
        assertEquals("255", FaultCodes.baseConvert("0xFF", 16, 10));
        assertEquals("1", FaultCodes.baseConvert("00000000000000000000000000000001", 16, 10));
        assertEquals("9223372036854775807", FaultCodes.baseConvert("7fffffffffffffff", 16, 10));
        // One more and PHP switches to a double: 2^63, then fmod/divide digit by digit.
        assertEquals("9223372036854776028", FaultCodes.baseConvert("8000000000000000", 16, 10));
        assertEquals("340282366920938586008062602462446642046",
                FaultCodes.baseConvert("ffffffffffffffffffffffffffffffff", 16, 10));
        assertEquals("255", FaultCodes.baseConvert("f-f", 16, 10), "invalid characters are skipped");
    }
}
