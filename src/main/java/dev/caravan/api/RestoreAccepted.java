package dev.caravan.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to {@code POST /api/restores}: the job started, and where to follow it.
 *
 * @param id     the job's id
 * @param status the job's status resource, {@code /api/restores/<id>}
 */
@RegisterForReflection
@JsonPropertyOrder({"id", "status"})
public record RestoreAccepted(String id, String status) {
}
