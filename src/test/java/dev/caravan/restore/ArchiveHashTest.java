package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SHA-256 taken beside the verify pass is the whole file's, and a file it cannot read is an IOException. */
class ArchiveHashTest {

    @Test
    void theHashTakenOnItsThreadIsTheWholeFilesAndChangesWithOneBit(@TempDir Path tmp) throws Exception {
        byte[] bytes = new byte[1_000_003]; // several buffers and a partial one
        new Random(7).nextBytes(bytes);
        Path file = Files.write(tmp.resolve("a.rdb.zst"), bytes);
        String whole = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        ArchiveHash hash = ArchiveHash.start(file);
        assertThat(hash.await()).isEqualTo(whole);
        assertThat(hash.hashed()).as("its progress, once done").isEqualTo(bytes.length);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThat(ArchiveHash.start(file).await()).isNotEqualTo(whole).isEqualTo(ArchiveHash.of(file));
    }

    @Test
    void aFileThatCannotBeReadIsAnIOException(@TempDir Path tmp) {
        assertThatThrownBy(() -> ArchiveHash.start(tmp.resolve("gone.rdb.zst")).await())
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anEmptyFileHasTheEmptyHash(@TempDir Path tmp) throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.rdb.zst"));
        assertThat(ArchiveHash.of(empty)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
