/**
 * The feature model: which bundles a concern consists of, in what start order, and the
 * configurations it brings.
 * <p>
 * A feature file is JSON in the format of the Apache Sling Feature Model. Atrium reads the
 * parts it acts on: {@code id}, {@code title}, {@code description}, {@code variables},
 * {@code bundles} (a Maven id, or an object with {@code id} and {@code start-order}),
 * {@code configurations} (by PID; {@code factory~name} for factory configurations; Felix
 * {@code key:Type} hints) and {@code framework-properties}. Comments are allowed. A feature
 * that needs something Atrium does not do ({@code prototype}, a required extension) is
 * rejected rather than half applied.
 * <p>
 * The launcher reads the features it boots with this package; the deploy bundle reads the
 * features dropped into {@code deploy/}.
 */
@Export
@Version("1.0.0")
package io.atrium.feature;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
