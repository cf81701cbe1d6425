package io.atrium.ws.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validated parameters: the keys of a single structure with their values, read-only. A value
 * is a {@code Long} ({@link ParamType#INT}), a {@code Double} ({@link ParamType#FLOAT}), a
 * {@code Boolean} ({@link ParamType#BOOL}), a {@code String} (every other type), a nested
 * {@code Params} (a single structure), a {@code List} (a multiple structure), or {@code null}.
 * An optional key the client left out is absent: {@link #has} says so and the getters return
 * {@code null}; a key with a default has its default.
 */
public final class Params {

    private final Map<String, Object> values;

    /**
     * Wraps validated values. The pipeline builds these; tests of a function may too.
     *
     * @param values keys to values of the types above (nested maps become nested {@code Params})
     */
    public Params(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey()), wrap(e.getValue()));
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    private static Object wrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), v));
            return new Params(m);
        }
        if (value instanceof List<?> list) {
            List<Object> l = new ArrayList<>(list.size());
            for (Object o : list) {
                l.add(wrap(o));
            }
            return Collections.unmodifiableList(l);
        }
        return value;
    }

    /** Whether the key is present (an optional key may be absent). */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The keys present, in the descriptor's order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The value of a key as validated, or {@code null}. */
    public Object get(String key) {
        return values.get(key);
    }

    /** An {@link ParamType#INT} value, or {@code null}. */
    public Long getLong(String key) {
        return as(key, Long.class);
    }

    /** A {@link ParamType#FLOAT} value, or {@code null}. */
    public Double getDouble(String key) {
        return as(key, Double.class);
    }

    /** A {@link ParamType#BOOL} value, or {@code null}. */
    public Boolean getBoolean(String key) {
        return as(key, Boolean.class);
    }

    /** A value of any string type, or {@code null}. */
    public String getString(String key) {
        return as(key, String.class);
    }

    /** A nested single structure, or {@code null}. */
    public Params getParams(String key) {
        return as(key, Params.class);
    }

    /** A multiple structure, or {@code null}. */
    public List<?> getList(String key) {
        return as(key, List.class);
    }

    /** A multiple structure of single structures; empty when absent. */
    public List<Params> getParamsList(String key) {
        return listOf(key, Params.class);
    }

    /** A multiple structure of {@link ParamType#INT} values; empty when absent. */
    public List<Long> getLongList(String key) {
        return listOf(key, Long.class);
    }

    /** A multiple structure of string values; empty when absent. */
    public List<String> getStringList(String key) {
        return listOf(key, String.class);
    }

    /** The values as a map (nested structures as {@code Params}, lists unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    private <T> T as(String key, Class<T> type) {
        Object v = values.get(key);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        throw new ClassCastException("the parameter '" + key + "' is a " + v.getClass().getSimpleName()
                + ", not a " + type.getSimpleName());
    }

    private <T> List<T> listOf(String key, Class<T> type) {
        List<?> list = getList(key);
        if (list == null) {
            return List.of();
        }
        List<T> typed = new ArrayList<>(list.size());
        for (Object o : list) {
            typed.add(type.cast(o));
        }
        return Collections.unmodifiableList(typed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
