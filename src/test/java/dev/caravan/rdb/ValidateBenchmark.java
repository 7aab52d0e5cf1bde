package dev.caravan.rdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * JMH: the validate pass ({@link RdbParser} with a {@link ValidateVisitor}: CRC-64, every record
 * and nested encoding, LZF) over an RDB held in memory, so the score is the parser's alone.
 * Outside the suite; {@code bench/jmh.sh Validate} writes the bench dataset as the RDB
 * ({@code -p rdb=FILE} for another). One operation is one whole file: MB/s is file size / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ValidateBenchmark {

    @Param("bench/work/jmh-64m.rdb")
    String rdb;

    private byte[] file;

    @Setup
    public void setUp() throws IOException {
        file = Files.readAllBytes(Path.of(rdb));
        System.out.printf("%n%s: %,d bytes%n", rdb, file.length);
    }

    @Benchmark
    public RdbSummary validate() throws IOException {
        return new RdbParser(new ByteArrayInputStream(file)).parse(new ValidateVisitor());
    }
}
