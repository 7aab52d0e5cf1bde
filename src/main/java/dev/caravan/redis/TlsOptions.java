package dev.caravan.redis;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@code rediss://} connection trusts the server and, for mutual TLS, proves who it is.
 *
 * <p>By default the server's certificate must chain to the JVM's trust store and match the host
 * name or IP address of the URI. A CA file (PEM, one or more certificates) or a trust store
 * replaces the JVM's trust store. {@link #insecure()} accepts any certificate for any host: it
 * exists for throw-away test servers and is never the default. A key store (PKCS12 or JKS, found
 * out from the file) supplies the client certificate when the server requires one
 * ({@code tls-auth-clients yes}); so does a PEM certificate and key, the form Redis uses. Store
 * passwords are kept as {@code char[]}. Immutable.
 */
public final class TlsOptions {

    private static final TlsOptions DEFAULTS = new TlsOptions(null, null, null, null, null, null, null, false);

    private final Path caFile;
    private final Path trustStore;
    private final char[] trustStorePassword;
    private final Path keyStore;
    private final char[] keyStorePassword;
    private final Path clientCertificate;
    private final Path clientKey;
    private final boolean insecure;

    private TlsOptions(Path caFile, Path trustStore, char[] trustStorePassword, Path keyStore, char[] keyStorePassword,
                       Path clientCertificate, Path clientKey, boolean insecure) {
        this.caFile = caFile;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.clientCertificate = clientCertificate;
        this.clientKey = clientKey;
        this.insecure = insecure;
    }

    /** Verify against the JVM trust store, check the host name, no client certificate. */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    /** Trust the CA certificates in this PEM file instead of the JVM trust store. */
    public TlsOptions withCaFile(Path pemFile) {
        return new TlsOptions(Objects.requireNonNull(pemFile, "pemFile"), null, null,
                keyStore, keyStorePassword, clientCertificate, clientKey, insecure);
    }

    /** Trust the certificates in this key store (PKCS12 or JKS) instead of the JVM trust store. */
    public TlsOptions withTrustStore(Path file, char[] password) {
        return new TlsOptions(null, Objects.requireNonNull(file, "file"), clone(password),
                keyStore, keyStorePassword, clientCertificate, clientKey, insecure);
    }

    /** Present the key and certificate in this key store (PKCS12 or JKS) for mutual TLS. */
    public TlsOptions withKeyStore(Path file, char[] password) {
        return new TlsOptions(caFile, trustStore, trustStorePassword,
                Objects.requireNonNull(file, "file"), clone(password), null, null, insecure);
    }

    /**
     * Present this certificate (PEM, the chain from the client's own certificate up) and its
     * unencrypted PKCS#8 PEM key for mutual TLS: the form of Redis's own {@code tls-cert-file} and
     * {@code tls-key-file}.
     */
    public TlsOptions withClientCertificate(Path certificatePem, Path keyPem) {
        return new TlsOptions(caFile, trustStore, trustStorePassword, null, null,
                Objects.requireNonNull(certificatePem, "certificatePem"), Objects.requireNonNull(keyPem, "keyPem"),
                insecure);
    }

    /** Accept any certificate for any host name: for test servers only. */
    public TlsOptions withInsecure(boolean accept) {
        return new TlsOptions(caFile, trustStore, trustStorePassword, keyStore, keyStorePassword,
                clientCertificate, clientKey, accept);
    }

    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    public Optional<Path> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    public Optional<Path> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    public Optional<Path> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    public Optional<Path> clientKey() {
        return Optional.ofNullable(clientKey);
    }

    public boolean insecure() {
        return insecure;
    }

    char[] trustStorePassword() {
        return clone(trustStorePassword);
    }

    char[] keyStorePassword() {
        return clone(keyStorePassword);
    }

    private static char[] clone(char[] password) {
        return password == null ? null : password.clone();
    }
}
