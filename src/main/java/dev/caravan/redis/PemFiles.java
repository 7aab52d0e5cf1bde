package dev.caravan.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM files Redis itself is configured with ({@code tls-ca-cert-file},
 * {@code tls-cert-file}, {@code tls-key-file}), so that the same files serve Caravan without a
 * conversion to a key store. Private keys must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * which is what OpenSSL 3 writes; older forms get a message with the command that converts them.
 */
final class PemFiles {

    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final String CONVERT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8";

    private PemFiles() {
    }

    /** The certificates in a PEM file, in order; at least one. */
    static List<Certificate> certificates(Path pem, String what) throws SnapshotException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw configuration("the " + what + " " + pem + " holds no certificate"
                        + " (expected PEM: -----BEGIN CERTIFICATE-----)", null);
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw configuration("cannot read the " + what + " " + pem + ": " + e.getMessage(), e);
        }
    }

    /** The private key in a PEM file (PKCS#8: RSA, EC or EdDSA). */
    static PrivateKey privateKey(Path pem) throws SnapshotException {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw configuration("cannot read the private key file " + pem + ": " + e.getMessage(), e);
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw configuration("the private key " + pem + " is encrypted, which is not supported; " + CONVERT, null);
        }
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            String form = text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
                    ? "is in the older PKCS#1/SEC1 form; " + CONVERT
                    : "holds no '" + KEY_BEGIN + "' block";
            throw configuration("the private key " + pem + " " + form, null);
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        try {
            for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException notThisOne) {
                    // PKCS#8 names the algorithm inside; trying each is simpler than reading the DER
                }
            }
            throw configuration("the private key " + pem + " is not an RSA, EC or EdDSA key", null);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static SnapshotException configuration(String message, Throwable cause) {
        return new SnapshotException(SnapshotException.Kind.CONFIGURATION, message, cause);
    }
}
