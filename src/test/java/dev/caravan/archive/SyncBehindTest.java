package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SyncBehindTest {

    @Test
    void flushesOnItsOwnThreadOnceAStrideHasBeenWritten() throws Exception {
        CountDownLatch flushed = new CountDownLatch(1);
        AtomicInteger flushes = new AtomicInteger();
        SyncBehind sync = new SyncBehind(() -> {
            flushes.incrementAndGet();
            flushed.countDown();
        }, 100, "test");

        sync.written(99);
        assertThat(flushed.await(200, TimeUnit.MILLISECONDS)).isFalse();
        sync.written(100);
        assertThat(flushed.await(10, TimeUnit.SECONDS)).isTrue();
        sync.finish();

        assertThat(flushes).hasValue(1);
    }

    @Test
    void asksForNoSecondFlushWhileOneIsRunning() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger flushes = new AtomicInteger();
        SyncBehind sync = new SyncBehind(() -> {
            flushes.incrementAndGet();
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 10, "test");

        sync.written(10);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        sync.written(20);
        sync.written(30);
        sync.written(40);
        release.countDown();
        sync.finish();

        // the three strides written during the first flush ask for one more at most
        assertThat(flushes.get()).isBetween(1, 2);
    }

    @Test
    void aFailedFlushIsThrownByFinish() throws Exception {
        CountDownLatch tried = new CountDownLatch(1);
        SyncBehind sync = new SyncBehind(() -> {
            tried.countDown();
            throw new IOException("No space left on device");
        }, 1, "test");

        sync.written(1);
        assertThat(tried.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(sync::finish).isInstanceOf(IOException.class).hasMessage("No space left on device");
    }

    @Test
    void finishingWithoutAFlushStopsTheThread() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        SyncBehind sync = new SyncBehind(flushes::incrementAndGet, 1_000, "test");

        sync.written(999);
        sync.finish();

        assertThat(flushes).hasValue(0);
    }
}
