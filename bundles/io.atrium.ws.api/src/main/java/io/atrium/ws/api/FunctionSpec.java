package io.atrium.ws.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a function is: Moodle's {@code db/services.php} entry together with its
 * {@code _parameters()} and {@code _returns()} descriptions. Built with {@link #builder()}.
 *
 * @param description  what the function does, for the API documentation
 * @param type         read or write
 * @param capabilities the capabilities a caller needs, all of them; the pipeline checks them
 *                     before the function runs ({@code nopermissions} otherwise)
 * @param capabilityNames human names of capabilities, by capability (such as "Create users" for
 *                     {@code moodle/user:create}), which the {@code nopermissions} message shows
 * @param services     the shortnames of the external services the function belongs to by
 *                     default (for example {@code moodle_mobile_app})
 * @param parameters   the parameters: a single structure whose keys are the parameter names
 * @param returns      the return value, or {@code null} for a function that returns nothing
 * @param deprecated   whether the function is deprecated (the documentation says so)
 */
public record FunctionSpec(String description, FunctionType type, List<String> capabilities,
        Map<String, String> capabilityNames, List<String> services, SingleStructure parameters, Descriptor returns,
        boolean deprecated) {

    public FunctionSpec {
        description = description == null ? "" : description;
        Objects.requireNonNull(type, "type");
        capabilities = List.copyOf(capabilities);
        capabilityNames = Map.copyOf(capabilityNames);
        services = List.copyOf(services);
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The human name of a capability, or the capability itself when none was given. */
    public String capabilityName(String capability) {
        return capabilityNames.getOrDefault(capability, capability);
    }

    /** A builder; a function with no parameters still has an empty parameter structure. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FunctionSpec}. */
    public static final class Builder {
        private String description = "";
        private FunctionType type = FunctionType.READ;
        private final List<String> capabilities = new ArrayList<>();
        private final Map<String, String> capabilityNames = new LinkedHashMap<>();
        private List<String> services = List.of();
        private SingleStructure parameters = Descriptors.single();
        private Descriptor returns;
        private boolean deprecated;

        private Builder() {
        }

        /** What the function does. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Read (the default) or write. */
        public Builder type(FunctionType type) {
            this.type = type;
            return this;
        }

        /** Capabilities a caller needs, such as {@code moodle/user:create}. */
        public Builder capabilities(String... capabilities) {
            this.capabilities.addAll(List.of(capabilities));
            return this;
        }

        /** A capability a caller needs, with its human name, such as "Create users". */
        public Builder capability(String capability, String name) {
            capabilities.add(capability);
            capabilityNames.put(capability, name);
            return this;
        }

        /** The external services the function belongs to by default. */
        public Builder services(String... services) {
            this.services = List.of(services);
            return this;
        }

        /** The parameters (default: none). */
        public Builder parameters(SingleStructure parameters) {
            this.parameters = parameters;
            return this;
        }

        /** The return value (default: nothing, {@code null}). */
        public Builder returns(Descriptor returns) {
            this.returns = returns;
            return this;
        }

        /** Marks the function deprecated. */
        public Builder deprecated() {
            this.deprecated = true;
            return this;
        }

        public FunctionSpec build() {
            return new FunctionSpec(description, type, capabilities, capabilityNames, services, parameters, returns,
                    deprecated);
        }
    }
}
