package io.atrium.feature;

/**
 * A feature file that cannot be read or does not describe a feature Atrium can apply. The
 * message names the file and the place in it.
 */
public class FeatureException extends Exception {

    private static final long serialVersionUID = 1L;

    public FeatureException(String message) {
        super(message);
    }

    public FeatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
