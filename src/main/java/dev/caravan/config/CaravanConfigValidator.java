package dev.caravan.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * The single-key checks of {@link CaravanConfig} (ranges, non-blank URIs), run by SmallRye Config
 * as it builds the mapping at start-up, so a bad value stops the application with its key, its
 * value and the bound. It installs itself as a builder customizer (a {@code java.util.ServiceLoader}
 * service, which Quarkus finds at build time and wires into the generated configuration set-up of
 * the JVM and the native image alike).
 *
 * <p>Why not Hibernate Validator's annotations: for these few bounds its bootstrap cost every
 * command's start-up about 0.3 to 0.5 s and 0.5 CPU seconds, and 12 MB of RSS ({@code bin/caravan
 * verify} of the 100 KB sample, alternating with the jar before this class, each with a
 * class-data archive of its own: 2.38 to 2.60 s against 2.00 to 2.41 s).
 */
public final class CaravanConfigValidator implements ConfigValidator, SmallRyeConfigBuilderCustomizer {

    /** The smallest part of a multipart upload that S3 accepts, but for the last. */
    private static final long S3_MIN_PART = 5L * 1024 * 1024;

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mappingObject) {
        if (!(mappingObject instanceof CaravanConfig config)) {
            return;
        }
        List<Problem> problems = problems(prefix, config);
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems.toArray(Problem[]::new));
        }
    }

    /** Every problem of {@code config}, read under {@code prefix}; empty when it is valid. */
    private static List<Problem> problems(String prefix, CaravanConfig config) {
        Checks checks = new Checks(prefix + ".");
        checks.range("inspect.largest-keys", config.inspect().largestKeys(), 0, 10_000);
        checks.range("backup.concurrent", config.backup().concurrent(), 1, 64);
        CaravanConfig.Restore restore = config.restore();
        checks.range("restore.window", restore.window(), 1, 100_000);
        checks.range("restore.concurrent-jobs", restore.concurrentJobs(), 1, 64);
        checks.range("restore.queued-jobs", restore.queuedJobs(), 1, 10_000);
        for (Map.Entry<String, CaravanConfig.Source> source : config.sources().entrySet()) {
            if (source.getValue().uri().isBlank()) {
                checks.problem("sources." + source.getKey() + ".uri",
                        "is empty; give the server as redis://host:port or rediss://host:port");
            }
        }
        for (Map.Entry<String, CaravanConfig.Destination> destination : config.destinations().entrySet()) {
            String key = "destinations." + destination.getKey() + ".";
            PublishRetry retry = destination.getValue().retry();
            checks.range(key + "retry.attempts", retry.attempts(), 1, 100);
            if (!(retry.multiplier() >= 1)) {
                checks.problem(key + "retry.multiplier", "is " + retry.multiplier() + "; it must be 1 or more");
            }
            destination.getValue().s3().ifPresent(s3 -> {
                long partSize = s3.partSize().asLongValue();
                if (partSize < S3_MIN_PART) {
                    checks.problem(key + "s3.part-size",
                            "is " + partSize + " bytes; S3 takes parts of 5M (5 MiB) or more");
                }
            });
        }
        return checks.problems;
    }

    private static final class Checks {
        final String prefix;
        final List<Problem> problems = new ArrayList<>();

        Checks(String prefix) {
            this.prefix = prefix;
        }

        void range(String key, long value, long min, long max) {
            if (value < min || value > max) {
                problem(key, "is " + value + "; it must be from " + min + " to " + max);
            }
        }

        void problem(String key, String what) {
            problems.add(new Problem(prefix + key + " " + what));
        }
    }
}
