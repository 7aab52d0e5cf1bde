package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The service's triggers write restore files only inside {@code caravan.restore.file-dir}. */
class FileTargetConfinementTest {

    private static final Optional<Path> DIR = Optional.of(Path.of("/var/lib/caravan/extracts"));

    private static Path target(String fileTarget) {
        return ((RestoreTarget.File) RestoreTarget.parse(fileTarget)).path();
    }

    @Test
    void aFileInsideTheFolderIsAccepted() {
        assertThatCode(() -> RestorePreflight.checkFileTarget(target("file:/var/lib/caravan/extracts/users.rdb"), DIR))
                .doesNotThrowAnyException();
        assertThatCode(() -> RestorePreflight.checkFileTarget(target("file:/var/lib/caravan/extracts/a/b.rdb"), DIR))
                .doesNotThrowAnyException();
    }

    @Test
    void aPathThatLeavesTheFolderIsRefused() {
        for (String escape : new String[] {"file:/var/lib/caravan/extracts/../cron.rdb", "file:/etc/cron.d/x",
            "file:/var/lib/caravan/extracts-other/x.rdb", "file:/var/lib/caravan/extracts"}) {
            assertThatThrownBy(() -> RestorePreflight.checkFileTarget(target(escape), DIR)).as(escape)
                    .isInstanceOfSatisfying(RestoreRefusedException.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.reason())
                                    .isEqualTo(RestoreRefusedException.Reason.INVALID_REQUEST))
                    .hasMessageContaining("outside caravan.restore.file-dir");
        }
    }

    @Test
    void withoutTheFolderNoFileIsWritten() {
        assertThatThrownBy(() -> RestorePreflight.checkFileTarget(target("file:/tmp/users.rdb"), Optional.empty()))
                .hasMessageContaining("caravan.restore.file-dir").hasMessageContaining("restore --to file:PATH");
    }
}
