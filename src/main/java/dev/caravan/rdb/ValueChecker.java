package dev.caravan.rdb;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks values on a thread of its own while the parser goes on with the next records, so a
 * validating parse uses two cores: decompressing LZF and walking nested encodings was about 60%
 * of a validating parse of the bench's RDB, and the framing around them (lengths, keys, opcodes,
 * CRC64) stays on the parser's thread. It takes packed values (a listpack, ziplist, intset or
 * zipmap stored as one string), the packed nodes of quicklists, and LZF-compressed strings.
 *
 * <p>The parser copies a value's stored bytes, read by their framing, into a ring of {@value #BUDGET}
 * bytes that the checker reads in place and gives back in order, so handing values over allocates
 * nothing (a new array for each made most of a verify's garbage: 455 of 825 MB in a 1 GB verify,
 * and a young collection about every 130 ms). The checker runs the same grammar over the bytes
 * ({@link ValueReader}) with the value's absolute offset, db and key, so a fault reads as it would
 * inline. The first fault the checker finds is thrown by the parser's next {@link #offer} or by
 * {@link #finish}. Values over {@value #MAX_VALUE} bytes are checked inline, and so is a value
 * that finds no room in the ring: the parser never waits for the checker but shares its work,
 * which keeps both threads busy whichever is the slower (checking is the larger share of most
 * RDBs), and memory stays bounded whatever the RDB.
 *
 * <p>One thread: on the 2-core machine checking is the larger share (3.5 CPU seconds of the bench
 * RDB against the parser's 2.5), but two checkers made {@code verify} slower (4.85 s against
 * 4.70), competing with the JIT's compiler threads.
 */
final class ValueChecker implements AutoCloseable {

    static final int MAX_VALUE = 1024 * 1024;
    /** The ring's size, a power of two. */
    static final int BUDGET = 8 * 1024 * 1024;
    private static final int QUEUED = 4096;
    /** Longest framing before a packed value's bytes: an 8-byte prefix, an LZF mark and two 9-byte lengths. */
    private static final int HEADER_MAX = 8 + 1 + 9 + 9;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Task END = new Task(null, 0, 0, 0, 0, -1, null);

    /** A value's bytes at {@code at} of the ring; {@code end} counts the ring's bytes handed out up to its last. */
    private record Task(RdbType type, int at, int length, long end, long offset, int db, byte[] key) {
    }

    private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(QUEUED);
    private final byte[] ring = new byte[BUDGET];
    /** Each task is a part of an RDB the parser's input checksums: read in place, not checksummed again. */
    private final RdbInput input = new RdbInput(ring);
    private final ValueReader reader = new ValueReader(input);
    /** The ring's bytes handed out so far (the parser's thread only). */
    private long head;
    /** The ring's bytes given back so far: the checker is done with everything before. */
    private volatile long tail;
    private final long[] length = new long[1];
    private final Thread thread;
    private volatile RdbFormatException failure;

    ValueChecker() {
        thread = new Thread(this::run, "caravan-rdb-check-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether values of this type are one stored string (after a fixed prefix), which the checker
     * takes: a packed encoding, or a string (taken only when LZF-compressed).
     */
    static boolean takes(RdbType type) {
        return switch (type) {
            case STRING, LIST_ZIPLIST, SET_INTSET, SET_LISTPACK, ZSET_ZIPLIST, ZSET_LISTPACK, HASH_ZIPMAP, HASH_ZIPLIST,
                    HASH_LISTPACK, HASH_LISTPACK_EX, HASH_LISTPACK_EX_PRE_GA -> true;
            default -> false;
        };
    }

    /**
     * Reads the value of {@code type} at the input's position by its framing and queues it for
     * checking. Returns false, having read nothing, if the value is too large, its framing is not
     * a plain stored string, or the checker is behind: the caller checks it inline, which also
     * reports any fault.
     */
    boolean offer(RdbType type, RdbInput in) throws IOException {
        rethrow();
        long size = storedSize(type, in, length);
        if (size < 0 || size > MAX_VALUE) {
            return false;
        }
        int n = (int) size;
        int at = (int) (head & (BUDGET - 1));
        long start = at + n <= BUDGET ? head : head + BUDGET - at; // a value is never split: skip a short end
        at = (int) (start & (BUDGET - 1));
        // Only this thread queues, so a free slot stays free until the offer below.
        if (start + n - tail > BUDGET || tasks.remainingCapacity() == 0) {
            return false;
        }
        long offset = in.offset();
        in.readFully(ring, at, n);
        head = start + n;
        if (!tasks.offer(new Task(type, at, n, head, offset, in.db, in.key))) {
            throw new IllegalStateException("the check queue filled up though only the parser queues");
        }
        return true;
    }

    /** Waits until every queued value is checked; throws the first fault found. */
    void finish() throws IOException {
        try {
            tasks.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking the RDB");
        }
        rethrow();
    }

    private void rethrow() throws RdbFormatException {
        RdbFormatException fault = failure;
        if (fault != null) {
            throw fault;
        }
    }

    /** Stops the thread without waiting for what is queued (the parse failed or is abandoned). */
    @Override
    public void close() {
        thread.interrupt();
    }

    private void run() {
        try {
            while (true) {
                Task task = tasks.take();
                if (task == END) {
                    return;
                }
                if (failure == null) {
                    check(task);
                }
                tail = task.end;
            }
        } catch (InterruptedException e) {
            // closed: the parse is over
        }
    }

    private void check(Task task) {
        input.over(task.at, task.length, task.offset);
        input.db = task.db;
        input.key = task.key;
        try {
            reader.read(task.type, false);
        } catch (RdbFormatException e) {
            failure = e;
        } catch (IOException | RuntimeException e) {
            failure = RdbFormatException.at(task.offset, task.db, task.key, "checking the value failed: " + e);
        }
    }

    /**
     * The stored size of a packed value at {@code in}'s position, read without consuming it:
     * its prefix, its string header and its stored (for LZF, compressed) bytes. -1 if the framing
     * is not a stored string or is cut short. {@code length} is room for the lengths read (one
     * element), so the parser's thread allocates nothing for it.
     */
    static long storedSize(RdbType type, RdbInput in, long[] length) throws IOException {
        in.ensure(HEADER_MAX);
        int p = in.pos;
        int prefix = type == RdbType.HASH_LISTPACK_EX ? 8 : 0;
        p += prefix;
        if (p >= in.lim) {
            return -1;
        }
        int b = in.buf[p] & 0xff;
        int start = p;
        if (type == RdbType.STRING && b != 0xC3) {
            return -1; // a raw or integer string: nothing to check but its length
        }
        if (b >>> 6 == 3) {
            if ((b & 0x3f) != 3) {
                return -1;
            }
            p = peekLength(in, p + 1, length);
            if (p < 0) {
                return -1;
            }
            long compressed = length[0];
            p = peekLength(in, p, length);
            return p < 0 ? -1 : prefix + (p - start) + compressed;
        }
        p = peekLength(in, p, length);
        return p < 0 ? -1 : prefix + (p - start) + length[0];
    }

    /** Reads an RDB length at {@code p} in the buffer; the position after it, or -1 if cut short or invalid. */
    private static int peekLength(RdbInput in, int p, long[] out) {
        if (p >= in.lim) {
            return -1;
        }
        int b = in.buf[p] & 0xff;
        switch (b >>> 6) {
            case 0 -> {
                out[0] = b & 0x3f;
                return p + 1;
            }
            case 1 -> {
                if (p + 2 > in.lim) {
                    return -1;
                }
                out[0] = ((b & 0x3f) << 8) | (in.buf[p + 1] & 0xff);
                return p + 2;
            }
            default -> {
                int bytes = b == 0x80 ? 4 : b == 0x81 ? 8 : -1;
                if (bytes < 0 || p + 1 + bytes > in.lim) {
                    return -1;
                }
                long v = 0;
                for (int i = 1; i <= bytes; i++) {
                    v = (v << 8) | (in.buf[p + i] & 0xff);
                }
                out[0] = v;
                return v < 0 ? -1 : p + 1 + bytes;
            }
        }
    }
}
