package dev.caravan.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} checked without a Docker engine: it parses, it wires one Redis, one
 * S3 store, one SFTP server and Caravan, and every {@code CARAVAN_*} variable it sets is a key the
 * configuration documents, so a renamed key or a typo (which SmallRye Config ignores in the
 * environment) fails here instead of silently in a container.
 */
class ComposeFileTest {

    private final ComposeFile compose = ComposeFile.read();
    private final Map<String, String> env = compose.environment("caravan");

    @Test
    void everyCaravanVariableSetsADocumentedKey() {
        List<String> documented = ComposeFile.documentedKeys();
        assertThat(documented).as("keys read from config/README.md")
                .contains("caravan.sources.<name>.uri", "caravan.destinations.<name>.s3.secret-key",
                        "caravan.destinations.<name>.sftp.private-key-file", "caravan.destinations.<name>.retry.max-delay");
        Map<String, String> keys = new TreeMap<>();
        for (String name : env.keySet()) {
            if (name.startsWith("CARAVAN_")) {
                String key = ComposeFile.keyOf(name, documented);
                assertThat(key).as("%s maps to no documented key", name).isNotNull();
                keys.put(key, env.get(name));
            }
        }
        // Guards the mapping itself against vacuous passes.
        assertThat(ComposeFile.keyOf("CARAVAN_DESTINATIONS_OFFSITE_S3_BUCKT", documented)).isNull();
        assertThat(ComposeFile.keyOf("CARAVAN_DESTINATIONS_OFFSITE_S3_SECRET_KEY", documented))
                .isEqualTo("caravan.destinations.offsite.s3.secret-key");

        // One source, three destinations, one of each type, each with what its type requires.
        assertThat(keys).containsEntry("caravan.destinations.local.type", "local")
                .containsEntry("caravan.destinations.offsite.type", "s3")
                .containsEntry("caravan.destinations.remote.type", "sftp")
                .containsKeys("caravan.sources.main.uri", "caravan.destinations.local.path",
                        "caravan.destinations.offsite.s3.bucket", "caravan.destinations.remote.sftp.host",
                        "caravan.destinations.remote.sftp.username", "caravan.destinations.remote.sftp.known-hosts-file",
                        "caravan.destinations.remote.sftp.private-key-file");
        Set<String> destinations = new TreeSet<>();
        keys.forEach((key, value) -> {
            if (key.startsWith("caravan.destinations.")) {
                String name = key.split("\\.")[2];
                destinations.add(name);
                String type = keys.get("caravan.destinations." + name + ".type");
                assertThat(type).as("type of destination %s", name).isNotNull();
                for (String typed : List.of("s3", "sftp")) {
                    if (key.startsWith("caravan.destinations." + name + "." + typed + ".")) {
                        assertThat(type).as("%s on a destination of type %s", key, type).isEqualTo(typed);
                    }
                }
            }
        });
        assertThat(destinations).containsExactly("local", "offsite", "remote");
        assertThat(keys).doesNotContainKey("caravan.destinations.remote.sftp.strict-host-key-checking");
    }

    @Test
    void caravanReachesTheOtherServicesByTheirNames() {
        assertThat(compose.map(compose.root, "services")).containsOnlyKeys("redis", "s3", "sftp", "caravan");
        assertThat(env.get("CARAVAN_SOURCES_MAIN_URI")).startsWith("redis://:${REDIS_PASSWORD}@redis:6379");
        assertThat(env.get("CARAVAN_DESTINATIONS_OFFSITE_S3_ENDPOINT")).isEqualTo("http://s3:80");
        assertThat(compose.environment("s3")).containsEntry("S3PROXY_ENDPOINT", "http://0.0.0.0:80");
        assertThat(env.get("CARAVAN_DESTINATIONS_REMOTE_SFTP_HOST")).isEqualTo("sftp");
        assertThat(compose.service("redis").get("image")).isEqualTo("redis:7.4");
        assertThat(compose.map(compose.service("caravan"), "depends_on")).containsOnlyKeys("redis", "s3", "sftp");

        // The bucket Caravan writes to is the one the store creates at start.
        assertThat(compose.service("s3").get("entrypoint").toString())
                .contains("/data/" + env.get("CARAVAN_DESTINATIONS_OFFSITE_S3_BUCKET") + " ");
        assertThat(compose.service("sftp").get("command").toString())
                .contains(env.get("CARAVAN_DESTINATIONS_REMOTE_SFTP_USERNAME") + "::")
                .contains("::" + env.get("CARAVAN_DESTINATIONS_REMOTE_SFTP_DIRECTORY"));
        // make-secrets.sh writes known_hosts for the host name Caravan dials.
        assertThat(ComposeFile.text(java.nio.file.Path.of("docker", "make-secrets.sh")))
                .contains("printf '" + env.get("CARAVAN_DESTINATIONS_REMOTE_SFTP_HOST") + " %s\\n'");
    }

    @Test
    void caravanIsBuiltFromTheJvmDockerfileWithAHealthCheckAndANamedBackupVolume() {
        Map<String, Object> caravan = compose.service("caravan");
        assertThat(compose.map(caravan, "build")).containsEntry("context", "..")
                .containsEntry("dockerfile", "docker/Dockerfile.jvm");
        assertThat(compose.map(caravan, "healthcheck").get("test").toString()).contains("/q/health/ready");
        String localPath = env.get("CARAVAN_DESTINATIONS_LOCAL_PATH");
        assertThat(caravan.get("volumes").toString()).contains("backups:" + localPath);
        assertThat(compose.map(compose.root, "volumes")).containsKey("backups");
        // The image makes that folder for its user, so the volume starts out writable.
        assertThat(ComposeFile.text(java.nio.file.Path.of("docker", "Dockerfile.jvm")))
                .contains("mkdir " + localPath + " && chown 185 " + localPath).contains("USER 185")
                .contains("EXPOSE 8080");
        assertThat(caravan.get("ports").toString()).contains("8080:8080");
    }

    @Test
    void secretsComeFromTheEnvFileOrSecretFilesNeverFromTheComposeFile() {
        Map<String, String> example = ComposeFile.envExample();
        String text = ComposeFile.text(ComposeFile.COMPOSE);
        assertThat(ComposeFile.interpolated(text)).isNotEmpty()
                .allSatisfy(name -> assertThat(example).as(".env.example provides ${%s}", name).containsKey(name));
        String script = ComposeFile.text(java.nio.file.Path.of("docker", "make-secrets.sh"));
        assertThat(example.keySet()).allSatisfy(name -> assertThat(script).contains("echo \"" + name + "="));
        env.forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|SECRET_KEY|ACCESS_KEY|PASSPHRASE)$")) {
                assertThat(value).as(name).matches("\\$\\{[A-Z0-9_]+}");
            }
        });
        Map<String, Object> secrets = compose.map(compose.root, "secrets");
        for (String fileKey : List.of("CARAVAN_DESTINATIONS_REMOTE_SFTP_PRIVATE_KEY_FILE",
                "CARAVAN_DESTINATIONS_REMOTE_SFTP_KNOWN_HOSTS_FILE")) {
            String secret = env.get(fileKey).replaceFirst("^/run/secrets/", "");
            assertThat(secrets).as(fileKey).containsKey(secret);
            assertThat(compose.service("caravan").get("secrets").toString()).contains(secret);
            assertThat(compose.map(secrets, secret).get("file").toString()).startsWith("./secrets/");
        }
        assertThat(ComposeFile.text(java.nio.file.Path.of(".gitignore"))).contains("/docker/.env", "/docker/secrets/");
    }
}
