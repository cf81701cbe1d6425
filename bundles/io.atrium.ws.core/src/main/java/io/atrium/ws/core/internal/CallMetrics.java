package io.atrium.ws.core.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of calls by function, protocol and outcome, and a latency histogram per function,
 * written in the Prometheus text format. Lock-free on the call path.
 * <p>
 * Labels take only names of functions that exist (a name a client invents is counted as
 * {@value #UNKNOWN}), so a client cannot make the label set grow without bound.
 */
final class CallMetrics {

    static final String UNKNOWN = "(unknown)";
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record CallKey(String function, String protocol, String outcome) {
    }

    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length];
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long elapsedNanos) {
            double seconds = elapsedNanos / 1e9;
            for (int i = 0; i < BOUNDS.length; i++) {
                if (seconds <= BOUNDS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            nanos.add(elapsedNanos);
        }
    }

    private final Map<CallKey, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

    void record(String function, String protocol, String outcome, long elapsedNanos) {
        calls.computeIfAbsent(new CallKey(function, protocol, outcome), k -> new LongAdder()).increment();
        latency.computeIfAbsent(function, f -> new Histogram()).observe(elapsedNanos);
    }

    void write(StringBuilder out, int functions, int rejected) {
        out.append("# HELP atrium_ws_functions Web-service functions being served.\n");
        out.append("# TYPE atrium_ws_functions gauge\n");
        out.append("atrium_ws_functions ").append(functions).append('\n');
        out.append("# HELP atrium_ws_functions_rejected Function services refused (see /webservice/functions).\n");
        out.append("# TYPE atrium_ws_functions_rejected gauge\n");
        out.append("atrium_ws_functions_rejected ").append(rejected).append('\n');

        out.append("# HELP atrium_ws_calls_total Web-service calls by function, protocol and outcome"
                + " (ok, or the error code).\n");
        out.append("# TYPE atrium_ws_calls_total counter\n");
        Map<String, Long> sortedCalls = new TreeMap<>();
        calls.forEach((k, v) -> sortedCalls.put("{function=\"" + label(k.function()) + "\",protocol=\""
                + label(k.protocol()) + "\",outcome=\"" + label(k.outcome()) + "\"}", v.sum()));
        sortedCalls.forEach((labels, n) -> out.append("atrium_ws_calls_total").append(labels).append(' ').append(n)
                .append('\n'));

        out.append("# HELP atrium_ws_call_duration_seconds Time from receiving a call to its cleaned result.\n");
        out.append("# TYPE atrium_ws_call_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((function, h) -> {
            String f = label(function);
            long cumulative = 0;
            for (int i = 0; i < BOUNDS.length; i++) {
                cumulative += h.buckets[i].sum();
                out.append("atrium_ws_call_duration_seconds_bucket{function=\"").append(f).append("\",le=\"")
                        .append(BOUNDS[i]).append("\"} ").append(cumulative).append('\n');
            }
            long count = h.count.sum();
            out.append("atrium_ws_call_duration_seconds_bucket{function=\"").append(f).append("\",le=\"+Inf\"} ")
                    .append(count).append('\n');
            out.append("atrium_ws_call_duration_seconds_sum{function=\"").append(f).append("\"} ")
                    .append(h.nanos.sum() / 1e9).append('\n');
            out.append("atrium_ws_call_duration_seconds_count{function=\"").append(f).append("\"} ").append(count)
                    .append('\n');
        });
    }

    /** A label value, escaped as the text format requires. */
    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
