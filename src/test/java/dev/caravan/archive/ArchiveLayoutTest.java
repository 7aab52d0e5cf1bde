package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveLayoutTest {

    private static final BackupId ID = BackupId.parse("20261124T083000Z-7f3a");
    private static final Codecs CODECS = Codecs.standard();

    @Test
    void placesManifestAndShardFilesUnderPrefixSourceAndId() {
        ArchiveLayout layout = new ArchiveLayout("backups/prod");
        assertThat(layout.manifestKey("main", ID)).isEqualTo("backups/prod/main/20261124T083000Z-7f3a/manifest.json");
        assertThat(layout.archiveKey("main", ID, "shard-0", CODECS.byName("zstd")))
                .isEqualTo("backups/prod/main/20261124T083000Z-7f3a/shard-0.rdb.zst");
        assertThat(ArchiveLayout.root().archiveKey("main", ID, "node-1", CODECS.byName("none")))
                .isEqualTo("main/20261124T083000Z-7f3a/node-1.rdb");
    }

    @ParameterizedTest
    @CsvSource({"zstd,s.rdb.zst", "gzip,s.rdb.gz", "zip,s.rdb.zip", "none,s.rdb"})
    void namesFilesByCodec(String codec, String fileName) {
        assertThat(ArchiveLayout.archiveFileName("s", CODECS.byName(codec))).isEqualTo(fileName);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../x|contains a path separator '/'",
            "a/b|contains a path separator '/'",
            "a\\b|contains a path separator '\\'",
            "..|contains '..'",
            "a..b|contains '..'",
            ".hidden|starts with '.'",
            "tab\there|contains the control character U+0009 at index 3",
            "sp ace|contains ' ' at index 2",
            "caf\u00e9|contains '\u00e9' at index 3",
            "a:b|contains ':' at index 1"})
    void refusesNamesThatCouldEscapeOrMangle(String name, String reason) {
        ArchiveLayout layout = ArchiveLayout.root();
        assertThatThrownBy(() -> layout.sourceFolder(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("source name ")
                .hasMessageContaining(reason);
        assertThatThrownBy(() -> ArchiveLayout.archiveFileName(name, CODECS.byName("zstd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("shard name ")
                .hasMessageContaining(reason);
    }

    @Test
    void refusesEmptyAndTooLongNames() {
        assertThatThrownBy(() -> ArchiveLayout.root().sourceFolder("")).hasMessage("source name is empty");
        assertThatThrownBy(() -> ArchiveLayout.root().sourceFolder(null)).hasMessage("source name is empty");
        assertThatThrownBy(() -> ArchiveLayout.root().sourceFolder("a".repeat(101)))
                .hasMessageContaining("is 101 characters long; at most 100 are allowed");
        assertThat(ArchiveLayout.root().sourceFolder("a".repeat(100))).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "a//b", "a/", "../up", "a/../b", "ok/.hidden"})
    void refusesBadPrefixes(String prefix) {
        assertThatThrownBy(() -> new ArchiveLayout(prefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolvesKeysUnderALocalRootOnly(@org.junit.jupiter.api.io.TempDir Path root) {
        String key = new ArchiveLayout("p").manifestKey("main", ID);
        assertThat(ArchiveLayout.resolveUnder(root, key)).isEqualTo(root.toAbsolutePath().resolve(key)).startsWithRaw(root);
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "", ".", "a/.."}) {
            assertThatThrownBy(() -> ArchiveLayout.resolveUnder(root, bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("key ");
        }
        // A relative root is made absolute first, and the sibling with a common name prefix is outside.
        assertThatThrownBy(() -> ArchiveLayout.resolveUnder(Path.of("backups"), "../backups2/x"))
                .hasMessageContaining("outside");
    }
}
