package io.atrium.soap.hook.api;

import java.util.Objects;

/**
 * A fault a {@link SoapMethod} raises (ILIAS's {@code ilSoapPluginException}). The code becomes
 * the fault code as a qualified name: {@code Client} and {@code Server} are
 * {@code SOAP-ENV:Client} and {@code SOAP-ENV:Server}; any other code is a SOAP 1.1 dotted
 * subcode of the class its name starts with, so ILIAS's {@code CLIENT_OBJECT_NOT_FOUND} is
 * {@code SOAP-ENV:Client.CLIENT_OBJECT_NOT_FOUND} and {@code SERVER_ERROR} is
 * {@code SOAP-ENV:Server.SERVER_ERROR} (a code naming neither class is a {@code Server} subcode).
 */
public class SoapPluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The client sent something wrong. */
    public static final String CLIENT = "Client";
    /** The server could not do what was asked. */
    public static final String SERVER = "Server";

    private final String code;

    /** A fault with code {@link #SERVER}. */
    public SoapPluginException(String message) {
        this(message, SERVER);
    }

    /**
     * A fault with a code.
     *
     * @param code {@link #CLIENT}, {@link #SERVER}, or a subcode such as
     *             {@code CLIENT_OBJECT_NOT_FOUND} (letters, digits, {@code _}, {@code -}, {@code .})
     */
    public SoapPluginException(String message, String code) {
        super(Objects.requireNonNull(message, "message"));
        Objects.requireNonNull(code, "code");
        if (!code.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("a fault code is letters, digits, _, - and .: " + code);
        }
        this.code = code;
    }

    /** The code as given. */
    public String code() {
        return code;
    }
}
