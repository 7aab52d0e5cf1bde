package dev.caravan.archive;

import java.nio.file.Path;

/**
 * A compressed snapshot file complete and on disk in the staging folder, with what the manifest
 * says about it.
 *
 * @param path       the file
 * @param codec      the codec's name
 * @param rawBytes   bytes before compression (the RDB's length)
 * @param size       bytes of the file
 * @param sha256     SHA-256 of the file, lower-case hex
 */
public record StagedFile(Path path, String codec, long rawBytes, long size, String sha256) {
}
