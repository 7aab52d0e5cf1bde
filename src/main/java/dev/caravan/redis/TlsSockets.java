package dev.caravan.redis;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a connected TCP socket into a verified TLS one, following {@link TlsOptions}.
 *
 * <p>Host name verification uses the {@code HTTPS} endpoint identification of the JDK, which
 * checks DNS names and IP addresses against the certificate's subject alternative names; without
 * it a valid certificate for any other host would be accepted.
 */
final class TlsSockets {

    private final SSLContext context;
    private final boolean insecure;

    private TlsSockets(SSLContext context, boolean insecure) {
        this.context = context;
        this.insecure = insecure;
    }

    /** Loads the trust and key material; errors name the file and never a password. */
    static TlsSockets from(TlsOptions options) throws SnapshotException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(options), trustManagers(options), new SecureRandom());
            return new TlsSockets(context, options.insecure());
        } catch (GeneralSecurityException e) {
            throw new SnapshotException(SnapshotException.Kind.CONFIGURATION,
                    "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Wraps {@code plain} (already connected to {@code host}) and runs the handshake; closing the
     * returned socket closes {@code plain}.
     */
    SSLSocket handshake(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        if (!insecure) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    static TrustManager[] trustManagers(TlsOptions options) throws GeneralSecurityException, SnapshotException {
        if (options.insecure()) {
            return new TrustManager[] {new TrustAnything()};
        }
        KeyStore trusted = null;
        if (options.caFile().isPresent()) {
            trusted = caStore(options.caFile().get());
        } else if (options.trustStore().isPresent()) {
            char[] password = options.trustStorePassword();
            try {
                trusted = load(options.trustStore().get(), password, "trust store");
            } finally {
                wipe(password);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    static KeyManager[] keyManagers(TlsOptions options) throws GeneralSecurityException, SnapshotException {
        if (options.clientCertificate().isPresent()) {
            return pemKeyManagers(options.clientCertificate().get(), options.clientKey().orElseThrow());
        }
        if (options.keyStore().isEmpty()) {
            return null;
        }
        char[] password = options.keyStorePassword();
        try {
            KeyStore store = load(options.keyStore().get(), password, "key store");
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } finally {
            wipe(password);
        }
    }

    private static KeyStore caStore(Path pem) throws GeneralSecurityException, SnapshotException {
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : PemFiles.certificates(pem, "CA file")) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    /** A key store in memory for a PEM certificate chain and key; its password never leaves here. */
    private static KeyManager[] pemKeyManagers(Path certificate, Path key) throws GeneralSecurityException, SnapshotException {
        char[] password = java.util.UUID.randomUUID().toString().toCharArray();
        KeyStore store = emptyStore();
        store.setKeyEntry("client", PemFiles.privateKey(key), password,
                PemFiles.certificates(certificate, "client certificate").toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        wipe(password);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static KeyStore load(Path file, char[] password, String what) throws SnapshotException {
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new SnapshotException(SnapshotException.Kind.CONFIGURATION,
                    "cannot open the " + what + " " + file + " (wrong path, password or format?): " + e.getMessage(), e);
        }
    }

    private static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /** The {@code insecure} option's trust manager: accepts every chain. */
    private static final class TrustAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // insecure by request: nothing is checked
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecure by request: nothing is checked
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
