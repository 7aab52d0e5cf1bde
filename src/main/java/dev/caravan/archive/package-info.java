/**
 * What a backup is once it leaves Redis: its id ({@link dev.caravan.archive.BackupId}), where its
 * objects go ({@link dev.caravan.archive.ArchiveLayout}), how its snapshot files are compressed
 * ({@link dev.caravan.archive.Codec}), the staging sink of the one pass over the snapshot bytes
 * ({@link dev.caravan.archive.StagingWriter}), its manifest, and publishing to and listing a
 * local folder. No Redis client and no RDB parsing here; Camel only for the data formats.
 *
 * <h2>Why zstd is aircompressor (pure Java) and not zstd-jni</h2>
 * Measured on a 503 MB RDB written by redis-server 7.0 (622,695 keys: JSON-like strings, hashes,
 * lists of numbers, 15% random binary blobs; Redis's own LZF on), level 3, one thread, input in
 * memory, on this 2-core machine while other builds ran, so CPU time is the fair figure (wall
 * time in brackets, it varied with the load), 5 interleaved rounds, range of CPU figures:
 * <ul>
 * <li>{@code zstd -3 -T1} CLI 1.5.4: 3.7 to 4.3 s user+sys, 117 to 136 MB/s (the same CLI did
 *     about 160 MB/s on a quieter machine); ratio 1.273.</li>
 * <li>zstd-jni 1.5.7-7 ({@code ZstdOutputStream}, level 3, checksum on): 116 to 188 MB/s,
 *     median 164 (52 to 170 wall); ratio 1.272, the CLI's.</li>
 * <li>aircompressor 2.0.3 ({@code ZstdOutputStream}, always level 3 with checksum): 130 to 170 MB/s,
 *     median 167 (42 to 158 wall); ratio 1.162, so files about 9% larger than the CLI's.</li>
 * </ul>
 * Both keep up with a ~90 MB/s replication pull on one core, with room for CRC64 and the parse
 * on the other. aircompressor is chosen because it is pure Java: in a GraalVM native image it
 * needs nothing (its {@code sun.misc.Unsafe} use is the kind native-image handles), whereas
 * zstd-jni needs JNI registration for its native methods and callbacks, its bundled
 * {@code libzstd-jni.so} included as a resource and extracted to a writable temporary folder at
 * run time (a read-only root file system in Kubernetes breaks that), and one .so per platform.
 * The price is the ratio and a fixed level. aircompressor 2.x, unlike 3.x, needs no Java 22
 * foreign-memory API: 2.0.3 is Java 8 bytecode with the 0.27 API. Both write standard frames:
 * {@code zstd -d} reads ours, ours reads the CLI's, and the content checksum (XXH64) is written
 * and verified. Swapping the library is local to {@link dev.caravan.archive.ZstdCodec}.
 */
package dev.caravan.archive;
