package dev.caravan.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The archives' checksum (DESIGN §3): SHA-256, written in a manifest as lowercase hex. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest; every Java platform has SHA-256, so its absence is a broken JDK. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Completes {@code digest} and gives it as a manifest holds it. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
