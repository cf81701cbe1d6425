package io.atrium.lpi.api;

/** What the licence office found a queued file to be, when authorising it; the wire names of the original. */
public enum DocumentContent {
    NOT_PRINTABLE("notprintable"), ADMINISTRATIVE("administrative"), OWNED_BY_TEACHERS("ownedbyteachers"),
    EDITED_BY_UNIVERSITY("editedbyuniversity"), PUBLIC_DOMAIN("publicdomain"), HAVE_LICENSE("havelicense"),
    LT10_FRAGMENT("lt10fragment"), OTHER("other");

    private final String wireName;

    DocumentContent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether an authorisation with this content needs the licence's end time. */
    public boolean needsLicenceEnd() {
        return this == HAVE_LICENSE || this == OTHER;
    }

    /** The content with that name, or {@code null}. */
    public static DocumentContent ofWireName(String name) {
        for (DocumentContent d : values()) {
            if (d.wireName.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
