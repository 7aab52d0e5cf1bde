package dev.caravan.rdb;

import dev.caravan.rdb.DecodedValue.HashField;
import dev.caravan.rdb.DecodedValue.HashValue;
import dev.caravan.rdb.DecodedValue.ListValue;
import dev.caravan.rdb.DecodedValue.ModuleValue;
import dev.caravan.rdb.DecodedValue.ScoredMember;
import dev.caravan.rdb.DecodedValue.SetValue;
import dev.caravan.rdb.DecodedValue.SortedSetValue;
import dev.caravan.rdb.DecodedValue.StringValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one value of a given type, either validating it (decode = false: nothing is built and
 * heap use does not depend on the value's size) or building a {@link DecodedValue}. One
 * grammar serves both modes.
 */
final class ValueReader {

    /** Largest expiry a hash field may carry (redis/redis ebuckets.h EB_EXPIRE_TIME_MAX). */
    private static final long EXPIRE_TIME_MAX = (1L << 48) - 1;
    private static final int QUICKLIST_PLAIN = 1;
    private static final int QUICKLIST_PACKED = 2;

    private final RdbInput in;
    private boolean decode;
    private boolean framing;
    private ValueChecker checker;

    ValueReader(RdbInput in) {
        this.in = in;
    }

    /** Hands the packed nodes of quicklists being validated to {@code checker}, when it takes them. */
    void checkNodesWith(ValueChecker checker) {
        this.checker = checker;
    }

    DecodedValue read(RdbType type, boolean decode) throws IOException {
        this.decode = decode;
        switch (type) {
            case STRING:
                if (decode) {
                    return new StringValue(Strings.read(in));
                }
                Strings.skip(in);
                return null;
            case LIST:
                return new ListValue(strings());
            case SET:
                return new SetValue(strings());
            case ZSET:
            case ZSET_2:
                return sortedSet(type == RdbType.ZSET_2);
            case HASH:
            case HASH_METADATA:
            case HASH_METADATA_PRE_GA:
            case VALKEY_HASH_2:
                return hash(type);
            case LIST_ZIPLIST:
                return new ListValue(ziplist(Strings.openBlob(in, "ziplist"), new ArrayList<>()));
            case LIST_QUICKLIST:
            case LIST_QUICKLIST_2:
                return quicklist(type == RdbType.LIST_QUICKLIST_2);
            case SET_INTSET:
                return new SetValue(intset());
            case SET_LISTPACK:
                return new SetValue(listpack(Strings.openBlob(in, "listpack"), new ArrayList<>()));
            case ZSET_ZIPLIST:
            case ZSET_LISTPACK:
                return packedSortedSet(type == RdbType.ZSET_LISTPACK);
            case HASH_ZIPMAP:
                return zipmap();
            case HASH_ZIPLIST:
            case HASH_LISTPACK:
            case HASH_LISTPACK_EX:
            case HASH_LISTPACK_EX_PRE_GA:
                return packedHash(type);
            case STREAM_LISTPACKS:
            case STREAM_LISTPACKS_2:
            case STREAM_LISTPACKS_3:
                return StreamReader.read(in, type, decode, framing);
            case MODULE_2:
                long id = Strings.readUnsigned(in);
                ModuleSkipper.skipItems(in);
                return new ModuleValue(id, ModuleSkipper.name(id));
            default:
                throw in.fail("module value type 6 (Redis 4.0 release candidates) cannot be read without"
                        + " the module; expected a MODULE_2 value (type 7)");
        }
    }

    /**
     * Skips a value by its lengths alone: strings and nested encodings (listpacks, ziplists,
     * intsets, zipmaps) are passed over by their stored size, neither decompressed nor walked.
     * For input a full parse has already validated; a stream's node listpacks are passed over
     * the same way, and module values are still read in full, as their framing is their structure.
     */
    void skipFraming(RdbType type) throws IOException {
        framing = true;
        try {
            switch (type) {
                case STRING, LIST_ZIPLIST, SET_INTSET, SET_LISTPACK, ZSET_ZIPLIST, ZSET_LISTPACK, HASH_ZIPMAP,
                        HASH_ZIPLIST, HASH_LISTPACK, HASH_LISTPACK_EX_PRE_GA -> Strings.skipStored(in);
                case HASH_LISTPACK_EX -> {
                    in.skip(8);
                    Strings.skipStored(in);
                }
                default -> read(type, false);
            }
        } finally {
            framing = false;
        }
    }

    private byte[] string() throws IOException {
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

    private List<byte[]> strings() throws IOException {
        long n = Strings.readLength(in);
        List<byte[]> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            byte[] s = string();
            if (decode) {
                out.add(s);
            }
        }
        return out;
    }

    private SortedSetValue sortedSet(boolean binary) throws IOException {
        long n = Strings.readLength(in);
        List<ScoredMember> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            byte[] member = string();
            double score = binary ? Double.longBitsToDouble(in.readLE(8)) : textScore();
            if (decode) {
                out.add(new ScoredMember(member, score));
            }
        }
        return new SortedSetValue(out);
    }

    /** RDB text double: a length byte (253 NaN, 254 +inf, 255 -inf) then that many ASCII chars. */
    private double textScore() throws IOException {
        int len = in.readU8();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] text = new byte[len];
                in.readFully(text, 0, len);
                Double d = Strings.parseDouble(text, len);
                if (d == null) {
                    throw in.fail("expected a sorted-set score, found " + Printable.quoted(text, 40));
                }
                return d;
        }
    }

    private HashValue hash(RdbType type) throws IOException {
        long minExpire = type == RdbType.HASH_METADATA ? in.readLE(8) : 0;
        long n = Strings.readLength(in);
        List<HashField> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long expire = -1;
            if (type == RdbType.HASH_METADATA || type == RdbType.HASH_METADATA_PRE_GA) {
                long ttl = Strings.readLength(in);
                // GA stores ttl relative to minExpire plus 1 (0 = none); pre-GA stores it absolute.
                expire = ttl == 0 ? -1 : type == RdbType.HASH_METADATA ? ttl + minExpire - 1 : ttl;
                checkFieldExpiry(expire);
            }
            byte[] field = string();
            byte[] value = string();
            if (type == RdbType.VALKEY_HASH_2) {
                expire = in.readLE(8); // -1 = no expiry (valkey-io/valkey src/expire.h EXPIRY_NONE)
                if (expire < -1) {
                    throw in.fail("expected a field expiry time or -1, found " + expire);
                }
            }
            if (decode) {
                out.add(new HashField(field, value, expire));
            }
        }
        return new HashValue(out);
    }

    private void checkFieldExpiry(long expire) throws RdbFormatException {
        if (expire != -1 && (expire < 0 || expire > EXPIRE_TIME_MAX)) {
            throw in.fail("expected a hash field expiry below 2^48, found " + Long.toUnsignedString(expire));
        }
    }

    private List<byte[]> ziplist(ValueSource src, List<byte[]> out) throws IOException {
        Ziplist zl = new Ziplist(src);
        while (zl.next(decode)) {
            if (decode) {
                out.add(zl.value());
            }
        }
        return out;
    }

    private List<byte[]> listpack(ValueSource src, List<byte[]> out) throws IOException {
        Listpack lp = new Listpack(src);
        while (lp.next(decode)) {
            if (decode) {
                out.add(lp.value());
            }
        }
        return out;
    }

    private ListValue quicklist(boolean v2) throws IOException {
        long n = Strings.readLength(in);
        List<byte[]> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long container = v2 ? Strings.readLength(in) : QUICKLIST_PACKED;
            if (container == QUICKLIST_PLAIN) {
                byte[] element = string();
                if (decode) {
                    out.add(element);
                }
            } else if (container != QUICKLIST_PACKED) {
                throw in.fail("expected quicklist container 1 (plain) or 2 (packed), found " + container);
            } else if (framing) {
                Strings.skipStored(in);
            } else if (!decode && checker != null && !in.tapping() // a copy must not leave before its check
                    && checker.offer(v2 ? RdbType.SET_LISTPACK : RdbType.LIST_ZIPLIST, in)) {
                continue; // the same grammar as a listpack set's or a ziplist list's one blob
            } else if (v2) {
                listpack(Strings.openBlob(in, "listpack"), out);
            } else {
                ziplist(Strings.openBlob(in, "ziplist"), out);
            }
        }
        return new ListValue(out);
    }

    private List<byte[]> intset() throws IOException {
        Intset set = new Intset(Strings.openBlob(in, "intset"));
        List<byte[]> out = new ArrayList<>();
        while (set.hasNext()) {
            long v = set.next();
            if (decode) {
                out.add(Strings.ascii(v));
            }
        }
        return out;
    }

    private SortedSetValue packedSortedSet(boolean listpack) throws IOException {
        ValueSource src = Strings.openBlob(in, listpack ? "listpack" : "ziplist");
        PackedReader r = listpack ? new Listpack(src) : new Ziplist(src);
        List<ScoredMember> out = new ArrayList<>();
        while (r.next(decode)) {
            byte[] member = decode ? r.value() : null;
            if (!r.next(true)) {
                throw src.fail("expected a score after the last sorted-set member");
            }
            double score = 0; // validating keeps no value
            if (r.isInt()) {
                score = r.intValue();
            } else {
                byte[] text = r.value();
                if (!Strings.isScore(text, text.length)) {
                    throw src.fail("expected a sorted-set score, found " + Printable.quoted(text, 40));
                }
                if (decode) {
                    score = Strings.parseDouble(text, text.length); // not null: isScore says it parses
                }
            }
            if (decode) {
                out.add(new ScoredMember(member, score));
            }
        }
        return new SortedSetValue(out);
    }

    private HashValue packedHash(RdbType type) throws IOException {
        boolean ex = type == RdbType.HASH_LISTPACK_EX || type == RdbType.HASH_LISTPACK_EX_PRE_GA;
        if (type == RdbType.HASH_LISTPACK_EX) {
            in.readLE(8); // minimum field expiry, a hint the loader ignores
        }
        ValueSource src = Strings.openBlob(in, type == RdbType.HASH_ZIPLIST ? "ziplist" : "listpack");
        PackedReader r = type == RdbType.HASH_ZIPLIST ? new Ziplist(src) : new Listpack(src);
        List<HashField> out = new ArrayList<>();
        while (r.next(decode)) {
            byte[] field = decode ? r.value() : null;
            if (!r.next(decode)) {
                throw src.fail("expected a value after the last hash field");
            }
            byte[] value = decode ? r.value() : null;
            long expire = -1;
            if (ex) {
                if (!r.next(false) || !r.isInt()) {
                    throw src.fail("expected an integer expiry after a hash field's value");
                }
                expire = r.intValue() == 0 ? -1 : r.intValue();
                checkFieldExpiry(expire);
            }
            if (decode) {
                out.add(new HashField(field, value, expire));
            }
        }
        return new HashValue(out);
    }

    private HashValue zipmap() throws IOException {
        Zipmap zm = new Zipmap(Strings.openBlob(in, "zipmap"));
        List<HashField> out = new ArrayList<>();
        while (zm.next(decode)) {
            if (decode) {
                out.add(new HashField(zm.field, zm.value, -1));
            }
        }
        return new HashValue(out);
    }
}
