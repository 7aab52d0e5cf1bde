package dev.caravan.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The codecs by name, as configuration and manifests spell them. */
public final class Codecs {

    /** The codec a backup uses unless configured otherwise. */
    public static final String DEFAULT = ZstdCodec.NAME;
    /**
     * Level 1 for zip and gzip: on the bench dataset's RDB (whose strings Redis already compressed
     * with LZF) level 6 makes files only 3% smaller at 2.4 times the CPU (bench/results/codecs-*.md).
     */
    public static final int DEFAULT_DEFLATE_LEVEL = 1;

    private final Map<String, Codec> byName = new LinkedHashMap<>();

    /** @param deflateLevel the level for zip and gzip, 1 to 9 */
    public Codecs(int deflateLevel) {
        for (Codec codec : new Codec[] {
                new ZstdCodec(), new GzipCodec(deflateLevel), new ZipCodec(deflateLevel), new NoneCodec()}) {
            byName.put(codec.name(), codec);
        }
    }

    public static Codecs standard() {
        return new Codecs(DEFAULT_DEFLATE_LEVEL);
    }

    /** @throws IllegalArgumentException naming the known codecs if {@code name} is none of them */
    public Codec byName(String name) {
        Codec codec = byName.get(name);
        if (codec == null) {
            throw new IllegalArgumentException("unknown codec " + (name == null ? "null" : Names.quote(name))
                    + "; known: " + String.join(", ", byName.keySet()));
        }
        return codec;
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
