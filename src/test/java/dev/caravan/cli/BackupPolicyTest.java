package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.caravan.testing.DestinationDownResource;
import dev.caravan.testing.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code backup --once} to three destinations (local, S3, SFTP) with one or two of them down:
 * the others get their copies, every copy's attempts are printed, and the exit status follows
 * the policy.
 */
@QuarkusMainTest
@WithTestResource(S3TestResource.class)
@WithTestResource(DestinationDownResource.class)
class BackupPolicyTest {

    private static final Pattern BACKUP_ID = Pattern.compile("backup (\\d{8}T\\d{6}Z-[0-9a-f]{4}) of source main");

    @AfterEach
    void clearChoice() {
        System.clearProperty(DestinationDownResource.POLICY);
        System.clearProperty(DestinationDownResource.DOWN);
    }

    @Test
    void allIsNotMetWhenTheSftpServerIsDown(QuarkusMainLauncher launcher) {
        String out = backup(launcher, "all", 1, 1);
        assertThat(out).contains("policy NOT met: all, 2 of 3 copies");
        assertLocalAndS3CopiesAndSftpFailedAfterItsRetries(out);
    }

    @Test
    void anyIsMetWhenTheSftpServerIsDown(QuarkusMainLauncher launcher) {
        String out = backup(launcher, "any", 1, 0);
        assertThat(out).contains("policy any, 2 of 3 copies");
        assertLocalAndS3CopiesAndSftpFailedAfterItsRetries(out);
    }

    @Test
    void quorumIsMetByTwoOfThree(QuarkusMainLauncher launcher) {
        String out = backup(launcher, "quorum", 1, 0);
        assertThat(out).contains("policy quorum, 2 of 3 copies");
        assertLocalAndS3CopiesAndSftpFailedAfterItsRetries(out);
    }

    @Test
    void quorumIsNotMetByOneOfThree(QuarkusMainLauncher launcher) {
        String out = backup(launcher, "quorum", 2, 1);
        assertThat(out).contains("policy NOT met: quorum, 1 of 3 copies")
                .containsPattern("OK    s3: .* \\(1 attempt\\)")
                .containsPattern("FAIL  local: .*not-a-folder.* \\(after 3 attempts\\)")
                .containsPattern("FAIL  remote: .* \\(after 3 attempts\\)");
    }

    private static String backup(QuarkusMainLauncher launcher, String policy, int down, int expectedExit) {
        System.setProperty(DestinationDownResource.POLICY, policy);
        System.setProperty(DestinationDownResource.DOWN, Integer.toString(down));
        LaunchResult result = launcher.launch("backup", "--once");
        String out = result.getOutput();
        assertThat(result.exitCode()).as(out + result.getErrorOutput()).isEqualTo(expectedExit);
        // The failed copies do not stop the backup from being described.
        assertThat(out).containsPattern(BACKUP_ID).contains("  db0: ");
        return out;
    }

    private static void assertLocalAndS3CopiesAndSftpFailedAfterItsRetries(String out) {
        Matcher id = BACKUP_ID.matcher(out);
        assertThat(id.find()).isTrue();
        Path folder = DestinationDownResource.backups().resolve(S3TestResource.PREFIX).resolve("main")
                .resolve(id.group(1));
        assertThat(out).contains("OK    local: " + folder + " (1 attempt)")
                .containsPattern("OK    s3: .*" + id.group(1) + ".* \\(1 attempt\\)")
                .containsPattern("FAIL  remote: .*127\\.0\\.0\\.1.* \\(after 3 attempts\\)");
        assertThat(folder.resolve("manifest.json")).isRegularFile();
        assertThat(folder.resolve("standalone.rdb.zst")).isRegularFile();
    }
}
