package dev.caravan.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import dev.caravan.rdb.RdbEntry;
import dev.caravan.rdb.RdbFormatException;
import dev.caravan.rdb.RdbValue;
import dev.caravan.rdb.RdbVisitor;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A visitor that validates every value (it only skips them) while counting what a snapshot
 * holds: aux fields, keys and expiring keys per db and type, serialized bytes, the largest keys.
 * Memory is bounded by the number of dbs, types and {@code largest}, never by the snapshot.
 */
public class SnapshotStats implements RdbVisitor {

    /** Counts for one type family in one db. */
    @RegisterForReflection
    public record TypeCount(long keys, long expiringKeys, long bytes) {
        TypeCount plus(boolean expiring, long size) {
            return new TypeCount(keys + 1, expiringKeys + (expiring ? 1 : 0), bytes + size);
        }
    }

    /** Counts for one db. */
    @RegisterForReflection
    public record DbCount(int db, long keys, long expiringKeys, Map<String, TypeCount> types) {
    }

    /** One key worth naming: where it is, what it is, when it expires and how big it is. */
    @RegisterForReflection
    public record KeyInfo(int db, String key, String type, String encoding, Long expireAtMs, long bytes) {

        static KeyInfo of(RdbEntry entry, long bytes) {
            return new KeyInfo(entry.db(), entry.printableKey(), entry.type().family(), entry.type().encoding(),
                    entry.expireAtMs() < 0 ? null : entry.expireAtMs(), bytes);
        }
    }

    /** Called for keys a caller wants listed, with their serialized size. */
    public interface KeyListener {
        void onKey(KeyInfo key) throws IOException;
    }

    private static final Comparator<KeyInfo> BY_SIZE = Comparator.comparingLong(KeyInfo::bytes);

    private final int largest;
    private final KeySelector selector;
    private final KeyListener listener;
    private final Map<String, String> aux = new LinkedHashMap<>();
    private final Map<Integer, Map<String, TypeCount>> counts = new TreeMap<>();
    private final PriorityQueue<KeyInfo> top = new PriorityQueue<>(BY_SIZE);
    private final List<String> modules = new ArrayList<>();
    private long functions;

    /** Selects keys for the listener; see {@link dev.caravan.filter.KeyGlob}. */
    public interface KeySelector {
        boolean selects(byte[] key);
    }

    public SnapshotStats(int largest) {
        this(largest, key -> false, key -> { });
    }

    public SnapshotStats(int largest, KeySelector selector, KeyListener listener) {
        this.largest = largest;
        this.selector = selector;
        this.listener = listener;
    }

    @Override
    public void onAux(byte[] key, byte[] value) {
        aux.put(new String(key, StandardCharsets.UTF_8), printable(value));
    }

    @Override
    public void onModuleAux(long moduleId, String moduleName) {
        if (!modules.contains(moduleName)) {
            modules.add(moduleName);
        }
    }

    @Override
    public void onFunction(byte[] code) {
        functions++;
    }

    @Override
    public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
        long size = value.skip();
        boolean expiring = entry.expireAtMs() >= 0;
        counts.computeIfAbsent(entry.db(), db -> new TreeMap<>())
                .merge(entry.type().family(), new TypeCount(1, expiring ? 1 : 0, size),
                        (old, one) -> old.plus(expiring, size));
        if (largest > 0 && (top.size() < largest || size > top.peek().bytes())) {
            top.add(KeyInfo.of(entry, size));
            if (top.size() > largest) {
                top.poll();
            }
        }
        if (selector.selects(entry.key())) {
            listener.onKey(KeyInfo.of(entry, size));
        }
    }

    public Map<String, String> aux() {
        return aux;
    }

    public List<DbCount> dbs() {
        List<DbCount> dbs = new ArrayList<>();
        counts.forEach((db, types) -> dbs.add(new DbCount(db,
                types.values().stream().mapToLong(TypeCount::keys).sum(),
                types.values().stream().mapToLong(TypeCount::expiringKeys).sum(),
                Collections.unmodifiableMap(new TreeMap<>(types)))));
        return dbs;
    }

    /** The largest keys, biggest first. */
    public List<KeyInfo> largestKeys() {
        List<KeyInfo> list = new ArrayList<>(top);
        list.sort(BY_SIZE.reversed());
        return list;
    }

    public List<String> modules() {
        return modules;
    }

    public long functions() {
        return functions;
    }

    /** Aux values are mostly text; anything else is shown escaped. */
    private static String printable(byte[] value) {
        String quoted = RdbFormatException.printable(value, 256);
        return quoted.substring(1, quoted.endsWith("\"...") ? quoted.length() - 4 : quoted.length() - 1);
    }
}
