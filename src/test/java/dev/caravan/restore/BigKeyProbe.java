package dev.caravan.restore;

import dev.caravan.redis.RedisUri;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link BigKeyTest}: loads an RDB file into a server and
 * prints the report and the heap's peak.
 */
public final class BigKeyProbe {

    private BigKeyProbe() {
    }

    public static void main(String[] args) throws Exception {
        LoadReport report = new RedisLoader().load(Path.of(args[0]), RedisUri.parse(args[1]), LoadOptions.defaults(),
                new LoadCounters());
        long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println("restored=" + report.restored() + " failed=" + report.failed() + " bytes=" + report.bytesRead()
                + " heapPeak=" + peak);
    }
}
