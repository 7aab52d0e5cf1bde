package dev.caravan.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA, server certificates and a client key store, made with the {@code openssl}
 * command (Debian package {@code openssl}) in a test folder.
 */
final class TestCertificates {

    static final String KEY_STORE_PASSWORD = "store-pw-4u";

    final Path dir;
    final Path caCert;
    final Path caKey;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.crt");
        this.caKey = dir.resolve("ca.key");
    }

    /** Creates a CA in {@code dir}. */
    static TestCertificates createCa(Path dir) {
        TestCertificates certificates = new TestCertificates(dir);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=Caravan Test CA", "-keyout", "ca.key", "-out", "ca.crt");
        return certificates;
    }

    /**
     * Issues {@code name.crt} and {@code name.key} signed by the CA, for these subject alternative
     * names (e.g. {@code IP:127.0.0.1}, {@code DNS:localhost}).
     */
    Path issue(String name, String... subjectAltNames) {
        try {
            Path extensions = dir.resolve(name + ".ext");
            Files.writeString(extensions, "subjectAltName=" + String.join(",", subjectAltNames) + "\n"
                    + "extendedKeyUsage=serverAuth,clientAuth\n");
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name,
                    "-keyout", name + ".key", "-out", name + ".csr");
            openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "1", "-extfile", name + ".ext", "-out", name + ".crt");
            return dir.resolve(name + ".crt");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** A PKCS12 key store holding {@code name}'s key and certificate, for mutual TLS. */
    Path keyStore(String name) {
        openssl(dir, "pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-name", name,
                "-passout", "pass:" + KEY_STORE_PASSWORD, "-out", name + ".p12");
        return dir.resolve(name + ".p12");
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl (Debian package openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
