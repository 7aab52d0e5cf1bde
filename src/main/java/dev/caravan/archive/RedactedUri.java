package dev.caravan.archive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Objects;

/**
 * A connection URI that has been through {@link Redaction}: the only way to make one, so a
 * manifest, which holds only these, cannot carry a password.
 */
@RegisterForReflection
public final class RedactedUri {

    private final String value;

    private RedactedUri(String value) {
        this.value = value;
    }

    /** Redacts {@code uri}; reading a manifest redacts again, which changes nothing in a clean one. */
    @JsonCreator
    public static RedactedUri of(String uri) {
        return new RedactedUri(Redaction.redactUri(Objects.requireNonNull(uri, "uri")));
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedactedUri other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
