package dev.caravan.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streaming RDB parser: ONE opcode loop over the input, handing each key to a visitor that
 * chooses to skip, copy or decode its value. Never holds more than a key and one buffer of the
 * input, unless the visitor decodes. See the package documentation for the grammar.
 */
public final class RdbParser {

    private static final int OP_SLOT_INFO = 0xF4;
    private static final int OP_FUNCTION2 = 0xF5;
    private static final int OP_FUNCTION_PRE_GA = 0xF6;
    private static final int OP_MODULE_AUX = 0xF7;
    private static final int OP_IDLE = 0xF8;
    private static final int OP_FREQ = 0xF9;
    private static final int OP_AUX = 0xFA;
    private static final int OP_RESIZEDB = 0xFB;
    private static final int OP_EXPIRETIME_MS = 0xFC;
    private static final int OP_EXPIRETIME = 0xFD;
    private static final int OP_SELECTDB = 0xFE;
    private static final int OP_EOF = 0xFF;
    /** RDB_MODULE_OPCODE_UINT: the only "when" annotation a MODULE_AUX record may carry. */
    private static final int MODULE_OPCODE_UINT = 2;
    private static final int EOF_MARK_LENGTH = 40;

    private final RdbInput in;
    private final ValueReader reader;
    private final Value value = new Value();
    private boolean used;
    private boolean framingOnly;
    private boolean checkInParallel;
    private ValueChecker checker;
    private byte[] header;

    public RdbParser(InputStream input) {
        this.in = new RdbInput(input);
        this.reader = new ValueReader(in);
    }

    /**
     * For input that a full parse has already validated (a restore's load pass, after its verify
     * pass over the same staged archive): values the visitor skips or copies are passed over by
     * their stored lengths, without decompressing LZF strings or walking nested encodings, which
     * was about half of the load pass's CPU. Nor is the CRC64 computed again (a quarter of what
     * was left): the verify pass checked it, and the codec's own checksums (zstd's per frame,
     * gzip's, zip's) guard the second read of the archive. Records and decoded values are still
     * checked, and the summary says {@link RdbSummary.Checksum#NOT_CHECKED}.
     */
    public RdbParser framingOnly() {
        framingOnly = true;
        in.withoutChecksum();
        return this;
    }

    /**
     * Checks the values the visitor skips (packed values, quicklist nodes, LZF strings) on a
     * second thread while this one reads on ({@link ValueChecker}): for a validating pass on a
     * machine with a core to spare (verify, a restore's verify pass). Same checks, same messages.
     */
    public RdbParser checkingInParallel() {
        checkInParallel = true;
        return this;
    }

    /** Parses the whole stream, validating everything, and returns what it found. */
    public RdbSummary parse(RdbVisitor visitor) throws IOException {
        if (used) {
            throw new IllegalStateException("an RdbParser parses its stream once");
        }
        used = true;
        if (checkInParallel && !framingOnly) {
            checker = new ValueChecker();
            reader.checkNodesWith(checker);
        }
        try {
            return parseRecords(visitor);
        } finally {
            if (checker != null) {
                checker.close();
            }
        }
    }

    private RdbSummary parseRecords(RdbVisitor visitor) throws IOException {
        String magic = header();
        int version = version(magic);
        boolean valkey = magic.equals("VALKEY");
        visitor.onHeader(magic, version);
        long keys = 0;
        long expiring = 0;
        long expireAt = -1;
        long idle = -1;
        int freq = -1;
        int db = 0;
        while (true) {
            long at = in.offset();
            int op = in.readU8();
            switch (op) {
                case OP_EXPIRETIME_MS -> expireAt = in.readLE(8);
                case OP_EXPIRETIME -> expireAt = (int) in.readLE(4) * 1000L;
                case OP_IDLE -> idle = Strings.readLength(in);
                case OP_FREQ -> freq = in.readU8();
                case OP_SELECTDB -> {
                    db = Strings.readIntLength(in, "a database number");
                    in.db = db;
                    visitor.onSelectDb(db);
                }
                case OP_RESIZEDB -> visitor.onResizeDb(Strings.readLength(in), Strings.readLength(in));
                case OP_AUX -> visitor.onAux(Strings.read(in), Strings.read(in));
                case OP_MODULE_AUX -> moduleAux(visitor);
                case OP_FUNCTION2 -> visitor.onFunction(Strings.read(in));
                case OP_FUNCTION_PRE_GA -> throw in.failAt(at, "found a Redis 7.0 release-candidate function record"
                        + " (opcode 0xF6); redis-server refuses this pre-release format, expected FUNCTION2 (0xF5)");
                case OP_SLOT_INFO -> visitor.onSlotInfo(Strings.readLength(in), Strings.readLength(in),
                        Strings.readLength(in));
                case OP_EOF -> {
                    if (checker != null) {
                        checker.finish();
                    }
                    return finish(visitor, magic, version, keys, expiring);
                }
                default -> {
                    RdbType type = RdbType.of(op, valkey);
                    if (type == null) {
                        throw in.failAt(at, "expected a value type or opcode, found unknown byte 0x" + Strings.hex(op)
                                + " (RDB " + version + ")");
                    }
                    byte[] key = Strings.read(in);
                    in.key = key;
                    RdbEntry entry = new RdbEntry(db, key, type, expireAt, idle, freq, at);
                    value.start(type);
                    visitor.onEntry(entry, value);
                    if (!value.used) {
                        value.skip();
                    }
                    in.key = null;
                    keys++;
                    if (expireAt != -1) {
                        expiring++;
                    }
                    expireAt = -1;
                    idle = -1;
                    freq = -1;
                }
            }
        }
    }

