package io.atrium.ws.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the function a {@link WsFunction} component provides. On the component class:
 * {@code @WsFunctionName("local_hello_greet")}. It sets the service property
 * {@value #PROPERTY}, which is how the dispatcher finds the function without loading it.
 * <p>
 * The name follows Moodle's convention: the frankenstyle component ({@code local_hello},
 * {@code tool_sync}, {@code core_user}) and the method, joined by {@code _}; lower-case letters,
 * digits and underscores. Names are unique: when two services claim one, the higher
 * {@code service.ranking} (then the lower {@code service.id}) wins and the other is reported.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WsFunctionName {

    /** The service property the name travels in. */
    String PROPERTY = "atrium.ws.function.name";

    /** Prefix for the property name derived from this annotation's name. */
    String PREFIX_ = "atrium.";

    /** The function's name, such as {@code local_hello_greet}. */
    String value();
}
