package io.atrium.lpi.api;

/** The teacher's classification of a file: the original's eight options, 0 to 7. */
public enum Choice {
    /** 0: no protected content. */
    NO_PROTECTED_CONTENT(State.OK),
    /** 1: administrative or legal text (art. 13 LPI). */
    ADMINISTRATIVE(State.OK),
    /** 2: authored by the course's teachers. */
    BY_TEACHERS(State.OK),
    /** 3: edited by the university. */
    BY_UNIVERSITY(State.OK),
    /** 4: public domain. */
    PUBLIC_DOMAIN(State.OK),
    /** 5: the teacher has a licence (with its end, or none for a perpetual one). */
    HAVE_LICENCE(State.OK),
    /** 6: a fragment of at most 10% without a licence. */
    FRAGMENT_LOE10(State.LOE10),
    /** 7: a complete work or more than 10% without a licence: paid licence processing asked for. */
    GT10_REQUEST_LICENCE(State.GT10);

    private final State state;

    Choice(State state) {
        this.state = state;
    }

    /** The number the original uses (0–7). */
    public int number() {
        return ordinal();
    }

    /** The state a file so classified goes to. */
    public State state() {
        return state;
    }

    /** The choice with that number. */
    public static Choice of(int number) {
        if (number < 0 || number >= values().length) {
            throw new IllegalArgumentException("no choice " + number);
        }
        return values()[number];
    }
}
