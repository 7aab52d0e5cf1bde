package dev.caravan.archive;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Reproducible snapshot-like bytes: text that compresses and random runs that do not. */
final class TestData {

    private TestData() {
    }

    static byte[] mixed(int size, long seed) {
        return generate(size, seed, 4);
    }

    /** Text only, one random run in 64: compresses well, so tests that stream a lot stay fast. */
    static byte[] text(int size, long seed) {
        return generate(size, seed, 64);
    }

    private static byte[] generate(int size, long seed, int oneRandomIn) {
        Random random = new Random(seed);
        byte[] out = new byte[size];
        int i = 0;
        while (i < size) {
            byte[] chunk;
            if (random.nextInt(oneRandomIn) == 0) {
                chunk = new byte[1 + random.nextInt(2000)];
                random.nextBytes(chunk);
            } else {
                chunk = ("{\"user\":\"u" + random.nextInt(100_000) + "\",\"score\":" + random.nextInt()
                        + ",\"tags\":[\"redis\",\"backup\"]}\n").getBytes(StandardCharsets.US_ASCII);
            }
            int n = Math.min(chunk.length, size - i);
            System.arraycopy(chunk, 0, out, i, n);
            i += n;
        }
        return out;
    }
}
