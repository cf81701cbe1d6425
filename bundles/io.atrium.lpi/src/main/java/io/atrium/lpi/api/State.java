package io.atrium.lpi.api;

/**
 * Where a file stands, with the names the web services use.
 * <ul>
 * <li>{@link #NONE}: known, not classified yet;</li>
 * <li>{@link #OK}: may be published (choices 0–5, or authorised by the licence office);</li>
 * <li>{@link #LOE10}: a fragment of at most 10% (choice 6), published under art. 32.3 TRLPI;</li>
 * <li>{@link #GT10}: a complete work or more than 10% without a licence (choice 7): in the licence
 * office's queue;</li>
 * <li>{@link #FORBIDDEN}: the licence office refused it;</li>
 * <li>{@link #DELETED}: the file is gone.</li>
 * </ul>
 */
public enum State {
    NONE("none"), OK("ok"), LOE10("loe10"), GT10("gt10"), FORBIDDEN("forbidden"), DELETED("deleted");

    private final String wireName;

    State(String wireName) {
        this.wireName = wireName;
    }

    /** The name the web services and the database use. */
    public String wireName() {
        return wireName;
    }

    /** The state with that name. */
    public static State ofWireName(String name) {
        for (State s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no state " + name);
    }
}
