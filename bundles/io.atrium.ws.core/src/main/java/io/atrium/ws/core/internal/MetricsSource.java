package io.atrium.ws.core.internal;

/**
 * Something that contributes to {@code /metrics}, in the Prometheus text format. Registered
 * as a service so that the metrics servlet collects whatever is there; kept inside this
 * bundle until another bundle needs to contribute.
 */
public interface MetricsSource {

    /** Appends complete metric families ({@code # HELP}, {@code # TYPE} and samples). */
    void writeMetrics(StringBuilder out);
}
