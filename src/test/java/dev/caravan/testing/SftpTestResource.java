package dev.caravan.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server in the test JVM: Apache MINA SSHD on a free port, its file system rooted in a
 * temp folder, a generated EC host key, password and public-key authentication for one user, and
 * for the client a {@code known_hosts} file with the host key, an OpenSSH private key, and a
 * {@code known_hosts} file that does not know the server. As a Quarkus test resource it configures
 * the destinations {@value #PASSWORD_DESTINATION} (password), {@value #KEY_DESTINATION} (private
 * key) and {@value #STRANGER_DESTINATION} (a server whose host key is unknown).
 */
public final class SftpTestResource implements QuarkusTestResourceLifecycleManager, AutoCloseable {

    public static final String PASSWORD_DESTINATION = "sftp";
    public static final String KEY_DESTINATION = "sftp-key";
    public static final String STRANGER_DESTINATION = "sftp-stranger";
    public static final String USER = "caravan";

    private static volatile SftpTestResource current;

    private final String password = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private Path dir;
    private Path root;
    private KeyPair hostKey;
    private KeyPair clientKey;
    private SshServer server;
    private int port;

    public static SftpTestResource current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("caravan-sftp-");
            root = Files.createDirectory(dir.resolve("root"));
            hostKey = generate();
            clientKey = generate();
            startServer(0);
            Files.writeString(knownHosts(), "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic())
                    + "\n");
            Files.writeString(strangerKnownHosts(), "[127.0.0.1]:" + port + " "
                    + PublicKeyEntry.toString(generate().getPublic()) + "\n");
            try (OutputStream out = Files.newOutputStream(privateKey())) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "caravan-test", null, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        current = this;
        Map<String, String> config = new HashMap<>();
        destination(config, PASSWORD_DESTINATION, knownHosts());
        config.put(prefix(PASSWORD_DESTINATION) + "sftp.password", password);
        destination(config, KEY_DESTINATION, knownHosts());
        config.put(prefix(KEY_DESTINATION) + "sftp.private-key-file", privateKey().toString());
        destination(config, STRANGER_DESTINATION, strangerKnownHosts());
        config.put(prefix(STRANGER_DESTINATION) + "sftp.password", password);
        return config;
    }

    private void destination(Map<String, String> config, String name, Path knownHosts) {
        String prefix = prefix(name);
        config.put(prefix + "type", "sftp");
        config.put(prefix + "sftp.host", "127.0.0.1");
        config.put(prefix + "sftp.port", Integer.toString(port));
        config.put(prefix + "sftp.username", USER);
        config.put(prefix + "sftp.known-hosts-file", knownHosts.toString());
        config.put(prefix + "sftp.directory", "backups");
        config.put(prefix + "retry.attempts", "2");
        config.put(prefix + "retry.delay", "100ms");
    }

    private static String prefix(String destination) {
        return "caravan.destinations." + destination + ".";
    }

    private void startServer(int onPort) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(onPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && password.equals(given));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        port = server.getPort();
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The server's file system: {@code backups/...} of a destination is {@code root/backups/...}. */
    public Path root() {
        return root;
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path strangerKnownHosts() {
        return dir.resolve("known_hosts.stranger");
    }

    public Path privateKey() {
        return dir.resolve("id_ecdsa");
    }

    /** Lists a folder over SFTP (as a client sees it), names only, "." and ".." left out. */
    public List<String> list(String folder) throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            try (ClientSession session = client.connect(USER, "127.0.0.1", port).verify(10_000).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(10_000);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    List<String> names = new ArrayList<>();
                    for (SftpClient.DirEntry entry : sftp.readDir(folder)) {
                        if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                            names.add(entry.getFilename());
                        }
                    }
                    return names;
                }
            }
        }
    }

    /** Downloads a file over SFTP. */
    public void download(String file, Path to) throws IOException {
        download(port, password, file, to);
    }

    /** Downloads a file over SFTP from a server of this kind on {@code port}, as {@value #USER}. */
    public static void download(int port, String password, String file, Path to) throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            try (ClientSession session = client.connect(USER, "127.0.0.1", port).verify(10_000).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(10_000);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                        var in = sftp.read(file)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public void stopServer() throws IOException {
        server.stop(true);
    }

    /** Serves the same files with the same host key on the same port again. */
    public void restartServer() throws IOException {
        startServer(port);
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.stop(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            S3TestResource.deleteTree(dir);
            if (current == this) {
                current = null;
            }
        }
    }
}
