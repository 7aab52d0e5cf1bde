package dev.caravan.redis;

import dev.caravan.testing.Datasets;
import dev.caravan.testing.RedisServerFixture;

/**
 * The two masters a pull test needs, one per transfer form (disk-based and diskless, without the
 * diskless delay), each seeded with every type plus enough bulk that a snapshot spans many reads.
 */
final class SeededMasters implements AutoCloseable {

    final RedisServerFixture diskBased;
    final RedisServerFixture diskless;

    SeededMasters() {
        diskBased = RedisServerFixture.start("--repl-diskless-sync", "no");
        diskless = RedisServerFixture.start("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
        for (RedisServerFixture server : new RedisServerFixture[] {diskBased, diskless}) {
            Datasets.seedEveryType(server);
            Datasets.seedBulk(server, 20_000, 4 << 20);
        }
    }

    @Override
    public void close() {
        diskBased.close();
        diskless.close();
    }
}
