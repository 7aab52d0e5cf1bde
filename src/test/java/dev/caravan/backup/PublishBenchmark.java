package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.quarkus.core.CamelRuntime;
import org.junit.jupiter.api.Test;

import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;

/**
 * Publishes one large incompressible archive to each in-JVM store and prints the rate and the
 * heap's peak. Not part of the suite; run it with a small heap to show that an archive is
 * streamed, never held whole:
 * {@code ./mvnw -B -o test -Dtest=PublishBenchmark -Dbench.publish.mib=512 -DargLine=-Xmx128m}
 */
@QuarkusTest
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
class PublishBenchmark {

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelRuntime camel;

    @Test
    void publishesALargeArchiveToEachStore() throws Exception {
        camel.start(new String[0]);
        int mib = Integer.getInteger("bench.publish.mib", 256);
        Path staging = Files.createTempDirectory("caravan-bench-");
        try {
            StagedTestBackup backup = StagedTestBackup.ofRandom(staging, 1, mib * 1024 * 1024);
            for (String[] target : new String[][] {{"s3", S3TestResource.DESTINATION},
                    {"sftp", SftpTestResource.PASSWORD_DESTINATION}}) {
                resetPeaks();
                long start = System.nanoTime();
                PublishResult result = producer.requestBody("direct:publish-" + target[0], backup.to(target[1]),
                        PublishResult.class);
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(result.error()).isNull();
                System.out.printf("publish-%s: %d MiB in %.2f s, %.0f MiB/s, heap peak %d MiB of max %d MiB%n",
                        target[0], mib, seconds, mib / seconds, heapPeak() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            S3TestResource.deleteTree(staging);
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
