package dev.caravan.config;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code caravan.destinations.<name>.sftp.*}: a folder on an SFTP server. The server's host key
 * must be in {@code known-hosts-file} unless {@code strict-host-key-checking} is turned off.
 */
public interface SftpDestination {

    String host();

    @WithDefault("22")
    int port();

    String username();

    /** Password authentication; prefer {@code private-key-file}. */
    Optional<String> password();

    /** An OpenSSH or PEM private key. */
    Optional<Path> privateKeyFile();

    Optional<String> privateKeyPassphrase();

    /** OpenSSH {@code known_hosts}; the user's {@code ~/.ssh/known_hosts} without it. */
    Optional<Path> knownHostsFile();

    @WithDefault("true")
    boolean strictHostKeyChecking();

    /** The destination's root on the server, relative to the login folder unless absolute. */
    @WithDefault(".")
    String directory();

}
