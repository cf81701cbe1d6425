/**
 * The SOAP hook plugin slot, after ILIAS's {@code soaphk} slot: a bundle registers a
 * {@link io.atrium.soap.hook.api.SoapHookPlugin} service, and its
 * {@link io.atrium.soap.hook.api.SoapMethod}s and {@link io.atrium.soap.hook.api.WsdlType}s are
 * served at {@code /webservice/soap/server.php?client_id=<client>} (WSDL at
 * {@code ?client_id=<client>&wsdl}) for as long as the service is registered, beside
 * {@code login(client, username, password)} and {@code logout(sid)}.
 * <p>
 * Methods are rpc/encoded. Parameters arrive positionally, in the order of
 * {@link io.atrium.soap.hook.api.SoapMethod#inputParams()}, decoded by their declared XSD type:
 * {@code xsd:int}, {@code xsd:long} and the other integer types as {@code Long},
 * {@code xsd:boolean} as {@code Boolean}, {@code xsd:double}, {@code xsd:float} and
 * {@code xsd:decimal} as {@code Double}, a struct type as a {@code Map<String, Object>}, an
 * array type as a {@code List<Object>}, anything else as {@code String}; a part the request
 * left out is {@code null}. Most methods extend
 * {@link io.atrium.soap.hook.api.AbstractSoapMethod}, which takes the session id as the first
 * parameter and checks it.
 */
@Export
@Version("1.0.0")
package io.atrium.soap.hook.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
