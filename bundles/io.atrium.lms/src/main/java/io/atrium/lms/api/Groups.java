package io.atrium.lms.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Groups of a course and their members, as Moodle's group library keeps them, with the events
 * {@code group_created}, {@code group_member_added} and {@code group_member_removed}.
 */
@ProviderType
public interface Groups {

    /** A group by id. */
    Optional<Group> get(long id);

    /** A group of a course by its exact name. */
    Optional<Group> byName(long courseId, String name);

    /**
     * Creates a group in a course.
     *
     * @param fields {@code mdl_groups} columns: {@code name} (required), {@code idnumber},
     *               {@code description}, {@code descriptionformat}, {@code enrolmentkey},
     *               {@code visibility}, {@code participation} (boolean or 0/1)
     * @return the new group's id
     * @throws WsException {@code invalidrecord} for a missing course, {@code invalidparameter} for
     *                     an empty name or an unknown field, {@code groupnameexists} when the
     *                     course has a group of that name, {@code idnumbertaken} for a taken id number
     */
    long create(long courseId, Map<String, Object> fields, long actor) throws WsException;

    /**
     * Adds a user to a group; nothing happens when the user is a member already.
     *
     * @param component the plugin that manages the membership, {@code ""} for one made by hand
     * @param itemId    the plugin's item, 0 for one made by hand
     * @return whether a membership was added
     * @throws WsException {@code invalidrecord} for a missing group or user, {@code invalidparameter}
     *                     when the user is not enrolled in the group's course
     */
    boolean addMember(long groupId, long userId, String component, long itemId, long actor) throws WsException;

    /**
     * Removes a user from a group.
     *
     * @return whether there was a membership to remove
     */
    boolean removeMember(long groupId, long userId, long actor);

    /** Whether the user is a member of the group. */
    boolean isMember(long groupId, long userId);

    /** The groups of a course the user is a member of, by name. */
    List<Group> ofUser(long courseId, long userId);
}
