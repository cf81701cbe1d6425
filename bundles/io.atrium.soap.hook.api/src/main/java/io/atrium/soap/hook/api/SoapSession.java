package io.atrium.soap.hook.api;

/**
 * A live SOAP session.
 *
 * @param userId the user who logged in
 * @param client the client id the session belongs to
 */
public record SoapSession(long userId, String client) {
}
