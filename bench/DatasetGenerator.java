import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes a deterministic Redis dataset as RESP commands on stdout, for {@code redis-cli --pipe}.
 *
 * <pre>java bench/DatasetGenerator.java --seed 42 --size 1g --compressibility text|random --dbs 2</pre>
 *
 * The same seed, size and compressibility give the same bytes. Generation stops once the value
 * bytes written (string values, hash fields and values, list elements, set and zset members,
 * stream fields and values) reach {@code --size}; used_memory ends up somewhat above that.
 * Every encoding Redis 7.0 writes to an RDB is covered: embstr/raw/int strings, listpack and
 * hashtable hashes, quicklist lists, intset and hashtable sets, listpack and skiplist zsets,
 * streams with consumer groups and pending entries. About 10% of keys get a TTL 1-30 days ahead.
 * Keys are spread over {@code --dbs} databases in blocks of 1024 keys.
 */
public final class DatasetGenerator {

    private static final String[] WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
            + "mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu "
            + "order invoice customer account payment shipment warehouse region status pending active closed "
            + "amount currency total discount price quantity product category session token user profile "
            + "email address city country street created updated deleted version checksum cache ttl").split(" ");
    private static final byte[][] WORD_BYTES = new byte[WORDS.length][];
    private static final long DAY_MS = 86_400_000L;
    private static final int BATCH = 500; // elements per variadic command

    static {
        for (int i = 0; i < WORDS.length; i++) {
            WORD_BYTES[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final SplittableRandom rnd;
    private final boolean text;
    private final Resp out;
    private final byte[] scratch = new byte[1 << 20];
    private long valueBytes;
    private long keyCount;

    private DatasetGenerator(long seed, boolean text, OutputStream os) {
        this.rnd = new SplittableRandom(seed);
        this.text = text;
        this.out = new Resp(os);
    }

    public static void main(String[] args) throws IOException {
        long seed = 42;
        long size = parseSize("256m");
        String mode = "text";
        int dbs = 2;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(v);
                case "--size" -> size = parseSize(v);
                case "--compressibility" -> mode = v;
                case "--dbs" -> dbs = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: --seed N --size 256m|1g --compressibility text|random --dbs N");
            }
            i++;
        }
        if (!mode.equals("text") && !mode.equals("random")) {
            throw new IllegalArgumentException("--compressibility must be text or random");
        }
        DatasetGenerator g = new DatasetGenerator(seed, mode.equals("text"),
                new FileOutputStream(FileDescriptor.out));
        g.generate(size, dbs);
        System.err.printf("generated %d keys, %d value bytes%n", g.keyCount, g.valueBytes);
    }

    static long parseSize(String s) {
        String t = s.trim().toLowerCase();
        long mult = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(mult == 1 ? t : t.substring(0, t.length() - 1)) * mult;
    }

    private void generate(long target, int dbs) throws IOException {
        int db = -1;
        while (valueBytes < target) {
            int want = (int) ((keyCount / 1024) % dbs);
            if (want != db) {
                db = want;
                out.command("SELECT", Integer.toString(db));
            }
            String key = oneKey();
            if (rnd.nextInt(10) == 0) {
                out.command("PEXPIRE", key, Long.toString(DAY_MS + rnd.nextLong(29 * DAY_MS)));
            }
            keyCount++;
        }
        out.flush();
    }

    /** Picks a type by weight (per key, not per byte) and writes it; returns its name. */
    private String oneKey() throws IOException {
        int p = rnd.nextInt(10_000);
        String key;
        if (p < 6_080) {
            key = key("str");
            out.begin(3).arg("SET").arg(key);
            value(16 + rnd.nextInt(1_008));
        } else if (p < 7_080) {
            key = key("int");
            out.command("SET", key, Long.toString(rnd.nextLong(-1_000_000_000L, 1_000_000_000L)));
            valueBytes += 8;
        } else if (p < 7_085) {
            key = key("bigstr");
            out.begin(3).arg("SET").arg(key);
            value(100 * 1024 + rnd.nextInt(924 * 1024));
        } else if (p < 8_285) {
            key = key("hash");
            hash(key, 2 + rnd.nextInt(63), 4, 48);
        } else if (p < 8_295) {
            key = key("bighash");
            if (rnd.nextBoolean()) {
                hash(key, 513 + rnd.nextInt(1_500), 4, 48); // too many fields for a listpack
            } else {
                hash(key, 10 + rnd.nextInt(40), 100, 2_000); // values too long for a listpack
            }
        } else if (p < 9_095) {
            key = key("list");
            list(key, 2 + rnd.nextInt(99));
        } else if (p < 9_100) {
            key = key("biglist");
            list(key, 10_000);
        } else if (p < 9_400) {
            key = key("intset");
            intset(key, 2 + rnd.nextInt(511));
        } else if (p < 9_420) {
            key = key("bigset");
            set(key, 600 + rnd.nextInt(4_400));
        } else if (p < 9_920) {
            key = key("zset");
            zset(key, 2 + rnd.nextInt(127), 48);
        } else if (p < 9_940) {
            key = key("bigzset");
            zset(key, 200 + rnd.nextInt(4_800), 48);
        } else {
            key = key("stream");
            stream(key, 50 + rnd.nextInt(451));
        }
        return key;
    }

    private String key(String type) {
        return "bench:" + type + ":" + keyCount;
    }

    private void hash(String key, int fields, int minLen, int maxLen) throws IOException {
        for (int done = 0; done < fields; ) {
            int n = Math.min(BATCH, fields - done);
            out.begin(2 + 2 * n).arg("HSET").arg(key);
            for (int i = 0; i < n; i++, done++) {
                out.arg("f" + done);
                value(minLen + rnd.nextInt(maxLen - minLen + 1));
            }
        }
    }

    private void list(String key, int elements) throws IOException {
        for (int done = 0; done < elements; ) {
            int n = Math.min(BATCH, elements - done);
            out.begin(2 + n).arg("RPUSH").arg(key);
            for (int i = 0; i < n; i++, done++) {
                value(4 + rnd.nextInt(61));
            }
        }
    }

    private void intset(String key, int members) throws IOException {
        out.begin(2 + members).arg("SADD").arg(key);
        for (int i = 0; i < members; i++) {
            out.arg(Long.toString(rnd.nextLong(1_000_000_000_000L)));
            valueBytes += 8;
        }
    }

    private void set(String key, int members) throws IOException {
        for (int done = 0; done < members; ) {
            int n = Math.min(BATCH, members - done);
            out.begin(2 + n).arg("SADD").arg(key);
            for (int i = 0; i < n; i++, done++) {
                value(12 + rnd.nextInt(21));
            }
        }
    }

    private void zset(String key, int members, int maxLen) throws IOException {
        for (int done = 0; done < members; ) {
            int n = Math.min(BATCH, members - done);
            out.begin(2 + 2 * n).arg("ZADD").arg(key);
            for (int i = 0; i < n; i++, done++) {
                out.arg(Double.toString(Math.round(rnd.nextDouble(-1e6, 1e6) * 100) / 100.0));
                valueBytes += 8;
                value(8 + rnd.nextInt(maxLen - 7));
            }
        }
    }

    /** Entries with explicit ids (deterministic), two groups, and pending entries from XREADGROUP. */
    private void stream(String key, int entries) throws IOException {
        long ms = 1_700_000_000_000L + keyCount * 1_000;
        for (int e = 0; e < entries; e++) {
            int fields = 2 + rnd.nextInt(3);
            out.begin(3 + 2 * fields).arg("XADD").arg(key).arg(ms + "-" + e);
            for (int f = 0; f < fields; f++) {
                out.arg(WORDS[f]);
                value(8 + rnd.nextInt(57));
            }
        }
        out.command("XGROUP", "CREATE", key, "billing", "0");
        out.command("XGROUP", "CREATE", key, "audit", "0");
        int read = 2 + rnd.nextInt(entries - 1);
        out.command("XREADGROUP", "GROUP", "billing", "worker-1", "COUNT", Integer.toString(read / 2),
                "STREAMS", key, ">");
        out.command("XREADGROUP", "GROUP", "billing", "worker-2", "COUNT", Integer.toString(read - read / 2),
                "STREAMS", key, ">");
        out.command("XREADGROUP", "GROUP", "audit", "auditor", "COUNT", Integer.toString(entries),
                "STREAMS", key, ">");
        out.command("XACK", key, "billing", ms + "-0"); // some acknowledged, the rest stay pending
    }

    /** Writes one bulk argument of about {@code len} bytes: JSON-like text or random bytes. */
    private void value(int len) throws IOException {
        byte[] buf = len <= scratch.length ? scratch : new byte[len];
        int n = text ? jsonLike(buf, len) : randomBytes(buf, len);
        out.arg(buf, n);
        valueBytes += n;
    }

    private int randomBytes(byte[] buf, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long r = rnd.nextLong();
            for (int b = 0; b < 8; b++) {
                buf[i + b] = (byte) (r >>> (8 * b));
            }
        }
        for (; i < len; i++) {
            buf[i] = (byte) rnd.nextInt(256);
        }
        return len;
    }

    /** Short values are a few words; long ones a flat JSON object of words and numbers. */
    private int jsonLike(byte[] buf, int len) {
        if (len < 64) {
            int n = 0;
            while (n < len) {
                n = put(buf, n, WORD_BYTES[rnd.nextInt(WORD_BYTES.length)], len);
                if (n < len) {
                    buf[n++] = ' ';
                }
            }
            return n;
        }
        int n = put(buf, 0, ("{\"id\":" + rnd.nextInt(10_000_000) + ",\"items\":[").getBytes(StandardCharsets.US_ASCII), len);
        while (n < len - 48) {
            n = put(buf, n, ("{\"" + WORDS[rnd.nextInt(WORDS.length)] + "\":\"" + WORDS[rnd.nextInt(WORDS.length)]
                    + " " + WORDS[rnd.nextInt(WORDS.length)] + "\",\"n\":" + rnd.nextInt(100_000) + "},")
                    .getBytes(StandardCharsets.US_ASCII), len);
        }
        return put(buf, n, "{}]}".getBytes(StandardCharsets.US_ASCII), len + 48);
    }

    private static int put(byte[] buf, int at, byte[] src, int limit) {
        int n = Math.min(src.length, Math.max(0, Math.min(limit, buf.length) - at));
        System.arraycopy(src, 0, buf, at, n);
        return at + n;
    }

    /** Minimal RESP request writer over a large buffer. */
    static final class Resp {
        private final OutputStream os;
        private final byte[] buf = new byte[1 << 20];
        private int pos;

        Resp(OutputStream os) {
            this.os = os;
        }

        void command(String... args) throws IOException {
            begin(args.length);
            for (String a : args) {
                arg(a);
            }
        }

        Resp begin(int argc) throws IOException {
            header('*', argc);
            return this;
        }

        Resp arg(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return arg(b, b.length);
        }

        Resp arg(byte[] b, int len) throws IOException {
            header('$', len);
            if (len > buf.length - pos) {
                flush();
            }
            if (len > buf.length) {
                os.write(b, 0, len);
            } else {
                System.arraycopy(b, 0, buf, pos, len);
                pos += len;
            }
            crlf();
            return this;
        }

        private void header(char type, long n) throws IOException {
            if (buf.length - pos < 32) {
                flush();
            }
            buf[pos++] = (byte) type;
            if (n == 0) {
                buf[pos++] = '0';
            }
            int start = pos;
            for (long v = n; v > 0; v /= 10) {
                buf[pos++] = (byte) ('0' + v % 10);
            }
            for (int i = start, j = pos - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
            crlf();
        }

        private void crlf() throws IOException {
            if (buf.length - pos < 2) {
                flush();
            }
            buf[pos++] = '\r';
            buf[pos++] = '\n';
        }

        void flush() throws IOException {
            os.write(buf, 0, pos);
            pos = 0;
            os.flush();
        }
    }
}
