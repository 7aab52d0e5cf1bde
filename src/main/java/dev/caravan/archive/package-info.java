/**
 * What a backup is once it leaves Redis: its id ({@link dev.caravan.archive.BackupId}), where its
 * objects go ({@link dev.caravan.archive.ArchiveLayout}), how its snapshot files are compressed
 * ({@link dev.caravan.archive.Codec}), the staging sink of the one pass over the snapshot bytes
 * ({@link dev.caravan.archive.StagingWriter}), its manifest, and publishing to and listing a
 * local folder. No Redis client and no RDB parsing here; Camel only for the data formats.
 *
 * <h2>Why zstd is zstd-jni (the reference C library)</h2>
 * The first choice was aircompressor 2.0.3, pure Java, for the native image's sake; its streaming
 * compressor stops finding matches after its first buffer (ratio 1.162 instead of 1.263 on an RDB),
 * so it was used through its block API, one frame per 8 MiB. On 300 MB of the bench RDB
 * ({@code bench/zstd/ZstdBench.java}, level 3, one thread, idle 2-core machine) that compresses at
 * 110 to 117 MB per CPU second where zstd-jni 1.5.6-6 does 164 to 171 (the {@code zstd -3} CLI: 180),
 * ratios 1.597 and 1.599. In a 1 GB backup the compressing thread took 8.9 CPU seconds with
 * aircompressor and 4.3 with zstd-jni, and on 2 cores shared with the server's fork the backup's
 * wall time fell from 18.2 to 14.8 s; zstd-jni also decompresses the 535 MB archive in 1.2 s where
 * aircompressor takes 2.0. The cost is what a JNI library brings:
 * <ul>
 * <li>its {@code libzstd-jni-*.so} is copied from the jar to {@code java.io.tmpdir} (or the folder
 *     named by the {@code ZstdTempFolder} system property) and loaded from there, so a read-only
 *     root file system needs a writable temporary folder, or {@code -DZstdNativePath=} pointing at
 *     an installed copy of the library;</li>
 * <li>a native image must hold the library as a resource and know the fields its C code reads
 *     ({@code application.properties}, {@code META-INF/native-image/dev.caravan/caravan/}, after
 *     oracle/graalvm-reachability-metadata's entry for zstd-jni; {@code native/README.md});</li>
 * <li>each compressing thread's context (a megabyte or two at level 3) lives outside the heap.</li>
 * </ul>
 * Frames stay independent (one per 8 MiB of input, content size and XXH64 checksum in each), so
 * they are compressed on worker threads beside the writer and the output is the same bytes
 * whatever the number of workers. Deflate, for zip and gzip, runs at about 34 MB/s at level 6 and
 * does not keep up with a pull (level 1, their default, about 70 MB/s for a 3% larger file:
 * bench/results/codecs-20261124.md); and one pass at the pull's pace beats
 * {@code redis-cli --rdb} then {@code zstd} one after the other (DESIGN §8). Output is standard:
 * {@code zstd -d} reads ours and ours reads the CLI's.
 */
package dev.caravan.archive;
