package dev.caravan.rdb;

import dev.caravan.rdb.DecodedValue.Consumer;
import dev.caravan.rdb.DecodedValue.ConsumerGroup;
import dev.caravan.rdb.DecodedValue.PendingEntry;
import dev.caravan.rdb.DecodedValue.StreamEntry;
import dev.caravan.rdb.DecodedValue.StreamField;
import dev.caravan.rdb.DecodedValue.StreamId;
import dev.caravan.rdb.DecodedValue.StreamValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams (redis/redis src/rdb.c, src/t_stream.c): a count of listpack nodes, each a 16-byte
 * master id (big-endian ms, seq) and a listpack; then length, last id, and since listpacks 2
 * first id, max deleted id and entries-added; then consumer groups with their PEL (raw 16-byte
 * ids, delivery time, delivery count) and consumers (seen time, since listpacks 3 active time,
 * their PEL ids). Inside a node listpack: the master entry {count, deleted, n, n field names, 0},
 * then per entry {flags, ms diff, seq diff, [n, fields and values | values], lp-count}.
 */
final class StreamReader {

    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAMEFIELDS = 2;

    private final RdbInput in;
    private final boolean decode;
    private final boolean framing;
    private final List<StreamEntry> entries = new ArrayList<>();

    private StreamReader(RdbInput in, boolean decode, boolean framing) {
        this.in = in;
        this.decode = decode;
        this.framing = framing;
    }

    /**
     * {@code framing}: for input already validated, node keys, listpacks and names are passed
     * over by their stored lengths (the listpacks were most of a stream's cost), and what is
     * around them (ids, counts, the PEL) is read as ever, being the value's framing.
     */
    static StreamValue read(RdbInput in, RdbType type, boolean decode, boolean framing) throws IOException {
        return new StreamReader(in, decode && !framing, framing).read(type);
    }

    private StreamValue read(RdbType type) throws IOException {
        int version = type == RdbType.STREAM_LISTPACKS ? 1 : type == RdbType.STREAM_LISTPACKS_2 ? 2 : 3;
        long nodes = Strings.readLength(in);
        for (long i = 0; i < nodes; i++) {
            node();
        }
        long length = Strings.readLength(in);
        StreamId lastId = id();
        StreamId firstId = null;
        StreamId maxDeleted = null;
        long added = -1;
        if (version >= 2) {
            firstId = id();
            maxDeleted = id();
            added = Strings.readLength(in);
        }
        long groupCount = Strings.readLength(in);
        List<ConsumerGroup> groups = new ArrayList<>();
        for (long g = 0; g < groupCount; g++) {
            ConsumerGroup group = group(version);
            if (decode) {
                groups.add(group);
            }
        }
        return decode ? new StreamValue(entries, length, lastId, firstId, maxDeleted, added, groups) : null;
    }

    private StreamId id() throws IOException {
        return new StreamId(Strings.readUnsigned(in), Strings.readUnsigned(in));
    }

    /** A pending entry's id; null, its 16 bytes passed over, when nothing is built (any 16 bytes are an id). */
    private StreamId rawId() throws IOException {
        if (!decode) {
            in.skip(16);
            return null;
        }
        return new StreamId(in.readBE(8), in.readBE(8));
    }

    private byte[] name() throws IOException {
        if (decode) {
            return Strings.read(in);
        }
        if (framing) {
            Strings.skipStored(in);
        } else {
            Strings.skip(in);
        }
        return null;
    }

