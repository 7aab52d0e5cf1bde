package dev.caravan.rdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Validates every value without building it (the backup hot path) and collects what
 * {@code inspect} and the backup manifest show: keys, expiring keys and serialized bytes per
 * database, per type family and per database and family, the N largest keys by serialized
 * size, and the aux fields.
 */
public class ValidateVisitor implements RdbVisitor {

    /** Counters for one database or one type family. */
    public static final class Counts {
        long keys;
        long expiring;
        long bytes;

        public long keys() {
            return keys;
        }

        public long expiringKeys() {
            return expiring;
        }

        /** Serialized value bytes (type byte and key excluded). */
        public long bytes() {
            return bytes;
        }
    }

    /** One of the largest keys. */
    public record LargeKey(int db, byte[] key, RdbType type, long serializedSize) {
        public String printableKey() {
            return Printable.quoted(key, 64);
        }
    }

    private final int topN;
    private final Map<Integer, Counts> perDb = new TreeMap<>();
    private final Map<String, Counts> perFamily = new TreeMap<>();
    private final Map<Integer, Map<String, Counts>> perDbFamily = new TreeMap<>();
    private final Map<String, String> aux = new LinkedHashMap<>();
    private final PriorityQueue<LargeKey> largest =
            new PriorityQueue<>(Comparator.comparingLong(LargeKey::serializedSize));
    private final List<String> modules = new ArrayList<>();
    private long functions;

    public ValidateVisitor() {
        this(10);
    }

    /** Keeps the {@code topN} largest keys. */
    public ValidateVisitor(int topN) {
        this.topN = topN;
    }

    @Override
    public void onAux(byte[] key, byte[] value) {
        aux.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public void onModuleAux(long moduleId, String moduleName) {
        modules.add(moduleName);
    }

    @Override
    public void onFunction(byte[] code) {
        functions++;
    }

    @Override
    public void onEntry(RdbEntry entry, RdbValue value) throws IOException {
        long size = value.skip();
        count(perDb.computeIfAbsent(entry.db(), d -> new Counts()), entry, size);
        count(perFamily.computeIfAbsent(entry.type().family(), f -> new Counts()), entry, size);
        count(perDbFamily.computeIfAbsent(entry.db(), d -> new TreeMap<>())
                .computeIfAbsent(entry.type().family(), f -> new Counts()), entry, size);
        if (topN > 0 && (largest.size() < topN || largest.peek().serializedSize() < size)) {
            largest.add(new LargeKey(entry.db(), entry.key(), entry.type(), size));
            if (largest.size() > topN) {
                largest.poll();
            }
        }
        onValidated(entry, size);
    }

    /** Called after each key was validated and counted, with its value's serialized size. */
    protected void onValidated(RdbEntry entry, long serializedSize) throws IOException {
    }

    private static void count(Counts c, RdbEntry entry, long size) {
        c.keys++;
        c.bytes += size;
        if (entry.expireAtMs() != -1) {
            c.expiring++;
        }
    }

    public Map<Integer, Counts> perDb() {
        return perDb;
    }

    /** Keyed by family: string, list, set, zset, hash, stream, module. */
    public Map<String, Counts> perFamily() {
        return perFamily;
    }

    /** Database, then family. */
    public Map<Integer, Map<String, Counts>> perDbAndFamily() {
        return perDbFamily;
    }

    public Map<String, String> aux() {
        return aux;
    }

    /** Module names seen in MODULE_AUX records. */
    public List<String> auxModules() {
        return modules;
    }

    public long functions() {
        return functions;
    }

    /** The largest keys, largest first. */
    public List<LargeKey> largestKeys() {
        List<LargeKey> out = new ArrayList<>(largest);
        out.sort(Comparator.comparingLong(LargeKey::serializedSize).reversed());
        return out;
    }
}
