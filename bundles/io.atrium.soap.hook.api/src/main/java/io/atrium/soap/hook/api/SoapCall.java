package io.atrium.soap.hook.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** One call of a {@link SoapMethod}, as the endpoint decoded it. */
@ProviderType
public interface SoapCall {

    /**
     * The parameters in the order of {@link SoapMethod#inputParams()}, decoded by their
     * declared types; {@code null} for a part the request left out. Unmodifiable.
     */
    List<Object> params();

    /** The client's address, as the server saw it. */
    String remoteAddress();

    /**
     * Checks a session id ({@code <session>::<client>}, as {@code login} returned it) and
     * keeps the session alive.
     *
     * @throws SoapPluginException a {@code Client} fault: {@code No session id given},
     *                             {@code No client given}, {@code Session invalid}
     */
    SoapSession session(String sid) throws SoapPluginException;
}
