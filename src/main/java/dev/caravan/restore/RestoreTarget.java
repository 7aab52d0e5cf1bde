package dev.caravan.restore;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import dev.caravan.redis.RedisUri;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * Where a restore goes: a Redis server ({@code redis://}, {@code rediss://}) or an RDB file
 * ({@code file:PATH}). Its {@link #key()} names the target for {@link RestoreGuard} without a
 * secret; {@link #toString()} is redacted too.
 */
public sealed interface RestoreTarget {

    String FILE_SCHEME = "file:";

    /** Identifies the target for the guard: {@code host:port}, or the file's absolute path. */
    String key();

    /**
     * @throws RestoreRefusedException with {@link Reason#INVALID_REQUEST} for anything but a
     *         Redis URI or {@code file:PATH}; the message never repeats the URI (it may hold a password)
     */
    static RestoreTarget parse(String target) {
        if (target == null || target.isBlank()) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "\"target\" is empty; give redis://HOST:PORT,"
                    + " rediss://HOST:PORT or file:PATH");
        }
        if (target.startsWith(FILE_SCHEME)) {
            String path = target.substring(FILE_SCHEME.length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isEmpty()) {
                throw new RestoreRefusedException(Reason.INVALID_REQUEST, "\"target\" file: needs a path, e.g. file:/tmp/dump.rdb");
            }
            try {
                return new File(Path.of(path).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                throw new RestoreRefusedException(Reason.INVALID_REQUEST, "\"target\" " + RestoreRequests.quote(target)
                        + " is not a file path: " + e.getReason());
            }
        }
        if (!target.startsWith("redis://") && !target.startsWith("rediss://")) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "\"target\" must be redis://HOST:PORT,"
                    + " rediss://HOST:PORT or file:PATH");
        }
        try {
            return new Server(RedisUri.parse(target));
        } catch (IllegalArgumentException e) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "\"target\": " + e.getMessage());
        }
    }

    /** A Redis server, loaded by RESTORE. */
    record Server(RedisUri uri) implements RestoreTarget {
        public Server {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String key() {
            return uri.host().toLowerCase(Locale.ROOT) + ":" + uri.port();
        }

        @Override
        public String toString() {
            return uri.redacted();
        }
    }

    /** An RDB file written anew (through a temporary name). */
    record File(Path path) implements RestoreTarget {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String key() {
            return path.toString();
        }

        @Override
        public String toString() {
            return FILE_SCHEME + path;
        }
    }
}
