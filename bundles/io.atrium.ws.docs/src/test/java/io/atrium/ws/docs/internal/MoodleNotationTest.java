package io.atrium.ws.docs.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.core.php.PhpValues;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.SingleStructure;

class MoodleNotationTest {

    /** The boxes of Moodle 4.5's page for core_user_create_users, in page order. */
    private static List<String> moodle;

    @BeforeAll
    static void readCapture() throws Exception {
        moodle = Fixtures.capturedBoxes();
        assertEquals(7, moodle.size(), "the capture has 7 boxes");
    }

    private static Descriptor users() {
        return Fixtures.CREATE_USERS_PARAMETERS.keys().get("users");
    }

    @Test
    void generalStructureOfAnArgumentIsMoodles() {
        assertEquals(moodle.get(0), MoodleNotation.generalStructure(users()));
    }

    @Test
    void firstLinesReadAsMoodlePrintsThem() {
        String[] lines = MoodleNotation.generalStructure(users()).split("\n");
        assertEquals("list of ( ", lines[0]);
        assertEquals("object {", lines[1]);
        assertEquals("createpassword int  Optional //True if password should be created and mailed to user.", lines[2]);
        assertEquals("username string   //Username policy is defined in Moodle security config.", lines[3]);
        assertEquals("auth string  Default to \"manual\" //Auth plugins include manual, ldap, etc", lines[4]);
        assertEquals("idnumber string  Default to \"\" //An arbitrary ID code number perhaps from the institution",
                lines[19]);
    }

    @Test
    void restPostParametersAreMoodles() {
        assertEquals(moodle.get(2), MoodleNotation.restPostParameters("users", users()));
    }

    @Test
    void generalStructureOfTheResponseIsMoodles() {
        assertEquals(moodle.get(3), MoodleNotation.generalStructure(Fixtures.CREATE_USERS_RETURNS));
    }

    @Test
    void xmlSkeletonIsMoodles() {
        assertEquals(moodle.get(5), MoodleNotation.xmlSkeleton(Fixtures.CREATE_USERS_RETURNS));
    }

    @Test
    void xmlSkeletonOfNothingIsAnEmptyResponse() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n</RESPONSE>\n",
                MoodleNotation.xmlSkeleton(null));
    }

    @Test
    void xmlSkeletonOfAScalarAndOfNestedLists() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n    <VALUE>double</VALUE>\n"
                + "</RESPONSE>\n", MoodleNotation.xmlSkeleton(value(ParamType.FLOAT, "x")));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n"
                + "    <MULTIPLE>\n        <MULTIPLE>\n            <VALUE>int</VALUE>\n        </MULTIPLE>\n"
                + "    </MULTIPLE>\n</RESPONSE>\n",
                MoodleNotation.xmlSkeleton(multiple(multiple(value(ParamType.BOOL, "")))));
    }

    @Test
    void nestedStructures() {
        Descriptor item = Fixtures.ITEM;
        assertEquals("  //An item\n"
                + "object {\n"
                + "id int   //Identifier\n"
                + "name string   //Name\n"
                + "price double  Optional //Price\n"
                + "visible int  Default to \"1\" //Whether it shows\n"
                + "tags  Optional //Tags\n"
                + "list of ( \n"
                + "string   //A tag\n"
                + ")details  Optional //Details\n"
                + "object {\n"
                + "color string  Default to \"blue\" //Colour\n"
                + "size int  Optional //Size\n"
                + "} \n"
                + "} \n", MoodleNotation.generalStructure(item));
        assertEquals("item[id]= int\nitem[name]= string\nitem[price]= double\nitem[visible]= int\n"
                + "item[tags][0]= string\nitem[details][color]= string\nitem[details][size]= int\n",
                MoodleNotation.restPostParameters("item", item));
    }

    @Test
    void undescribedElementsShowNoMarkerAsInMoodle() {
        SingleStructure s = single(key("a", value(ParamType.INT, "").optional()),
                key("b", value(ParamType.TEXT, "")));
        assertEquals("object {\na int b string } \n", MoodleNotation.generalStructure(s));
    }

    @Test
    void defaultsArePrintedAsPhpPrintR() {
        assertEquals("Default to \"null\"", MoodleNotation.presence(value(ParamType.INT, "x").withDefault(null)));
        assertEquals("Default to \"\"", MoodleNotation.presence(value(ParamType.BOOL, "x").withDefault(false)));
        assertEquals("Default to \"1\"", MoodleNotation.presence(value(ParamType.BOOL, "x").withDefault(true)));
        assertEquals("Default to \"0\"", MoodleNotation.presence(value(ParamType.INT, "x").withDefault(0)));
        assertEquals("Default to \"1.5\"", MoodleNotation.presence(value(ParamType.FLOAT, "x").withDefault(1.5)));
        assertEquals("Default to \"2\"", MoodleNotation.presence(value(ParamType.FLOAT, "x").withDefault(2.0)));
        assertEquals("Default to \"Array\n(\n)\n\"",
                MoodleNotation.presence(multiple(value(ParamType.INT, "x")).withDefault(List.of())));
        assertEquals("Required", MoodleNotation.presence(value(ParamType.INT, "x")));
        assertEquals("Optional", MoodleNotation.presence(value(ParamType.INT, "x").optional()));
    }

    @Test
    void nullableDoesNotChangeMoodlesText() {
        assertEquals(MoodleNotation.generalStructure(single(key("a", value(ParamType.INT, "d").notNull()))),
                MoodleNotation.generalStructure(single(key("a", value(ParamType.INT, "d")))));
    }

    @Test
    void aFunctionWithoutParametersHasNoRestLines() {
        assertEquals("", MoodleNotation.restPostParameters("x", single()));
        assertTrue(MoodleNotation.generalStructure(single()).startsWith("object {\n} "));
    }

    @Test
    void phpFloats() {
        assertEquals("0.1", PhpValues.floatToString(0.1));
        assertEquals("1.0E+20", PhpValues.floatToString(1e20));
        assertEquals("1.0E-5", PhpValues.floatToString(0.00001));
        assertEquals("0.0001", PhpValues.floatToString(0.0001));
        assertEquals("0.33333333333333", PhpValues.floatToString(1.0 / 3));
        assertEquals("-2.5", PhpValues.floatToString(-2.5));
    }
}
