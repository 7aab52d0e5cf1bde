package dev.caravan.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of connection URIs before they reach a manifest, a log line or an error:
 * the password in the user info ({@code redis://user:pw@host} becomes
 * {@code redis://user:***@host}; a lone {@code redis://pw@host}, which Redis clients read as a
 * password, becomes {@code redis://***@host}) and the values of query parameters whose names
 * suggest a secret ({@code password}, {@code sentinelPassword}, {@code token}, ...). Redacting is
 * idempotent. It errs towards hiding: the user info runs to the last {@code @}, so a password
 * holding an unescaped {@code @}, {@code /} or {@code ?} is still hidden whole.
 */
public final class Redaction {

    /** What stands in for a secret. */
    public static final String MASK = "***";

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;](?:[^=&;#]*(?:pass|pwd|secret|token|auth|credential|key)[^=&;#]*)=)([^&;#]*)",
            Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    public static String redactUri(String uri) {
        if (uri == null) {
            return null;
        }
        String redacted = redactUserInfo(uri);
        Matcher m = SECRET_PARAMETER.matcher(redacted);
        return m.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    private static String redactUserInfo(String uri) {
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = uri.lastIndexOf('@');
        if (at < start) {
            return uri;
        }
        String userInfo = uri.substring(start, at);
        int colon = userInfo.indexOf(':');
        String kept = colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK;
        return uri.substring(0, start) + kept + uri.substring(at);
    }
}
