package io.atrium.lms.api;

/** Moodle's context levels, with their numbers. */
public enum ContextLevel {
    SYSTEM(10), USER(30), COURSECAT(40), COURSE(50), MODULE(70), BLOCK(80);

    private final int level;

    ContextLevel(int level) {
        this.level = level;
    }

    /** The number Moodle stores ({@code contextlevel}). */
    public int level() {
        return level;
    }

    /** The level with that number. */
    public static ContextLevel of(int level) {
        for (ContextLevel l : values()) {
            if (l.level == level) {
                return l;
            }
        }
        throw new IllegalArgumentException("no context level " + level);
    }
}
