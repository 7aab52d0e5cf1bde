package dev.caravan.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything under {@code caravan.}, typed and validated at start-up. SmallRye Config refuses a
 * property under this prefix that maps to nothing here, so a typo fails loudly instead of being
 * ignored; {@link CaravanConfigValidator} checks the ranges given below. Checks that span several
 * keys (a local destination needs a path, a known codec) are in
 * {@link dev.caravan.backup.BackupSettings}.
 */
@ConfigMapping(prefix = "caravan")
public interface CaravanConfig {

    /** How {@code inspect} summarises a snapshot. */
    Inspect inspect();

    /** The Redis servers to back up, by name ({@code caravan.sources.<name>.*}). */
    Map<String, Source> sources();

    /** Where backups go, by name ({@code caravan.destinations.<name>.*}); every backup goes to all. */
    Map<String, Destination> destinations();

    /** How a backup is staged, published and judged. */
    Backup backup();

    /** How restores are fetched, checked and loaded, and what triggers them besides HTTP and the CLI. */
    Restore restore();

    interface Inspect {

        /** How many of the largest keys (by serialized size) a report lists: 0 to 10,000. */
        @WithDefault("10")
        int largestKeys();
    }

    interface Source {

        /** {@code redis://[user:password@]host[:port]} or {@code rediss://}; secrets from the environment. */
        String uri();

        /**
         * How the snapshot is taken: {@code sync}, a replica's full resynchronisation (one point in
         * time), or {@code scan}, SCAN + DUMP + PTTL for servers that forbid replication (not a point in time).
         */
        @WithDefault("sync")
        SourceMode mode();

        /** A Quartz cron expression for scheduled backups by the service. */
        Optional<String> schedule();
    }

    enum SourceMode { SYNC, SCAN }

    interface Destination {

        DestinationType type();

        /** The folder of a {@code local} destination. */
        Optional<Path> path();

        /** Present for an S3 destination. */
        Optional<S3Destination> s3();

        /** Present for an SFTP destination. */
        Optional<SftpDestination> sftp();

        /** How a failed publish to this destination is retried ({@code retry.*}). */
        PublishRetry retry();
    }

    /** Each type is published by the route {@code direct:publish-<type>}. */
    enum DestinationType {
        LOCAL, S3, SFTP;

        /** As configuration and route names spell it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    interface Backup {

        /** zstd, gzip, zip or none. */
        @WithDefault("zstd")
        String codec();

        /** Where snapshots are compressed before they are published; failed ones stay here as {@code .failed}. */
        @WithDefault("${java.io.tmpdir}/caravan-staging")
        Path stagingDir();

        /** When a backup counts as done: every destination, any one, or more than half. */
        @WithDefault("all")
        Policy policy();

        /** Folders before {@code <source>/<backup-id>} at every destination, e.g. {@code prod/eu}; empty for none. */
        Optional<String> prefix();

        /** Backups of different sources the service runs at once (API, schedules), 1 to 64; more wait as QUEUED. */
        @WithDefault("2")
        int concurrent();
    }

    enum Policy { ALL, ANY, QUORUM }

    /** How an archive is checked before a restore touches its target ({@code caravan.restore.verify}). */
    enum Verify { FULL, CHECKSUM }

    interface Restore {

        /** Where fetched archives are staged and checked before anything touches a target. */
        @WithDefault("${java.io.tmpdir}/caravan-restore")
        Path stagingDir();

        /**
         * How a restore that does not say ({@code "verify"}, {@code --verify}) checks an archive before
         * the target is touched: {@code checksum}, its size and SHA-256 against its manifest, which its
         * backup wrote after parsing the same bytes in full; or {@code full}, a second decompression,
         * CRC64 and full parse besides. An archive without a manifest (dropped into the inbox), or
         * taken through a key or type filter, is always parsed in full.
         */
        @WithDefault("checksum")
        Verify verify();

        /** RESTORE commands in flight on the loading connection: 1 to 100,000. */
        @WithDefault("512")
        int window();

        /** The target of a restore that names none when its source is not configured, and of files dropped into the inbox. */
        Optional<String> defaultTarget();

        /**
         * The folder that restores into a file ({@code file:PATH} targets) may write to when the service's
         * triggers (HTTP, messages, the inbox) start them; absent, they may not write files at all. The
         * CLI writes wherever its user asks.
         */
        Optional<Path> fileDir();

        /** A Camel consumer URI whose messages are restore requests (JSON); no message trigger when absent. */
        Optional<String> triggerUri();

        /** Where the outcome of a message-triggered restore is sent (a Camel producer URI). */
        Optional<String> replyUri();

        /** Where an unreadable or refused restore message goes, with the reason (a Camel producer URI). */
        Optional<String> deadLetterUri();

        /** A folder watched for restore requests ({@code *.json}), archives and bare {@code .rdb} files. */
        Optional<Path> inbox();

        /**
         * How often the inbox is looked at, and how long a dropped file must stay unchanged (size
         * and modification time) before it is taken: a file still being written waits.
         */
        @WithDefault("1s")
        java.time.Duration inboxInterval();

        /** Restores started by the HTTP API that run at the same time, 1 to 64; more wait in the queue. */
        @WithDefault("2")
        int concurrentJobs();

        /** Restores the HTTP API keeps waiting at most, 1 to 10,000; beyond, a request is answered 503. */
        @WithDefault("16")
        int queuedJobs();
    }
}
