package dev.caravan.archive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A backup's identity: its UTC start time to the second plus a short random suffix, e.g.
 * {@code 20261124T083000Z-7f3a}. Lexical order is time order, so listing a store sorts backups;
 * the suffix keeps two backups started in the same second apart; the alphabet (digits, upper
 * {@code T}/{@code Z}, lower hex and {@code -}) is safe as a file name and an object key in
 * every store. {@code latest} is not an id: callers resolve it against a catalog first.
 */
@RegisterForReflection
public final class BackupId implements Comparable<BackupId> {

    /** The exact length of every id: 16 characters of time, a dash, 4 hex digits. */
    public static final int LENGTH = 21;

    private static final Pattern SHAPE = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
                    .withZone(ZoneOffset.UTC)
                    .withResolverStyle(ResolverStyle.STRICT);
    private static final RandomGenerator RANDOM = new SecureRandom();

    private final Instant startedAt;
    private final String suffix;
    private final String text;

    private BackupId(Instant startedAt, String suffix) {
        this.startedAt = startedAt;
        this.suffix = suffix;
        this.text = TIME.format(startedAt) + "-" + suffix;
    }

    /** The last id {@link #generate(Clock)} gave, so that ids this process gives sort in the order given. */
    private static BackupId lastGenerated;

    /**
     * A new id for a backup starting now. Within one process a later id always sorts after an
     * earlier one, so {@code latest} means the backup started last: the first id of a second takes
     * a random suffix below {@code 8000}, the next ones in that second count up from it.
     */
    public static synchronized BackupId generate(Clock clock) {
        Instant second = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        BackupId last = lastGenerated;
        int suffix = last != null && last.startedAt.equals(second)
                ? Integer.parseInt(last.suffix, 16) + 1
                : RANDOM.nextInt(0x8000);
        lastGenerated = new BackupId(second, String.format("%04x", suffix));
        return lastGenerated;
    }

    /** A new id for a backup that started at {@code startedAt}, truncated to the second. */
    public static BackupId generate(Instant startedAt, RandomGenerator random) {
        Objects.requireNonNull(startedAt, "startedAt");
        byte[] bytes = new byte[2];
        random.nextBytes(bytes);
        return new BackupId(startedAt.truncatedTo(ChronoUnit.SECONDS), HexFormat.of().formatHex(bytes));
    }

    /**
     * Parses an id exactly as {@link #toString()} writes it; anything else, a path in particular,
     * is refused.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    @JsonCreator
    public static BackupId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("backup id is empty");
        }
        if ("latest".equals(text)) {
            throw new IllegalArgumentException("'latest' is not a backup id: resolve it against a catalog first");
        }
        if (text.length() != LENGTH || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("backup id " + Names.quote(text)
                    + " does not have the form yyyyMMddTHHmmssZ-xxxx (UTC time, 4 lower-case hex digits),"
                    + " e.g. 20261124T083000Z-7f3a");
        }
        Instant startedAt;
        try {
            startedAt = LocalDateTime.parse(text.substring(0, 16), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("backup id " + Names.quote(text) + " has no valid date and time: "
                    + e.getMessage(), e);
        }
        return new BackupId(startedAt, text.substring(17));
    }

    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public int compareTo(BackupId other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupId other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}
