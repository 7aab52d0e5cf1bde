package dev.caravan.redis;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Redis server is and how to log in to it:
 * {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS.
 *
 * <p>The password is kept as a {@code char[]} and never appears in {@link #toString()}, in
 * {@link #redacted()} or in any message this class builds, because URIs end up in logs, manifests
 * and error reports. User and password may be percent-encoded ({@code %40} for {@code @}), so any
 * password can be written. A user without a password ({@code redis://user@host}) is refused rather
 * than guessed at: some tools read it as a user, others as a password.
 */
public final class RedisUri {

    /** The port Redis listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 6379;

    private static final String FORMS = "expected redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] or rediss://…"
            + " for TLS, e.g. redis://backup:secret@10.0.0.5:6379/0 or rediss://:secret@redis.example.com";

    private final boolean tls;
    private final String user;
    private final char[] password;
    private final String host;
    private final int port;
    private final Integer db;

    private RedisUri(boolean tls, String user, char[] password, String host, int port, Integer db) {
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.db = db;
    }

    /** A URI without credentials. */
    public static RedisUri of(String host, int port, boolean tls) {
        return new RedisUri(tls, null, null, checkHost(host), checkPort(port, host), null);
    }

    /** The same server with these credentials ({@code user} may be null: the default user). */
    public RedisUri withCredentials(String user, char[] password) {
        Objects.requireNonNull(password, "password");
        return new RedisUri(tls, user, password.clone(), host, port, db);
    }

    /**
     * Parses a URI. The exception's message says what was wrong and shows the expected form; it
     * never repeats the input, which may hold a password.
     */
    public static RedisUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw invalid("the URI is empty");
        }
        String text = uri.strip();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean tls;
        String rest;
        if (lower.startsWith("redis://")) {
            tls = false;
            rest = text.substring("redis://".length());
        } else if (lower.startsWith("rediss://")) {
            tls = true;
            rest = text.substring("rediss://".length());
        } else {
            java.util.regex.Matcher scheme = java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://").matcher(text);
            throw invalid("unsupported scheme (" + (scheme.find() ? "'" + scheme.group(1) + "'" : "none") + ")");
        }
        String user = null;
        char[] password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw invalid("credentials must be USER:PASSWORD or :PASSWORD (a password without a user);"
                        + " write redis://:PASSWORD@HOST if the part before '@' is a password");
            }
            String rawUser = userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : new String(percentDecode(rawUser, "user name"), StandardCharsets.UTF_8);
            password = decodePassword(userInfo.substring(colon + 1));
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        Integer db = slash < 0 ? null : parseDb(rest.substring(slash + 1));
        String host;
        int port = DEFAULT_PORT;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid("unclosed '[' in the IPv6 host");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid("unexpected text after the IPv6 host [" + host + "]");
                }
                port = parsePort(after.substring(1), host);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw invalid("an IPv6 host must be in brackets, e.g. redis://[::1]:6379");
            }
            if (colon >= 0) {
                port = parsePort(authority.substring(colon + 1), host);
            }
        }
        return new RedisUri(tls, user, password, checkHost(host), port, db);
    }

    public boolean tls() {
        return tls;
    }

    /** The ACL user, if one was given; empty means the default user. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** A copy of the password, or null; the caller should overwrite it once used. */
    char[] passwordCopy() {
        return password == null ? null : password.clone();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The database named in the path; empty when the URI has none. */
    public Optional<Integer> db() {
        return Optional.ofNullable(db);
    }

    /** The URI with the password replaced by {@code ***}: safe for logs, messages and manifests. */
    public String redacted() {
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (tls ? "rediss://" : "redis://") + (password == null ? "" : redactedUserInfo(user))
                + hostPart + ":" + port + (db == null ? "" : "/" + db);
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisUri other && tls == other.tls && port == other.port
                && Objects.equals(user, other.user) && Arrays.equals(password, other.password)
                && host.equalsIgnoreCase(other.host) && Objects.equals(db, other.db);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, user, host.toLowerCase(java.util.Locale.ROOT), port, db);
    }

    private static String redactedUserInfo(String user) {
        return (user == null ? "" : user) + ":***@";
    }

    /*
     * Messages below show the host at most: when a URI lacks its '@', the text taken for the port
     * or the path may be a password.
     */

    private static String checkHost(String host) {
        if (host == null || host.isEmpty()) {
            throw invalid("no host");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || c == '/' || c == '?' || c == '#' || c == '@') {
                throw invalid("invalid character in the host");
            }
        }
        return host;
    }

    private static int parsePort(String text, String host) {
        try {
            return checkPort(Integer.parseInt(text), host);
        } catch (NumberFormatException e) {
            throw invalid("the port after host '" + host + "' is not a number");
        }
    }

    private static int checkPort(int port, String host) {
        if (port < 1 || port > 65535) {
            throw invalid("the port of host '" + host + "' is outside 1-65535");
        }
        return port;
    }

    private static Integer parseDb(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            int db = Integer.parseInt(text);
            if (db < 0) {
                throw invalid("the database number is negative");
            }
            return db;
        } catch (NumberFormatException e) {
            throw invalid("the path must be a database number (/0, /1, …)");
        }
    }

    /** Decodes the password straight into a char[] so that no String copy of it is made. */
    private static char[] decodePassword(String raw) {
        byte[] bytes = percentDecode(raw, "password");
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw invalid("the password's percent-encoding is not valid UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] percentDecode(String raw, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '%') {
                out.write(utf8[i]);
                continue;
            }
            int hi = i + 2 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
            int lo = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw invalid("bad percent-encoding in the " + what + " ('%' must be followed by two hex digits)");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        Arrays.fill(utf8, (byte) 0);
        return out.toByteArray();
    }

    private static IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException("invalid Redis URI: " + what + "; " + FORMS);
    }
}
