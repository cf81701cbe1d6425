package io.atrium.lms.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Course categories as Moodle keeps them: a tree with a path and depth per category, every
 * category's context under its parent's, and one sort order over the whole tree that places
 * each category's courses right after it.
 */
@ProviderType
public interface Categories {

    /** A category by id. */
    Optional<Category> get(long id);

    /**
     * The categories directly under a parent (0 for the top level), in their sort order.
     *
     * @since 1.2
     */
    List<Category> children(long parent);

    /**
     * Creates a category as the last child of its parent.
     *
     * @param fields {@code name} (required), {@code parent} (0 for the top, the default),
     *               {@code idnumber}, {@code description}, {@code descriptionformat} (1 = HTML,
     *               the default), {@code visible}, {@code theme}
     * @return the new category's id
     * @throws WsException {@code categoryidnumbertaken} for an ID number another category has,
     *                     {@code categorynamerequired} without a name, {@code invalidrecord}
     *                     for a parent that does not exist
     */
    long create(Map<String, Object> fields, long actor) throws WsException;
}
