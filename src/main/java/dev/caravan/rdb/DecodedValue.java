package dev.caravan.rdb;

import java.util.List;

/**
 * A value decoded into memory. Strings and members are raw bytes (integers as their decimal
 * text, the way Redis returns them). Records holding arrays compare arrays by identity.
 */
public sealed interface DecodedValue {

    /** A string value. */
    record StringValue(byte[] value) implements DecodedValue {
    }

    /** A list, head first. */
    record ListValue(List<byte[]> elements) implements DecodedValue {
    }

    /** A set, in file order. */
    record SetValue(List<byte[]> members) implements DecodedValue {
    }

    record ScoredMember(byte[] member, double score) {
    }

    /** A sorted set, in file order. */
    record SortedSetValue(List<ScoredMember> members) implements DecodedValue {
    }

    /** A hash field; {@code expireAtMs} is the field's absolute expiry, -1 when none. */
    record HashField(byte[] field, byte[] value, long expireAtMs) {
    }

    /** A hash, in file order. */
    record HashValue(List<HashField> fields) implements DecodedValue {
    }

    /** A stream id; both parts are unsigned 64-bit. */
    record StreamId(long ms, long seq) {
        @Override
        public String toString() {
            return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
        }
    }

    record StreamField(byte[] name, byte[] value) {
    }

    /** A live (not deleted) stream entry. */
    record StreamEntry(StreamId id, List<StreamField> fields) {
    }

    /** A pending entry of a consumer group: delivery time in ms and delivery count. */
    record PendingEntry(StreamId id, long deliveryTimeMs, long deliveryCount) {
    }

    /** A consumer; {@code activeTimeMs} is -1 before stream listpacks 3. */
    record Consumer(byte[] name, long seenTimeMs, long activeTimeMs, List<StreamId> pending) {
    }

    /** A consumer group; {@code entriesRead} is -1 before stream listpacks 2. */
    record ConsumerGroup(byte[] name, StreamId lastDeliveredId, long entriesRead, List<PendingEntry> pending,
            List<Consumer> consumers) {
    }

    /**
     * A stream. {@code firstId}, {@code maxDeletedId} are null and {@code entriesAdded} -1 before
     * stream listpacks 2.
     */
    record StreamValue(List<StreamEntry> entries, long length, StreamId lastId, StreamId firstId,
            StreamId maxDeletedId, long entriesAdded, List<ConsumerGroup> groups) implements DecodedValue {
    }

    /** A module value: only its identity, the body is skipped structurally. */
    record ModuleValue(long moduleId, String moduleName) implements DecodedValue {
    }
}
