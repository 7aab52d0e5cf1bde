/**
 * What a backup is once it leaves Redis: its id ({@link dev.caravan.archive.BackupId}), where its
 * objects go ({@link dev.caravan.archive.ArchiveLayout}), how its snapshot files are compressed
 * ({@link dev.caravan.archive.Codec}), the staging sink of the one pass over the snapshot bytes
 * ({@link dev.caravan.archive.StagingWriter}), its manifest, and publishing to and listing a
 * local folder. No Redis client and no RDB parsing here; Camel only for the data formats.
 *
 * <h2>Why zstd is aircompressor (pure Java, block compressor) and not zstd-jni</h2>
 * Measured on a 503 MB RDB written by redis-server 7.0 (622,695 keys: JSON-like strings, hashes,
 * lists of numbers, 15% random binary blobs; Redis's own LZF on), level 3, one thread, input in
 * memory, 5 interleaved rounds, on this 2-core machine while other builds ran: CPU time is the
 * fair figure (wall time varied with the load). Range and median of compress MB/s per CPU second:
 * <ul>
 * <li>{@code zstd -3 -T1} CLI 1.5.4: 116 to 160 (3.1 to 4.3 s user+sys); ratio 1.273.</li>
 * <li>zstd-jni 1.5.7-7 {@code ZstdOutputStream}, checksum on: 155 to 185, median 168; ratio 1.272.</li>
 * <li>aircompressor 2.0.3 {@code ZstdOutputStream}: 153 to 175, median 156; ratio 1.162 only: its
 *     streaming compressor stops finding matches after its first buffer (on 100 MiB of a
 *     repeated 64 KiB text: ratio 2.8, where zstd-jni gets 3074).</li>
 * <li>aircompressor 2.0.3 {@code ZstdCompressor} (block API), one frame per 8 MiB, as
 *     {@link dev.caravan.archive.ZstdFramesOutputStream} does: 108 to 126, median 117; ratio 1.263
 *     (293 on the repeated text).</li>
 * </ul>
 * The block API is about 30% slower than zstd-jni and its files are 0.7% larger, and it still
 * keeps up with a ~90 MB/s replication pull on one core. The whole
 * {@link dev.caravan.archive.StagingWriter} (zstd, SHA-256, file) on one thread runs at about
 * 100 MB/s per CPU second on the same RDB, a thin margin; so frames are compressed on worker
 * threads beside the writer (independent frames allow that, with the same output bytes), and the
 * writer's own cost falls to about 600 MB/s per CPU second, leaving its core to the pull, CRC64
 * and the parse. Deflate, for zip and gzip, runs at about 34 MB/s at level 6 and does not keep up
 * (level 1, their default, about 70 MB/s for a 3% larger file: bench/results/codecs-20261124.md);
 * and one pass at the pull's pace beats {@code redis-cli --rdb} then
 * {@code zstd} one after the other (DESIGN §8). It is chosen because it is pure Java: in a
 * GraalVM native image it needs nothing (its {@code sun.misc.Unsafe} use is the kind
 * native-image handles), whereas zstd-jni needs its native methods and the Java callbacks
 * registered for JNI, its {@code libzstd-jni-*.so} kept as a resource and extracted at run time
 * to a writable temporary folder (a read-only root file system breaks that), one library per
 * platform, and its own native memory outside the heap limits. aircompressor 2.x, unlike 3.x,
 * needs no Java 22 foreign-memory API: 2.0.3 is Java 8 bytecode with the 0.27 API. Output is
 * standard: {@code zstd -d} reads ours, ours reads the CLI's, and every frame carries its
 * content checksum (XXH64), verified on read. If ratio or speed come to matter more than the
 * native build, swapping the library is local to {@link dev.caravan.archive.ZstdCodec}.
 */
package dev.caravan.archive;
