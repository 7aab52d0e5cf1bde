package dev.caravan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.caravan.backup.BackupProgress;
import dev.caravan.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The service's job registry on its own: one backup per source, skipped schedules, bounded history, metrics. */
class BackupJobsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BackupJobs jobs = new BackupJobs(TestSettings.of(Map.of()), new BackupMetrics(registry));

    private void fail(BackupJob job, Exception reason) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
        jobs.failed(job, exchange);
    }

    @Test
    void aSourceHasOneBackupAtATimeAndASecondIsRefusedNamingTheFirst() {
        BackupJob first = jobs.submit("main", "api");
        assertThat(first.progress().phase()).isEqualTo(BackupProgress.Phase.QUEUED);
        assertThatThrownBy(() -> jobs.submit("main", "api"))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupRefusedException.Kind.ALREADY_RUNNING))
                .hasMessageContaining("already running (backup " + first.id() + ", started ");
        // Another source is not held up.
        BackupJob other = jobs.submit("cache", "api");
        assertThat(other.id()).isNotEqualTo(first.id());

        fail(first, new IllegalStateException("Redis went away"));
        assertThat(first.progress().phase()).isEqualTo(BackupProgress.Phase.FAILED);
        assertThat(first.error()).isEqualTo("Redis went away");
        assertThat(jobs.find(first.id())).containsSame(first);
        assertThat(jobs.submit("main", "api").id()).isNotEqualTo(first.id());
    }

    @Test
    void aScheduleFiringWhileTheSourceIsBackedUpIsSkippedNotQueued() {
        BackupJob running = jobs.submit("main", "api");
        assertThat(jobs.scheduled("main")).isNull();
        assertThat(jobs.running()).containsExactly(running);
        BackupJob scheduled = jobs.scheduled("cache");
        assertThat(scheduled.trigger()).isEqualTo("schedule");
    }

    @Test
    void anUnknownSourceIsRefusedNamingTheConfiguredOnes() {
        assertThatThrownBy(() -> jobs.submit("nope", "api"))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupRefusedException.Kind.UNKNOWN))
                .hasMessageContaining("no source 'nope'").hasMessageContaining("configured: cache, main");
        assertThatThrownBy(() -> jobs.scheduled("nope")).isInstanceOf(BackupRefusedException.class);
    }

    @Test
    void finishedJobsAreKeptUpToTheHistoryAndFailuresAreCounted() {
        BackupJob oldest = jobs.submit("main", "api");
        fail(oldest, new IllegalStateException("first"));
        BackupJob last = oldest;
        for (int i = 0; i < BackupJobs.HISTORY; i++) {
            last = jobs.submit("main", "api");
            fail(last, new IllegalStateException("again"));
        }
        assertThat(jobs.find(oldest.id())).isEmpty();
        assertThat(jobs.find(last.id())).containsSame(last);
        assertThat(registry.get("caravan.backup").tags("source", "main", "outcome", "error").counter().count())
                .isEqualTo(BackupJobs.HISTORY + 1);
    }
}
