package dev.caravan.rdb;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: CRC-64 over one {@link RdbInput} buffer (64 KiB, what each refill feeds it) and over the
 * short ranges a tap flushes. Outside the suite; run with {@code bench/jmh.sh Crc64}. Scores are
 * operations per second: bytes per second is score × size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Crc64Benchmark {

    @Param({"65536", "64"})
    int size;

    private byte[] data;

    @Setup
    public void setUp() {
        data = new byte[size];
        new SplittableRandom(42).nextBytes(data);
    }

    @Benchmark
    public long update() {
        return Crc64.update(0, data, 0, data.length);
    }
}
