package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RestoreJobsTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Finishes a job (how does not matter to the registry). */
    private static void finish(RestoreJob job) {
        job.failed(new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED, "test"));
    }

    @Test
    void findsJobsByIdAndNothingElse() {
        RestoreJobs jobs = new RestoreJobs();
        RestoreJob job = jobs.create("127.0.0.1:6400").orElseThrow();
        assertThat(RestoreJobs.isJobId(job.id())).isTrue();
        assertThat(jobs.find(job.id())).containsSame(job);
        assertThat(job.phase()).isEqualTo(RestoreJob.Phase.QUEUED);
        assertThat(jobs.find("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(jobs.find("../../etc/passwd")).isEmpty();
        assertThat(jobs.find(job.id() + "/..")).isEmpty();
        assertThat(jobs.find(job.id().toUpperCase())).isEmpty();
        assertThat(jobs.find(null)).isEmpty();
        assertThat(jobs.create("127.0.0.1:6401").orElseThrow().id()).isNotEqualTo(job.id());
    }

    @Test
    void holdsATargetUntilItsJobFinishes() {
        RestoreJobs jobs = new RestoreJobs();
        RestoreJob first = jobs.create("127.0.0.1:6400").orElseThrow();
        assertThat(jobs.create("127.0.0.1:6400")).isEmpty();
        assertThat(jobs.create("127.0.0.1:6401")).isPresent();
        finish(first);
        assertThat(jobs.create("127.0.0.1:6400")).isPresent();
    }

    @Test
    void forgetsAJobThatNeverStarted() {
        RestoreJobs jobs = new RestoreJobs();
        RestoreJob job = jobs.create("127.0.0.1:6400").orElseThrow();
        jobs.forget(job);
        assertThat(jobs.find(job.id())).isEmpty();
    }

    @Test
    void keepsRunningJobsAndABoundedNumberOfFinishedOnesForADay() {
        HandClock clock = new HandClock();
        RestoreJobs jobs = new RestoreJobs(clock);
        RestoreJob running = jobs.create("running:1").orElseThrow();
        List<RestoreJob> finished = new ArrayList<>();
        for (int i = 0; i < RestoreJobs.KEEP_FINISHED + 10; i++) {
            RestoreJob job = jobs.create("done:1").orElseThrow();
            finish(job);
            finished.add(job);
        }
        List<RestoreJob> kept = jobs.all();
        assertThat(kept).hasSize(RestoreJobs.KEEP_FINISHED + 1).contains(running);
        // The oldest finished ones went first.
        assertThat(kept).doesNotContainAnyElementsOf(finished.subList(0, 10))
                .containsAll(finished.subList(10, finished.size()));

        clock.now = clock.now.plus(RestoreJobs.FINISHED_TTL).plus(Duration.ofSeconds(1));
        assertThat(jobs.all()).containsExactly(running);
        running.failed(new RestoreRefusedException(RestoreRefusedException.Reason.TARGET_FAILED, "gone"));
        assertThat(jobs.find(running.id())).containsSame(running);
    }
}
