/**
 * The web-service function SPI: what a plugin developer writes to add a function to Atrium.
 * <p>
 * A function is a Declarative Services component that provides {@link io.atrium.ws.api.WsFunction}
 * and names itself with {@link io.atrium.ws.api.WsFunctionName}:
 *
 * <pre>
 * &#64;Component
 * &#64;WsFunctionName("local_hello_greet")
 * public class Greet implements WsFunction {
 *
 *     private static final FunctionSpec SPEC = FunctionSpec.builder()
 *             .description("Greets people by name.")
 *             .type(FunctionType.READ)
 *             .parameters(single(key("names", multiple(value(ParamType.TEXT, "A name")))))
 *             .returns(multiple(single(key("greeting", value(ParamType.TEXT, "The greeting")))))
 *             .build();
 *
 *     public FunctionSpec spec() {
 *         return SPEC;
 *     }
 *
 *     public Object execute(WsCall call) {
 *         return call.params().getStringList("names").stream()
 *                 .map(name -&gt; Map.of("greeting", "Hello, " + name)).toList();
 *     }
 * }
 * </pre>
 *
 * The model is Moodle's external API, so that Moodle developers recognise it: parameters and
 * returns are built from {@linkplain io.atrium.ws.api.ValueDescriptor values},
 * {@linkplain io.atrium.ws.api.SingleStructure single structures} and
 * {@linkplain io.atrium.ws.api.MultipleStructure multiple structures} (see
 * {@link io.atrium.ws.api.Descriptors}); Atrium validates and cleans the parameters as Moodle's
 * {@code validate_parameters} does before {@code execute} runs, cleans the return value against
 * the returns descriptor as {@code clean_returnvalue} does, and serves the function over REST,
 * SOAP and XML-RPC with Moodle's wire formats. Errors are {@link io.atrium.ws.api.WsException}s
 * carrying Moodle's error codes.
 */
@Export
@Version("1.0.0")
package io.atrium.ws.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