    private String header() throws IOException {
        header = new byte[9];
        in.readFully(header, 0, 9);
        String s = new String(header, StandardCharsets.ISO_8859_1);
        if (s.startsWith("REDIS")) {
            return "REDIS";
        }
        if (s.startsWith("VALKEY")) {
            return "VALKEY";
        }
        throw in.failAt(0, "expected magic \"REDIS\" or \"VALKEY\", found " + Printable.quoted(header, 20));
    }

    private int version(String magic) throws IOException {
        String digits = new String(header, magic.length(), 9 - magic.length(), StandardCharsets.ISO_8859_1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw in.failAt(magic.length(), "expected RDB version digits, found \"" + digits + "\"");
        }
        int version = Integer.parseInt(digits);
        boolean ok = magic.equals("REDIS") ? version >= 1 && version <= 12 : version == 80;
        if (!ok) {
            throw in.failAt(magic.length(), "unsupported RDB version " + version + " for magic " + magic
                    + " (supported: REDIS 1-12, VALKEY 80)");
        }
        return version;
    }

    private void moduleAux(RdbVisitor visitor) throws IOException {
        long id = Strings.readUnsigned(in);
        long whenOpcode = Strings.readLength(in);
        if (whenOpcode != MODULE_OPCODE_UINT) {
            throw in.fail("expected module aux 'when' opcode 2 (uint), found " + whenOpcode);
        }
        Strings.readLength(in);
        ModuleSkipper.skipItems(in);
        visitor.onModuleAux(id, ModuleSkipper.name(id));
    }

    private RdbSummary finish(RdbVisitor visitor, String magic, int version, long keys, long expiring)
            throws IOException {
        in.db = -1;
        RdbSummary.Checksum status = RdbSummary.Checksum.ABSENT;
        long stored = 0;
        if (version >= 5) {
            long computed = in.crc();
            long at = in.offset();
            stored = in.readLE(8);
            if (stored == 0) {
                status = RdbSummary.Checksum.DISABLED;
            } else if (!in.checksummed()) {
                status = RdbSummary.Checksum.NOT_CHECKED;
            } else if (stored != computed) {
                throw in.failAt(at, String.format("expected checksum 0x%016x, found 0x%016x", computed, stored));
            } else {
                status = RdbSummary.Checksum.VERIFIED;
            }
        }
        String mark = trailing();
        RdbSummary summary = new RdbSummary(magic, version, status, stored, keys, expiring, in.offset(), mark);
        visitor.onEnd(summary);
        return summary;
    }

    /**
     * Nothing may follow the checksum, except the 40-hex-character EOF mark that diskless
     * replication appends (a stream captured from a replica link still carries it).
     */
    private String trailing() throws IOException {
        if (in.atEnd()) {
            return null;
        }
        long at = in.offset();
        in.ensure(EOF_MARK_LENGTH + 1);
        int avail = in.lim - in.pos;
        if (avail == EOF_MARK_LENGTH) {
            String mark = new String(in.buf, in.pos, EOF_MARK_LENGTH, StandardCharsets.ISO_8859_1);
            if (mark.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                in.skip(EOF_MARK_LENGTH);
                return mark;
            }
        }
        throw in.failAt(at, "expected end of input after the checksum, found trailing bytes");
    }

    /** The single reusable handle on the current value. */
    private final class Value implements RdbValue {

        private RdbType type;
        private boolean used;

        void start(RdbType t) {
            type = t;
            used = false;
        }

        private void use() {
            if (used) {
                throw new IllegalStateException("the value of this entry was already consumed");
            }
            used = true;
        }

        @Override
        public long skip() throws IOException {
            use();
            long start = in.offset();
            if (checker == null || !ValueChecker.takes(type) || !checker.offer(type, in)) {
                pass();
            }
            return in.offset() - start;
        }

        private void pass() throws IOException {
            if (framingOnly) {
                reader.skipFraming(type);
            } else {
                reader.read(type, false);
            }
        }

        @Override
        public long copyRaw(OutputStream sink) throws IOException {
            use();
            long start = in.offset();
            in.startTap(sink);
            try {
                pass();
            } finally {
                in.stopTap();
            }
            return in.offset() - start;
        }

        @Override
        public DecodedValue decode() throws IOException {
            use();
            return reader.read(type, true);
        }
    }
}
