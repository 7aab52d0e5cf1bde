package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import dev.caravan.restore.RestoreRefusedException.Reason;

/** The job's phases, counts and outcome, and the guard that keeps one restore per target. */
class RestoreJobTest {

    @Test
    void phasesCountBytesAndEndInAResult() {
        RestoreJob job = new RestoreJob("j1");
        List<RestoreJob.Phase> seen = new ArrayList<>();
        job.onPhase(status -> seen.add(status.phase()));
        assertThat(job.status().phase()).isEqualTo(RestoreJob.Phase.QUEUED);

        job.enter(RestoreJob.Phase.FETCHING, 1000);
        job.addBytes(250);
        RestoreStatus fetching = job.status();
        assertThat(fetching.bytesDone()).isEqualTo(250);
        assertThat(fetching.bytesTotal()).isEqualTo(1000);

        LoadCounters counters = new LoadCounters();
        job.countKeys(counters);
        long[] loaded = {0};
        job.enter(RestoreJob.Phase.LOADING, 500, () -> loaded[0]);
        loaded[0] = 400;
        assertThat(job.status().bytesDone()).isEqualTo(400);

        RestoreResult result = new RestoreResult("j1", "main", List.of("20261124T083000Z-7f3a"), "local",
                "redis://h:1", "redis 7.2.4 (RDB 11)", "replace", false, 1000, 500, "full", 3, 0, 0, 0, 0, List.of(), true,
                "ok", 12, null);
        RestoreResult kept = job.succeeded(result);
        assertThat(job.finished()).isTrue();
        assertThat(job.status().result()).isEqualTo(result.withPhaseMillis(kept.phaseMillis()));
        assertThat(kept.phaseMillis()).containsOnlyKeys("queued", "fetching", "loading");
        assertThat(job.status().refusal()).isNull();
        assertThat(seen).containsExactly(RestoreJob.Phase.FETCHING, RestoreJob.Phase.LOADING);

        job.failed(new IllegalStateException("late"));
        assertThat(job.phase()).as("a finished job keeps its outcome").isEqualTo(RestoreJob.Phase.DONE);
        assertThatThrownBy(() -> job.enter(RestoreJob.Phase.CHECKING, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theResultTellsTheTimeSpentInEachPhaseInOrder() {
        RestoreJobsTest.HandClock clock = new RestoreJobsTest.HandClock();
        RestoreJob job = new RestoreJob("j4", clock);
        clock.now = clock.now.plusMillis(5);
        job.enter(RestoreJob.Phase.FETCHING, 0);
        clock.now = clock.now.plusMillis(100);
        job.enter(RestoreJob.Phase.VERIFYING, 0);
        clock.now = clock.now.plusMillis(2_000);
        job.enter(RestoreJob.Phase.VERIFYING, 0); // a second archive: its time adds to the phase's
        clock.now = clock.now.plusMillis(700);
        job.enter(RestoreJob.Phase.LOADING, 0);
        clock.now = clock.now.plusMillis(12_000);
        job.enter(RestoreJob.Phase.CHECKING, 0);
        clock.now = clock.now.plusMillis(3);
        RestoreResult unTimed = new RestoreResult("j4", "main", List.of("b"), "local", "redis://h:1",
                "redis 7.2.4 (RDB 11)", "replace", false, 1, 1, "full", 1, 0, 0, 0, 0, List.of(), true, "ok", 14_808, Map.of());

        RestoreResult kept = job.succeeded(unTimed);

        assertThat(kept.phaseMillis()).containsExactly(entry("queued", 5L), entry("fetching", 100L),
                entry("verifying", 2_700L), entry("loading", 12_000L), entry("checking", 3L));
        assertThat(kept.phasesInWords())
                .isEqualTo("queued 0.01 s, fetching 0.10 s, verifying 2.70 s, loading 12.00 s, checking 0.00 s");
        assertThat(unTimed.phasesInWords()).isEmpty();
        assertThat(kept).isEqualTo(unTimed.withPhaseMillis(kept.phaseMillis()));
        assertThat(job.status().result()).isSameAs(kept);
        assertThat(job.succeeded(unTimed)).as("a finished job keeps its first result").isSameAs(unTimed);
        assertThat(job.status().result()).isSameAs(kept);
    }

    @Test
    void aFailedJobKeepsTheTimeOfThePhaseItFailedIn() {
        RestoreJobsTest.HandClock clock = new RestoreJobsTest.HandClock();
        RestoreJob job = new RestoreJob("j5", clock);
        job.enter(RestoreJob.Phase.FETCHING, 0);
        clock.now = clock.now.plusMillis(40);
        job.enter(RestoreJob.Phase.VERIFYING, 0);
        clock.now = clock.now.plusMillis(900);
        job.failed(new RestoreRefusedException(Reason.CORRUPT_ARCHIVE, "CRC64 differs"));
        clock.now = clock.now.plusMillis(5_000);

        assertThat(job.phaseMillis())
                .containsExactly(entry("queued", 0L), entry("fetching", 40L), entry("verifying", 900L));
    }

    @Test
    void aRefusalKeepsItsReasonAndStatus() {
        RestoreJob job = new RestoreJob("j2");
        job.failed(new RestoreRefusedException(Reason.CORRUPT_ARCHIVE, "SHA-256 differs"));
        RestoreStatus status = job.status();
        assertThat(status.phase()).isEqualTo(RestoreJob.Phase.FAILED);
        assertThat(status.refusal()).isEqualTo(new RestoreStatus.Refusal("CORRUPT_ARCHIVE", 422, "SHA-256 differs"));
        assertThat(status.finishedAt()).isNotNull();

        RestoreJob other = new RestoreJob("j3");
        other.failed(new java.io.UncheckedIOException(new java.io.IOException("disk full")));
        assertThat(other.status().refusal().reason()).isEqualTo("ERROR");
        assertThat(other.status().refusal().httpStatus()).isEqualTo(500);
    }

    @Test
    void theGuardTakesATargetOnceByHostAndPortOrFile() {
        RestoreGuard guard = new RestoreGuard();
        RestoreTarget server = RestoreTarget.parse("redis://:a@localhost:7000");
        guard.acquire(server);
        assertThat(guard.busy(RestoreTarget.parse("redis://other:b@LOCALHOST:7000/3"))).isTrue();
        assertThatThrownBy(() -> guard.acquire(RestoreTarget.parse("redis://localhost:7000")))
                .isInstanceOfSatisfying(RestoreRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("redis://localhost:7000").hasMessageNotContaining(":a@");
        guard.acquire(RestoreTarget.parse("redis://localhost:7001"));
        RestoreTarget file = RestoreTarget.parse("file:/tmp/x/../out.rdb");
        guard.acquire(file);
        assertThatThrownBy(() -> guard.acquire(RestoreTarget.parse("file:/tmp/out.rdb")))
                .isInstanceOf(RestoreRefusedException.class);
        guard.release(server);
        guard.acquire(server);
    }
}
