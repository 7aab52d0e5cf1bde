package dev.caravan.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file parses and validates, in every mode, whatever the read chunking; the ones
 * redis-server refuses are refused too, with the server's reason.
 */
class CorpusTest {

    static Stream<Arguments> rejected() {
        return Corpus.SERVER_REJECTS.entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), Corpus.dir().resolve(e.getKey()), e.getValue()));
    }

    @ParameterizedTest(name = "{0} is refused like redis-server refuses it")
    @MethodSource("rejected")
    void refusesWhatTheServerRefuses(String name, Path file, String reason) {
        byte[] rdb = Corpus.bytes(file);
        assertThatThrownBy(() -> CorruptionTest.parseAllModes(rdb))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining(reason);
    }

    static Stream<Arguments> files() {
        return Corpus.files().stream().map(p -> Arguments.of(Corpus.name(p), Corpus.version(Corpus.bytes(p)), p));
    }

    @ParameterizedTest(name = "{0} (RDB {1})")
    @MethodSource("files")
    void validatesDumpsAndDecodes(String name, int version, Path file) throws Exception {
        byte[] rdb = Corpus.bytes(file);
        ValidateVisitor stats = new ValidateVisitor();
        RdbSummary summary = new RdbParser(new ByteArrayInputStream(rdb)).parse(stats);
        assertThat(summary.version()).isEqualTo(version);
        assertThat(summary.bytes()).isEqualTo(rdb.length);
        if (version >= 5) {
            assertThat(summary.checksum()).isIn(RdbSummary.Checksum.VERIFIED, RdbSummary.Checksum.DISABLED);
        } else {
            assertThat(summary.checksum()).isEqualTo(RdbSummary.Checksum.ABSENT);
        }
        long keys = stats.perDb().values().stream().mapToLong(ValidateVisitor.Counts::keys).sum();
        assertThat(keys).isEqualTo(summary.keys());
        ValidateVisitor inParallel = new ValidateVisitor();
        assertThat(new RdbParser(Corpus.trickle(rdb, 5)).checkingInParallel().parse(inParallel)).isEqualTo(summary);
        assertThat(inParallel.perDbAndFamily()).usingRecursiveComparison().isEqualTo(stats.perDbAndFamily());

        List<byte[]> payloads = new ArrayList<>();
        RdbSummary dumped = new RdbParser(Corpus.trickle(rdb, 7)).parse(DumpVisitor.inMemory((e, p) -> payloads.add(p)));
        assertThat(payloads).hasSize((int) summary.keys());
        assertThat(dumped).isEqualTo(summary);

        List<DecodedValue> values = new ArrayList<>();
        new RdbParser(Corpus.trickle(rdb, 1)).parse(new DecodeVisitor((e, v) -> values.add(v)));
        assertThat(values).hasSize((int) summary.keys()).doesNotContainNull();
    }

    @ParameterizedTest(name = "{0} (RDB {1})")
    @MethodSource("files")
    void framingOnlyCopiesTheSamePayloadsAsTheFullParse(String name, int version, Path file) throws Exception {
        byte[] rdb = Corpus.bytes(file);
        List<byte[]> full = new ArrayList<>();
        RdbSummary validated = new RdbParser(new ByteArrayInputStream(rdb)).parse(DumpVisitor.inMemory((e, p) -> full.add(p)));
        for (int chunk : new int[] {1, 7, 65536}) {
            List<byte[]> framed = new ArrayList<>();
            RdbSummary passed = new RdbParser(Corpus.trickle(rdb, chunk)).framingOnly()
                    .parse(DumpVisitor.inMemory((e, p) -> framed.add(p)));
            assertThat(passed).as("read %d bytes at a time", chunk).isEqualTo(uncheckedCrc(validated));
            assertThat(framed).as("read %d bytes at a time", chunk).containsExactlyElementsOf(full);
        }
    }

    /** What a framing-only pass reports for an RDB a full parse summarised: the same, its CRC64 not computed. */
    private static RdbSummary uncheckedCrc(RdbSummary full) {
        RdbSummary.Checksum status = full.checksum() == RdbSummary.Checksum.VERIFIED ? RdbSummary.Checksum.NOT_CHECKED
                : full.checksum();
        return new RdbSummary(full.magic(), full.version(), status, full.storedChecksum(), full.keys(), full.expiringKeys(),
                full.bytes(), full.trailingEofMark());
    }
}
