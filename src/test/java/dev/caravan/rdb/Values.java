package dev.caravan.rdb;

import dev.caravan.rdb.DecodedValue.HashValue;
import dev.caravan.rdb.DecodedValue.ListValue;
import dev.caravan.rdb.DecodedValue.SetValue;
import dev.caravan.rdb.DecodedValue.SortedSetValue;
import dev.caravan.rdb.DecodedValue.StreamValue;
import dev.caravan.rdb.DecodedValue.StringValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Canonical text renderings of decoded data, so tests can compare values that hold arrays. */
final class Values {

    private Values() {
    }

    static String s(byte[] b) {
        return Printable.quoted(b, Integer.MAX_VALUE);
    }

    static String describe(DecodedValue v) {
        if (v instanceof StringValue x) {
            return "string " + s(x.value());
        } else if (v instanceof ListValue x) {
            return "list " + x.elements().stream().map(Values::s).toList();
        } else if (v instanceof SetValue x) {
            return "set " + x.members().stream().map(Values::s).toList();
        } else if (v instanceof SortedSetValue x) {
            return "zset " + x.members().stream().map(m -> s(m.member()) + "=" + m.score()).toList();
        } else if (v instanceof HashValue x) {
            return "hash " + x.fields().stream().map(f -> s(f.field()) + "=" + s(f.value()) + "@" + f.expireAtMs()).toList();
        } else if (v instanceof StreamValue x) {
            return "stream " + x.entries().stream().map(e -> e.id() + e.fields().stream()
                    .map(f -> s(f.name()) + "=" + s(f.value())).collect(Collectors.joining(",", "{", "}"))).toList()
                    + " len=" + x.length() + " last=" + x.lastId() + " first=" + x.firstId() + " maxdel=" + x.maxDeletedId()
                    + " added=" + x.entriesAdded() + " groups=" + x.groups().stream().map(g -> s(g.name()) + " "
                    + g.lastDeliveredId() + " read=" + g.entriesRead() + " pel=" + g.pending() + " consumers="
                    + g.consumers().stream().map(c -> s(c.name()) + " " + c.seenTimeMs() + " " + c.activeTimeMs() + " "
                    + c.pending()).toList()).toList();
        }
        return v.toString();
    }

    /** Every key of an RDB as "db key type expiry value" lines, in file order. */
    static List<String> decodeAll(byte[] rdb) throws IOException {
        List<String> out = new ArrayList<>();
        new RdbParser(new ByteArrayInputStream(rdb)).parse(new DecodeVisitor((e, v) ->
                out.add(e.db() + " " + s(e.key()) + " " + e.type().family() + " " + e.expireAtMs() + " " + describe(v))));
        return out;
    }
}