    private void node() throws IOException {
        if (framing) {
            Strings.skipStored(in);
            Strings.skipStored(in);
            return;
        }
        ValueSource nodeKey = Strings.openBlob(in, "stream node key");
        if (nodeKey.length != 16) {
            throw in.fail("expected a 16-byte stream node key, found " + nodeKey.length + " bytes");
        }
        long masterMs = nodeKey.readBE(8);
        long masterSeq = nodeKey.readBE(8);
        nodeKey.finish();
        Listpack lp = new Listpack(Strings.openBlob(in, "stream listpack"));
        long count = integer(lp, "master entry count");
        long deleted = integer(lp, "master deleted count");
        long masterFields = integer(lp, "master field count");
        if (count < 0 || deleted < 0 || masterFields < 0) {
            throw lp.source().fail("expected non-negative stream master entry counts");
        }
        List<byte[]> names = new ArrayList<>();
        for (long f = 0; f < masterFields; f++) {
            element(lp, "master field name");
            if (decode) {
                names.add(lp.value());
            }
        }
        if (integer(lp, "master entry terminator") != 0) {
            throw lp.source().fail("expected the stream master entry terminator 0");
        }
        for (long e = 0; e < count + deleted; e++) {
            long flags = integer(lp, "entry flags");
            if ((flags & ~(long) (FLAG_DELETED | FLAG_SAMEFIELDS)) != 0) {
                throw lp.source().fail("expected stream entry flags 0-3, found " + flags);
            }
            long ms = masterMs + integer(lp, "entry id ms delta");
            long seq = masterSeq + integer(lp, "entry id seq delta");
            boolean same = (flags & FLAG_SAMEFIELDS) != 0;
            long fields = same ? masterFields : integer(lp, "entry field count");
            if (fields < 0) {
                throw lp.source().fail("expected a non-negative stream entry field count, found " + fields);
            }
            List<StreamField> values = decode ? new ArrayList<>() : null;
            for (long f = 0; f < fields; f++) {
                byte[] fieldName = null;
                if (!same) {
                    element(lp, "entry field name");
                    fieldName = decode ? lp.value() : null;
                } else if (decode) {
                    fieldName = names.get((int) f);
                }
                element(lp, "entry value");
                if (decode) {
                    values.add(new StreamField(fieldName, lp.value()));
                }
            }
            long expected = same ? fields + 3 : 2 * fields + 4;
            long lpCount = integer(lp, "entry lp-count");
            if (lpCount != expected) {
                throw lp.source().fail("expected stream entry lp-count " + expected + ", found " + lpCount);
            }
            if (decode && (flags & FLAG_DELETED) == 0) {
                entries.add(new StreamEntry(new StreamId(ms, seq), values));
            }
        }
        if (lp.next(false)) {
            throw lp.source().fail("expected the stream listpack to end after " + (count + deleted) + " entries");
        }
        if (lp.count() == 0) {
            throw lp.source().fail("expected a non-empty stream listpack");
        }
    }

    private void element(Listpack lp, String what) throws IOException {
        if (!lp.next(decode)) {
            throw lp.source().fail("expected stream " + what + ", found the listpack end");
        }
    }

    private long integer(Listpack lp, String what) throws IOException {
        if (!lp.next(true)) {
            throw lp.source().fail("expected stream " + what + ", found the listpack end");
        }
        return lp.asLong();
    }

    private ConsumerGroup group(int version) throws IOException {
        byte[] name = name();
        StreamId lastId = id();
        long entriesRead = version >= 2 ? Strings.readUnsigned(in) : -1; // -1 also stored for "unknown"
        long pelSize = Strings.readLength(in);
        List<PendingEntry> pel = new ArrayList<>();
        for (long p = 0; p < pelSize; p++) {
            StreamId id = rawId();
            long deliveryTime = in.readLE(8);
            long deliveryCount = Strings.readLength(in);
            if (decode) {
                pel.add(new PendingEntry(id, deliveryTime, deliveryCount));
            }
        }
        long consumerCount = Strings.readLength(in);
        List<Consumer> consumers = new ArrayList<>();
        for (long c = 0; c < consumerCount; c++) {
            byte[] consumer = name();
            long seen = in.readLE(8);
            long active = version >= 3 ? in.readLE(8) : -1;
            long owned = Strings.readLength(in);
            List<StreamId> ids = new ArrayList<>();
            for (long p = 0; p < owned; p++) {
                StreamId id = rawId();
                if (decode) {
                    ids.add(id);
                }
            }
            if (decode) {
                consumers.add(new Consumer(consumer, seen, active, ids));
            }
        }
        return decode ? new ConsumerGroup(name, lastId, entriesRead, pel, consumers) : null;
    }
}
