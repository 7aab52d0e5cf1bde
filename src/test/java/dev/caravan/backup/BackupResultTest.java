package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.caravan.config.CaravanConfig.Policy;
import org.junit.jupiter.api.Test;

class BackupResultTest {

    private static final PublishResult OK = PublishResult.ok("a", 1, 10);
    private static final PublishResult FAILED = PublishResult.failed("b", 3, "disk full");

    @Test
    void allNeedsEveryCopy() {
        assertThat(BackupResult.met(Policy.ALL, List.of(OK, OK))).isTrue();
        assertThat(BackupResult.met(Policy.ALL, List.of(OK, FAILED))).isFalse();
        assertThat(BackupResult.met(Policy.ALL, List.of())).isFalse();
    }

    @Test
    void anyNeedsOneCopy() {
        assertThat(BackupResult.met(Policy.ANY, List.of(FAILED, OK))).isTrue();
        assertThat(BackupResult.met(Policy.ANY, List.of(FAILED, FAILED))).isFalse();
    }

    @Test
    void quorumNeedsMoreThanHalf() {
        assertThat(BackupResult.met(Policy.QUORUM, List.of(OK, OK, FAILED))).isTrue();
        assertThat(BackupResult.met(Policy.QUORUM, List.of(OK, FAILED))).isFalse();
        assertThat(BackupResult.met(Policy.QUORUM, List.of(OK))).isTrue();
    }
}
