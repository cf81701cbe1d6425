package io.atrium.feature;

import java.util.Objects;

/**
 * A Maven artifact coordinate as the feature model writes it:
 * {@code groupId:artifactId[:type[:classifier]]:version}.
 *
 * @param groupId    the group id
 * @param artifactId the artifact id
 * @param version    the version
 * @param type       the type (extension), {@code jar} when not given
 * @param classifier the classifier, or {@code null}
 */
public record ArtifactId(String groupId, String artifactId, String version, String type, String classifier) {

    public ArtifactId {
        requirePart(groupId, "groupId");
        requirePart(artifactId, "artifactId");
        requirePart(version, "version");
        requirePart(type, "type");
        if (classifier != null && classifier.isEmpty()) {
            classifier = null;
        }
    }

    /**
     * Parses {@code groupId:artifactId[:type[:classifier]]:version}.
     *
     * @param coordinates the text
     * @return the artifact id
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static ArtifactId parse(String coordinates) {
        String[] p = coordinates.trim().split(":", -1);
        try {
            return switch (p.length) {
                case 3 -> new ArtifactId(p[0], p[1], p[2], "jar", null);
                case 4 -> new ArtifactId(p[0], p[1], p[3], p[2], null);
                case 5 -> new ArtifactId(p[0], p[1], p[4], p[2], p[3]);
                default -> throw new IllegalArgumentException("wrong number of parts");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid artifact id '" + coordinates
                    + "' (expected groupId:artifactId[:type[:classifier]]:version)");
        }
    }

    /**
     * The path of this artifact relative to the root of a repository in Maven layout, with
     * {@code /} as separator: {@code org/apache/felix/org.apache.felix.scr/2.2.18/org.apache.felix.scr-2.2.18.jar}.
     *
     * @return the relative path
     */
    public String repositoryPath() {
        return groupId.replace('.', '/') + '/' + artifactId + '/' + version + '/'
                + artifactId + '-' + version + (classifier == null ? "" : '-' + classifier) + '.' + type;
    }

    /** The coordinates in the short form the feature model uses, {@code g:a:v} for a plain jar. */
    @Override
    public String toString() {
        if (classifier != null) {
            return groupId + ':' + artifactId + ':' + type + ':' + classifier + ':' + version;
        }
        return "jar".equals(type) ? groupId + ':' + artifactId + ':' + version
                : groupId + ':' + artifactId + ':' + type + ':' + version;
    }

    private static void requirePart(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isWhitespace(c))
                || value.equals("..") || value.equals(".")) {
            throw new IllegalArgumentException("invalid " + name + " '" + value + "'");
        }
    }
}
