package dev.caravan.restore;

import dev.caravan.filter.KeyGlob;
import dev.caravan.rdb.RdbEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which keys of a backup a restore takes, and where they go.
 *
 * <p>A key is taken when its database is in {@code dbs} (empty: every database), it matches one of
 * {@code keyGlobs} (empty: every key; Redis {@code KEYS} semantics on raw bytes), it matches
 * {@code keyRegex} when given (searched with {@link java.util.regex.Matcher#find()} in the key read
 * as ISO-8859-1, so each byte is one char and binary keys can be matched), and its family is in
 * {@code types} (as {@code TYPE} reports it: string, list, set, zset, hash, stream, module; empty:
 * every type). {@code remap} sends the keys of a source database to another target database;
 * unmapped databases keep their number.
 */
public record RestoreFilter(Set<Integer> dbs, List<KeyGlob> keyGlobs, Optional<Pattern> keyRegex, Set<String> types,
                            Map<Integer, Integer> remap) {

    /** The families a filter may name. */
    public static final Set<String> TYPES = Set.of("string", "list", "set", "zset", "hash", "stream", "module");

    private static final RestoreFilter ALL = new RestoreFilter(Set.of(), List.of(), Optional.empty(), Set.of(), Map.of());

    public RestoreFilter {
        dbs = Set.copyOf(new TreeSet<>(dbs == null ? Set.of() : dbs));
        for (int db : dbs) {
            if (db < 0) {
                throw new IllegalArgumentException("database " + db + " in the filter is negative; databases are 0, 1, …");
            }
        }
        keyGlobs = List.copyOf(keyGlobs == null ? List.of() : keyGlobs);
        keyRegex = keyRegex == null ? Optional.empty() : keyRegex;
        types = Set.copyOf(types == null ? Set.of() : types);
        for (String type : types) {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("unknown type \"" + type + "\" in the filter; use one of "
                        + new TreeSet<>(TYPES));
            }
        }
        remap = Map.copyOf(new TreeMap<>(remap == null ? Map.of() : remap));
        for (Map.Entry<Integer, Integer> e : remap.entrySet()) {
            if (e.getKey() < 0 || e.getValue() < 0) {
                throw new IllegalArgumentException("database remapping " + e.getKey() + " -> " + e.getValue()
                        + " has a negative database; databases are 0, 1, …");
            }
        }
    }

    /** Every key, every database, no remapping. */
    public static RestoreFilter all() {
        return ALL;
    }

    /**
     * A filter from the textual forms of requests and the CLI; a bad glob, regex, db or type gets
     * an {@link IllegalArgumentException} that says which and why.
     */
    public static RestoreFilter of(Set<Integer> dbs, List<String> globs, String regex, Set<String> types,
                                   Map<Integer, Integer> remap) {
        List<KeyGlob> keyGlobs = globs == null ? List.of() : globs.stream().map(KeyGlob::of).toList();
        Optional<Pattern> pattern = Optional.empty();
        if (regex != null && !regex.isEmpty()) {
            try {
                pattern = Optional.of(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the key regex is not valid: " + e.getDescription() + " near index "
                        + e.getIndex() + " of \"" + regex + "\"");
            }
        }
        return new RestoreFilter(dbs, keyGlobs, pattern, types, remap);
    }

    /** True when the filter takes every key of every database. */
    public boolean takesEverything() {
        return dbs.isEmpty() && keyGlobs.isEmpty() && keyRegex.isEmpty() && types.isEmpty();
    }

    /** True when the filter takes whole databases: it names no key pattern and no type. */
    public boolean takesWholeDatabases() {
        return keyGlobs.isEmpty() && keyRegex.isEmpty() && types.isEmpty();
    }

    /** True when this key is to be restored. */
    public boolean includes(RdbEntry entry) {
        return includesDbAndKey(entry) && includesType(entry);
    }

    boolean includesDbAndKey(RdbEntry entry) {
        return includesDb(entry.db()) && includesKey(entry.key());
    }

    boolean includesType(RdbEntry entry) {
        return types.isEmpty() || types.contains(entry.type().family());
    }

    /** True when keys of this source database may be restored. */
    public boolean includesDb(int db) {
        return dbs.isEmpty() || dbs.contains(db);
    }

    private boolean includesKey(byte[] key) {
        if (!keyGlobs.isEmpty() && keyGlobs.stream().noneMatch(g -> g.matches(key))) {
            return false;
        }
        return keyRegex.isEmpty() || keyRegex.get().matcher(new String(key, StandardCharsets.ISO_8859_1)).find();
    }

    /** The target database for keys of source database {@code db}. */
    public int targetDb(int db) {
        return remap.getOrDefault(db, db);
    }
}
