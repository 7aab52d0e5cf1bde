package dev.caravan.backup;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What {@code direct:backup} receives: the name of a configured source ({@code caravan.sources.<name>}). */
@RegisterForReflection
public record BackupRequest(String source) {
}
