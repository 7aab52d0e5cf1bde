package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged input is refused with RdbFormatException and nothing else: every bit flip at every
 * position of small corpus files, and every truncation. With a checksum, every flip must be
 * caught (by the structure or by the CRC); without one, a flip may go unnoticed (e.g. inside a
 * string) but must never raise another exception type.
 */
class CorruptionTest {

    private static final List<String> SMALL = List.of(
            "hdt3213-rdb/function.rdb", "hdt3213-rdb/hash_with_hfe.rdb", "hdt3213-rdb/hash_as_listpack_with_hfe.rdb",
            "hdt3213-rdb/valkey_hash2_with_hfe.rdb", "hdt3213-rdb/stream_listoacks_3.rdb",
            "hdt3213-rdb/stream_listpacks_2.rdb", "hdt3213-rdb/set_listpack.rdb", "hdt3213-rdb/listpack.rdb",
            "hdt3213-rdb/quicklist.rdb", "hdt3213-rdb/tree.rdb", "hdt3213-rdb/expiration.rdb",
            "hdt3213-rdb/rdb_version_5_with_checksum.rdb", "hdt3213-rdb/ziplist_with_integers.rdb",
            "hdt3213-rdb/zipmap_that_doesnt_compress.rdb", "hdt3213-rdb/memory.rdb",
            "redis-rdb-tools/redis_50_with_streams.rdb", "redis-rdb-tools/redis_60_with_module_aux.rdb",
            "redis-rdb-tools/redis_40_with_module.rdb", "hdt3213-rdb/ziplist_that_compresses_easily.rdb",
            "hdt3213-rdb/zipmap_that_compresses_easily.rdb",
            "hdt3213-rdb/intset_64.rdb", "hdt3213-rdb/sorted_set_as_ziplist.rdb",
            "hdt3213-rdb/easily_compressible_string_key.rdb", "hdt3213-rdb/keys_with_expiry.rdb");

    static Stream<Arguments> files() {
        return SMALL.stream().map(n -> {
            Path p = Corpus.dir().resolve(n);
            return Arguments.of(n, Corpus.version(Corpus.bytes(p)), p);
        });
    }

    /** Parses in all three modes; returns normally only if every mode accepted the input. */
    static void parseAllModes(byte[] rdb) throws IOException {
        new RdbParser(new ByteArrayInputStream(rdb)).parse(new ValidateVisitor());
        new RdbParser(new ByteArrayInputStream(rdb)).checkingInParallel().parse(new ValidateVisitor());
        new RdbParser(new ByteArrayInputStream(rdb)).parse(new DumpVisitor() {
            @Override
            protected OutputStream payloadSink(RdbEntry entry) {
                return OutputStream.nullOutputStream();
            }
        });
        new RdbParser(new ByteArrayInputStream(rdb)).parse(new DecodeVisitor((e, v) -> { }));
    }

    @ParameterizedTest(name = "{0} (RDB {1})")
    @MethodSource("files")
    void everyBitFlipIsRefused(String name, int version, Path file) throws IOException {
        byte[] rdb = Corpus.bytes(file);
        // A stored checksum of 0 (disabled) turns non-zero, and wrong, when one of its bits flips;
        // the one exception is the hex EOF mark after redis_40_with_module.rdb's checksum.
        boolean mustDetect = version >= 5 && !name.endsWith("redis_40_with_module.rdb");
        // all 8 bits of every byte of small files, one bit per byte of the larger ones
        boolean allBits = rdb.length <= 1500;
        int undetected = 0;
        for (int i = 0; i < rdb.length; i++) {
            for (int bit = allBits ? 0 : i % 8; bit < (allBits ? 8 : i % 8 + 1); bit++) {
                byte[] bad = rdb.clone();
                bad[i] ^= (byte) (1 << bit);
                try {
                    parseAllModes(bad);
                    undetected++;
                    if (mustDetect) {
                        fail("flip of bit %d at offset %d was accepted", bit, i);
                    }
                } catch (RdbFormatException expected) {
                    assertThat(expected.getMessage()).startsWith("offset ");
                } catch (RuntimeException | IOException | Error e) {
                    throw new AssertionError("flip of bit " + bit + " at offset " + i + " raised " + e, e);
                }
            }
        }
        if (!mustDetect) {
            assertThat(undetected).isLessThan(rdb.length * 8);
        }
    }

    @ParameterizedTest(name = "{0} (RDB {1})")
    @MethodSource("files")
    void everyTruncationIsRefusedWithItsOffset(String name, int version, Path file) {
        byte[] rdb = Corpus.bytes(file);
        int end = name.endsWith("redis_40_with_module.rdb") ? rdb.length - 40 : rdb.length;
        for (int len = 0; len < end; len++) {
            byte[] cut = Arrays.copyOf(rdb, len);
            int at = len;
            assertThatThrownBy(() -> parseAllModes(cut)).as("truncated to %d bytes", at)
                    .isInstanceOf(RdbFormatException.class)
                    .satisfies(e -> assertThat(((RdbFormatException) e).offset()).isBetween(0L, (long) at))
                    .hasMessageStartingWith("offset ");
        }
    }
}
