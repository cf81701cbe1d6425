package io.atrium.lms.api;

/**
 * A user, with the fields other bundles need. The web-service functions read the rest directly.
 *
 * @param password the bcrypt hash ({@code $2y$...}); empty when the user cannot log in with one
 */
public record User(long id, String auth, boolean confirmed, boolean deleted, boolean suspended, long mnethostid,
        String username, String password, String idnumber, String firstname, String lastname, String email,
        String lang, long timecreated, long timemodified) {

    /** First and last name, as Moodle's {@code fullname()} shows them by default. */
    public String fullname() {
        return firstname + " " + lastname;
    }

    @Override
    public String toString() { // never the hash
        return "User[id=" + id + ", username=" + username + "]";
    }
}
