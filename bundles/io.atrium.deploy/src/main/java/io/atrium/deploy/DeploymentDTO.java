package io.atrium.deploy;

import org.osgi.dto.DTO;

/**
 * One artifact in the deploy directory.
 */
public class DeploymentDTO extends DTO {

    /** A bundle jar. */
    public static final String KIND_BUNDLE = "bundle";
    /** A feature file. */
    public static final String KIND_FEATURE = "feature";

    /** Deployed, and every bundle it brought is active (a fragment: resolved). */
    public static final String STATE_ACTIVE = "ACTIVE";
    /** Not (fully) deployed; {@link #reason} says why. */
    public static final String STATE_FAILED = "FAILED";

    /** The file name within the deploy directory. */
    public String name;

    /** {@link #KIND_BUNDLE} or {@link #KIND_FEATURE}. */
    public String kind;

    /** {@link #STATE_ACTIVE} or {@link #STATE_FAILED}. */
    public String state;

    /** Why the artifact is not active, or {@code null} when it is. */
    public String reason;

    /** For a feature, its id ({@code groupId:artifactId[:type[:classifier]]:version}); else {@code null}. */
    public String featureId;

    /**
     * The ids of the bundles this artifact consists of: the bundle of a jar, or every bundle a
     * feature lists (including bundles it shares with the platform or with other features).
     */
    public long[] bundleIds;

    /**
     * The ids of the bundles that were installed for this artifact and are removed with it
     * (a bundle shared with another feature is removed with the last of them).
     */
    public long[] ownedBundleIds;
}
