package io.atrium.lms.api;

/**
 * An identifier that names nothing, or more than one thing. The message reads like Moodle's
 * warnings: {@code user username=jdoe not exists}, {@code user email=a@b.c matches 2 records}.
 */
public class IdentifierException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Nothing has that identifier. */
    public static final String NOT_FOUND = "notfound";
    /** More than one record has it. */
    public static final String AMBIGUOUS = "ambiguous";
    /** The kind of identifier is not one the entity has, or the value is malformed. */
    public static final String INVALID = "invalididentifier";

    private final String code;
    private final String entity;

    public IdentifierException(String code, String entity, String message) {
        super(message);
        this.code = code;
        this.entity = entity;
    }

    /** {@link #NOT_FOUND}, {@link #AMBIGUOUS} or {@link #INVALID}. */
    public String code() {
        return code;
    }

    /** What was looked for: {@code user}, {@code course}, {@code cohort}, {@code group}, {@code role}, {@code category}. */
    public String entity() {
        return entity;
    }
}
