package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.atrium.ws.api.WsException;

class ReplacementsTest {

    private static final Replacements.CourseValues NEW = new Replacements.CourseValues("BIO-2025", "Biology 2025",
            "BIO25", null);

    private static final List<Replacements.Section> SECTIONS = List.of(
            new Replacements.Section(0, null, "<p>Welcome to data1, see data1</p>"),
            new Replacements.Section(1, "Week {{n}}", ""));

    private static final List<Replacements.Module> MODULES = List.of(
            new Replacements.Module(11, "BIO25_dist", "Docs", "<p>Read {{what}}</p>",
                    "{\"docurl\":\"http://example.org/data1\",\"giturl\":\"\",\"display\":5}"),
            new Replacements.Module(12, "P1", "Page", null, null),
            new Replacements.Module(13, "", "News", null, null));

    private static Replacements.Entry one(String json) throws WsException {
        List<Replacements.Entry> entries = Replacements.parse(json);
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    @Test
    void emptyMeansNone() throws WsException {
        assertEquals(List.of(), Replacements.parse(""));
        assertEquals(List.of(), Replacements.parse("  \n"));
        assertEquals(List.of(), Replacements.parse(null));
        assertEquals(List.of(), Replacements.parse("{}"));
    }

    @Test
    void parsesSectionTargets() throws WsException {
        Replacements.Entry e = one("{\"section0:summary:data1\": \"Test insertion1\"}");
        assertEquals(Replacements.Target.SECTION, e.target());
        assertEquals(0, e.section());
        assertEquals("summary", e.field());
        assertEquals("data1", e.placeholder());
        assertEquals("Test insertion1", e.value());

        e = one("{\"section12:name\": \"Revision\"}");
        assertEquals(12, e.section());
        assertEquals("name", e.field());
        assertNull(e.placeholder());

        // A placeholder keeps its colons and braces.
        assertEquals("{{a:b}}", one("{\"section1:summary:{{a:b}}\": \"x\"}").placeholder());
        assertEquals("a:b", one("{\"section1:summary:a:b\": \"x\"}").placeholder());
    }

    @Test
    void parsesModuleTargetsWithCourseValuesInTheIdnumber() throws WsException {
        Replacements.Entry e = one("{\"cm:{course:idnumber}_dist:docurl\": \"Test insertion2\"}");
        assertEquals(Replacements.Target.MODULE, e.target());
        assertEquals("{course:idnumber}_dist", e.module());
        assertEquals("docurl", e.field());
        assertNull(e.placeholder());

        e = one("{\"cm:P1:intro:{{what}}\": \"the {course:fullname} guide\"}");
        assertEquals("P1", e.module());
        assertEquals("intro", e.field());
        assertEquals("{{what}}", e.placeholder());
        assertEquals("the {course:fullname} guide", e.value());
    }

    @Test
    void keepsTheOrderOfTheObject() throws WsException {
        List<Replacements.Entry> entries = Replacements.parse(
                "{\"section1:name\":\"a\",\"section0:summary\":\"b\",\"cm:P1:name\":\"c\"}");
        assertEquals(List.of("section1:name", "section0:summary", "cm:P1:name"),
                entries.stream().map(Replacements.Entry::key).toList());
    }

    private static void malformed(String json, String expected) {
        WsException e = assertThrows(WsException.class, () -> Replacements.parse(json), json);
        assertEquals("invalidparameter", e.errorcode());
        assertTrue(e.debuginfo().contains(expected), json + " -> " + e.debuginfo());
    }

    @Test
    void refusesWhatIsNotAJsonObjectOfStrings() {
        malformed("{", "not valid JSON");
        malformed("section0:summary", "not valid JSON");
        malformed("[\"a\"]", "must be a JSON object");
        malformed("\"a\"", "must be a JSON object");
        malformed("null", "must be a JSON object");
        malformed("42", "must be a JSON object");
        malformed("{\"section0:name\":\"a\"} {}", "replacements is not valid JSON: malformed JSON at line 1 column 24");
        malformed("{\"section0:name\":\"a\"} 1", "not valid JSON");
        malformed("{'section0:name':'a'}", "not valid JSON");
        malformed("{section0:name:\"a\"}", "not valid JSON");
        malformed("{\"section0:name\":\"a\",}", "not valid JSON");
        malformed("{\"section0:name\": 1}", "'section0:name': its value is not a JSON string");
        malformed("{\"section0:name\": null}", "'section0:name': its value is not a JSON string");
        malformed("{\"section0:name\": true}", "'section0:name': its value is not a JSON string");
        malformed("{\"section0:name\": [\"a\"]}", "'section0:name': its value is not a JSON string");
        malformed("{\"section0:name\": {\"a\":\"b\"}}", "'section0:name': its value is not a JSON string");
        malformed("{\"section0:name\":\"a\",\"section0:name\":\"b\"}", "'section0:name': it appears twice");
    }

    @Test
    void refusesUnknownTargetForms() {
        malformed("{\"course:fullname\":\"a\"}", "'course:fullname': unknown target 'course'");
        malformed("{\"section:summary\":\"a\"}", "unknown target 'section'");
        malformed("{\"sectionX:summary\":\"a\"}", "unknown target 'sectionX'");
        malformed("{\"Section0:summary\":\"a\"}", "unknown target 'Section0'");
        malformed("{\"section-1:summary\":\"a\"}", "unknown target 'section-1'");
        malformed("{\"section 1:summary\":\"a\"}", "unknown target 'section 1'");
        malformed("{\"section1234567:summary\":\"a\"}", "unknown target");
        malformed("{\"\":\"a\"}", "unknown target ''");
        malformed("{\"section0\":\"a\"}", "'section0': no field");
        malformed("{\"cm\":\"a\"}", "'cm': use cm:<module idnumber>:<field>");
        malformed("{\"cm:P1\":\"a\"}", "'cm:P1': use cm:<module idnumber>:<field>");
        malformed("{\"cm::name\":\"a\"}", "'cm::name': use cm:<module idnumber>:<field>");
        malformed("{\"cm:P1:\":\"a\"}", "'cm:P1:': use cm:<module idnumber>:<field>");
    }

    @Test
    void refusesUnknownSectionFieldsAndEmptyPlaceholders() {
        malformed("{\"section0:intro\":\"a\"}", "'section0:intro': unknown section field 'intro'");
        malformed("{\"section0:visible\":\"0\"}", "unknown section field 'visible'");
        malformed("{\"section0:summary:\":\"a\"}", "'section0:summary:': the placeholder is empty");
        malformed("{\"cm:P1:name:\":\"a\"}", "'cm:P1:name:': the placeholder is empty");
    }

    @Test
    void refusesUnbalancedBracesAndUnknownCourseFields() {
        malformed("{\"cm:{course:idnumber_dist:name\":\"a\"}", "its braces { } do not match");
        malformed("{\"cm:}P1:name\":\"a\"}", "its braces { } do not match");
        malformed("{\"cm:{course:category}:name\":\"a\"}", "unknown course field 'category'");
        malformed("{\"section0:summary\":\"in {course:category}\"}", "unknown course field 'category'");
        malformed("{\"section0:summary\":\"{course:}\"}", "unknown course field ''");
    }

    @Test
    void expandsCourseValues() {
        Replacements.CourseValues withId = NEW.withId(42);
        assertEquals(Optional.of("BIO25_dist"), Replacements.expand("{course:idnumber}_dist", NEW));
        assertEquals(Optional.of("42 BIO-2025 Biology 2025"),
                Replacements.expand("{course:id} {course:shortname} {course:fullname}", withId));
        assertEquals(Optional.empty(), Replacements.expand("c{course:id}", NEW));
        // Not a course field: left as it is ($ and \ are not special either).
        assertEquals(Optional.of("{course:other} $1 \\"), Replacements.expand("{course:other} $1 \\", NEW));
    }

    @Test
    void plansReplacementsOfWholeFieldsAndPlaceholders() throws WsException {
        List<Replacements.Entry> entries = Replacements.parse("{"
                + "\"section0:summary:data1\": \"Test insertion1\","
                + "\"section1:name:{{n}}\": \"{course:shortname}\","
                + "\"cm:{course:idnumber}_dist:docurl\": \"http://example.org/{course:id}\","
                + "\"cm:{course:idnumber}_dist:giturl\": \"Test insertion3\","
                + "\"cm:{course:idnumber}_dist:display\": \"7\","
                + "\"cm:{course:idnumber}_dist:intro:{{what}}\": \"the {course:fullname} guide\","
                + "\"cm:P1:name\": \"Page\u00e9 <b>&</b>\","
                + "\"cm:P1:name:Page\": \"Sheet\"}");
        Replacements.Plan plan = Replacements.plan(entries, NEW.withId(42), SECTIONS, MODULES);
        assertEquals(List.of(
                new Replacements.SectionChange(0, Map.of("summary", "<p>Welcome to Test insertion1, see Test insertion1</p>")),
                new Replacements.SectionChange(1, Map.of("name", "Week BIO-2025"))), plan.sections());
        assertEquals(2, plan.modules().size());
        assertEquals(11, plan.modules().get(0).cmid());
        assertEquals(Map.of("settings",
                "{\"docurl\":\"http://example.org/42\",\"giturl\":\"Test insertion3\",\"display\":\"7\"}",
                "intro", "<p>Read the Biology 2025 guide</p>"), plan.modules().get(0).fields());
        // Entries apply in order, each to what the one before left.
        assertEquals(new Replacements.ModuleChange(12, Map.of("name", "Sheet\u00e9 <b>&</b>")), plan.modules().get(1));
    }

    @Test
    void aPlaceholderInAFieldWithoutTextReplacesNothing() throws WsException {
        Replacements.Plan plan = Replacements.plan(Replacements.parse("{\"section0:name:x\":\"y\",\"cm:P1:intro:x\":\"y\"}"),
                NEW, SECTIONS, MODULES);
        assertEquals(List.of(new Replacements.SectionChange(0, java.util.Collections.singletonMap("name", null))),
                plan.sections());
    }

    private static void badPlan(String json, List<Replacements.Module> modules, String expected) throws WsException {
        List<Replacements.Entry> entries = Replacements.parse(json);
        WsException e = assertThrows(WsException.class,
                () -> Replacements.plan(entries, NEW.withId(42), SECTIONS, modules), json);
        assertEquals("invalidparameter", e.errorcode());
        assertTrue(e.debuginfo().contains(expected), json + " -> " + e.debuginfo());
    }

    @Test
    void refusesSectionsModulesAndFieldsTheCourseDoesNotHave() throws WsException {
        badPlan("{\"section2:summary\":\"x\"}", MODULES, "'section2:summary': the course has no section 2");
        badPlan("{\"cm:NOPE:name\":\"x\"}", MODULES, "'cm:NOPE:name': the course has no module with idnumber 'NOPE'");
        badPlan("{\"cm:{course:id}:name\":\"x\"}", MODULES, "no module with idnumber '42'");
        badPlan("{\"cm:P1:docurl\":\"x\"}", MODULES, "unknown module field 'docurl'");
        badPlan("{\"cm:P1:docurl\":\"x\"}", MODULES, "this module has no settings");
        badPlan("{\"cm:BIO25_dist:nokey\":\"x\"}", MODULES, "its settings' keys are docurl, giturl, display");
        badPlan("{\"cm:P1:name\":\"x\"}", List.of(MODULES.get(1), new Replacements.Module(14, "P1", "Again", null,
                null)), "2 modules of the course have the idnumber 'P1'");
        badPlan("{\"cm:X:key\":\"x\"}", List.of(new Replacements.Module(15, "X", "Bad", null, "[1,2]")),
                "this module has no settings");
    }

    @Test
    void beforeTheCourseExistsWhatNeedsItsIdIsLeftForLater() throws WsException {
        List<Replacements.Entry> entries = Replacements.parse(
                "{\"cm:{course:id}:name\":\"x\",\"section0:summary\":\"{course:id}\",\"cm:P1:name\":\"ok\"}");
        Replacements.Plan plan = Replacements.plan(entries, NEW, SECTIONS, MODULES);
        assertEquals(List.of(), plan.sections());
        assertEquals(List.of(new Replacements.ModuleChange(12, Map.of("name", "ok"))), plan.modules());
        // A module whose idnumber is not known yet may be the one an unmatched entry names.
        List<Replacements.Module> unknown = List.of(new Replacements.Module(16, null, "Later", null, null));
        assertEquals(List.of(), Replacements.plan(Replacements.parse("{\"cm:Z:name\":\"x\"}"), NEW, SECTIONS, unknown)
                .modules());
    }
}
