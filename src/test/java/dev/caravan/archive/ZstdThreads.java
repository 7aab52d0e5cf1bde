package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Checks that no zstd worker thread outlives its stream. */
final class ZstdThreads {

    private ZstdThreads() {
    }

    static void awaitNone() throws InterruptedException {
        List<String> alive = List.of();
        for (int i = 0; i < 100; i++) {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("caravan-zstd-"))
                    .toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(alive).as("zstd worker threads still running").isEmpty();
    }
}
