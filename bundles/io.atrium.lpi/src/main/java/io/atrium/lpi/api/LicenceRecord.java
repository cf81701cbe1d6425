package io.atrium.lpi.api;

/**
 * The metadata of one course file.
 *
 * @param id              the record's id (the one the web services name)
 * @param fileid          the file ({@code io.atrium.lms.api.Files#byId})
 * @param contextid       the file's context
 * @param courseid        the course the file is in
 * @param cmid            the course module whose context holds the file, or {@code null} for a file of the course itself
 * @param state           where it stands
 * @param choice          the teacher's classification, or {@code null} before one
 * @param title           the work's title
 * @param author          its author
 * @param publisher       its publisher
 * @param identification  ISBN, ISSN, DOI or similar
 * @param pages           the pages used, as the teacher wrote them
 * @param totalpages      the work's pages, 0 when unknown
 * @param firstpage       the first page of the fragment used, 0 when none
 * @param lastpage        the last page of the fragment used, 0 when none
 * @param fragment        whether a fragment is used rather than the whole work
 * @param fragmenttitle   the fragment's title (a chapter, an article)
 * @param fragmentauthor  the fragment's author
 * @param timeendlicense  when the licence ends (Unix seconds), 0 for none or perpetual
 * @param comments        the teacher's comments
 * @param documentcontent what the licence office found ({@link DocumentContent}), or {@code null}
 * @param denyreason      why the licence office refused it, or {@code null}
 * @param hidden          whether this bundle hid the file's course module
 * @param userid          who classified it last (0 before)
 * @param timecreated     when the record was made
 * @param timeclassified  when the teacher last classified it, 0 before
 * @param timemodified    when it last changed
 */
public record LicenceRecord(long id, long fileid, long contextid, long courseid, Long cmid, State state, Choice choice,
        String title, String author, String publisher, String identification, String pages, long totalpages,
        long firstpage, long lastpage, boolean fragment, String fragmenttitle, String fragmentauthor,
        long timeendlicense, String comments, DocumentContent documentcontent, String denyreason, boolean hidden,
        long userid, long timecreated, long timeclassified, long timemodified) {
}
