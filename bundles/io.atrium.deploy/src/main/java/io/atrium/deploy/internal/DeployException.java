package io.atrium.deploy.internal;

/** An artifact that cannot be deployed; the message is the reason shown to the administrator. */
final class DeployException extends Exception {

    private static final long serialVersionUID = 1L;

    DeployException(String reason) {
        super(reason);
    }
}
