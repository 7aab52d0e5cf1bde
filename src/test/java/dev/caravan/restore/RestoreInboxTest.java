package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestInstance;

import dev.caravan.testing.KeyByKey;
import dev.caravan.testing.RedisSourceResource;
import dev.caravan.testing.S3TestResource;
import dev.caravan.testing.SftpTestResource;
import dev.caravan.testing.RestoreTargetResource;

/**
 * The file-drop inbox on a real folder: a dropped request and a dropped archive (the backup
 * route's own {@code .rdb.zst} of a seeded redis-server) restore into the default target with
 * the source's digest and move to {@code done/}; an unreadable request and a corrupted archive
 * move to {@code failed/} with their reason beside them and leave the target as it was; a file
 * whose name says it is still being written is left alone.
 */
@QuarkusTest
@WithTestResource(RedisSourceResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(SftpTestResource.class)
@WithTestResource(value = RestoreTargetResource.class, initArgs = @ResourceArg(name = "inbox", value = "true"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreInboxTest {

    private String backup;
    private Path inbox;

    protected void startApplication() throws Exception {
        TriggerBackups.startService();
    }

    protected String backUpTheSource() {
        return TriggerBackups.inThisApplication();
    }

    @BeforeAll
    void backUp() throws Exception {
        startApplication();
        backup = backUpTheSource();
        inbox = RestoreTargetResource.inbox();
    }

    @BeforeEach
    void emptyTarget() {
        RestoreTargetResource.target().flushAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", S3TestResource.DESTINATION, SftpTestResource.PASSWORD_DESTINATION})
    void aDroppedRequestRestoresFromEachDestinationAndMovesToDone(String from) throws Exception {
        String name = "restore-from-" + from + ".json";
        drop(name, "{\"source\":\"main\",\"backup\":\"" + backup + "\",\"from\":\"" + from + "\",\"target\":\""
                + RestoreTargetResource.target().uri() + "\"}");

        awaitFile(inbox.resolve("done/" + name));
        assertRestored();
        assertThat(inbox.resolve(name)).doesNotExist();
        assertThat(inbox.resolve("failed/" + name)).doesNotExist();
    }

    @Test
    void aDroppedArchiveRestoresIntoTheDefaultTarget() throws Exception {
        Path archive = archiveOfTheBackup();
        Path partial = inbox.resolve("main.rdb.zst.part");
        Files.copy(archive, partial);
        Files.move(partial, inbox.resolve("main.rdb.zst"));

        awaitFile(inbox.resolve("done/main.rdb.zst"));
        assertRestored();
    }

    @Test
    void anUnreadableRequestMovesToFailedWithItsReason() throws Exception {
        RestoreTargetResource.TargetServer target = markedTarget();
        String before = target.digest();
        drop("garbage.json", "{\"source\": \"main\", \"backup\": ");

        String reason = awaitReason("garbage.json");
        assertThat(reason).startsWith("INVALID_REQUEST: ").contains("not valid JSON");
        assertThat(inbox.resolve("failed/garbage.json")).exists();
        assertThat(target.digest()).isEqualTo(before);

        drop("unknown.json", "{\"source\":\"main\",\"backup\":\"20200101T000000Z-abcd\"}");
        assertThat(awaitReason("unknown.json")).startsWith("NOT_FOUND: ").contains("20200101T000000Z-abcd");
        assertThat(target.digest()).isEqualTo(before);
    }

    @Test
    void aCorruptedArchiveMovesToFailedAndTheTargetIsUntouched() throws Exception {
        RestoreTargetResource.TargetServer target = markedTarget();
        String before = target.digest();
        Path partial = inbox.resolve("corrupt.rdb.zst.part");
        Files.copy(archiveOfTheBackup(), partial);
        try (RandomAccessFile file = new RandomAccessFile(partial.toFile(), "rw")) {
            long at = file.length() / 2;
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x5a);
        }
        Files.move(partial, inbox.resolve("corrupt.rdb.zst"));

        String reason = awaitReason("corrupt.rdb.zst");
        assertThat(reason).startsWith("CORRUPT_ARCHIVE: ");
        assertThat(inbox.resolve("failed/corrupt.rdb.zst")).exists();
        assertThat(target.digest()).isEqualTo(before);
    }

    @Test
    void aFileStillBeingWrittenUnderATemporaryNameIsLeftAlone() throws Exception {
        Path partial = inbox.resolve("later.rdb.zst.part");
        Files.writeString(partial, "not yet");
        // A request dropped after it is handled: by then the inbox has been polled with the
        // partial file present.
        drop("after.json", "{\"source\":\"main\",\"backup\":\"" + backup + "\"}");
        awaitFile(inbox.resolve("done/after.json"));
        assertThat(partial).exists();
        assertThat(inbox.resolve("done/later.rdb.zst.part")).doesNotExist();
        assertThat(inbox.resolve("failed/later.rdb.zst.part")).doesNotExist();
        Files.delete(partial);
    }

    private RestoreTargetResource.TargetServer markedTarget() {
        RestoreTargetResource.TargetServer target = RestoreTargetResource.target();
        target.call("SET", "marker", "before");
        return target;
    }

    private void assertRestored() {
        RestoreTargetResource.TargetServer target = RestoreTargetResource.target();
        assertThat(target.digest()).isEqualTo(RedisSourceResource.digest());
        for (int db : new int[] {0, 1, 5}) {
            assertThat(target.dbsize(db)).as("keys in db %d", db).isEqualTo(RedisSourceResource.dbsize(db));
        }
        KeyByKey.assertSame(RedisSourceResource.port(), target.port());
    }

    /** Writes under a temporary name, then renames: the way to drop a file that is never seen half-written. */
    private void drop(String name, String content) throws IOException {
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, content);
        Files.move(partial, inbox.resolve(name));
    }

    /** The backup's archive in the local destination, under whatever prefix the store resources set. */
    private Path archiveOfTheBackup() throws IOException {
        try (Stream<Path> files = Files.walk(RedisSourceResource.destination())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".rdb.zst")
                    && p.getParent().getFileName().toString().equals(backup)).findFirst().orElseThrow();
        }
    }

    private String awaitReason(String name) throws Exception {
        Path reason = inbox.resolve("failed/" + name + ".error.txt");
        awaitFile(reason);
        awaitFile(inbox.resolve("failed/" + name));
        return Files.readString(reason);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(file).exists();
    }
}
