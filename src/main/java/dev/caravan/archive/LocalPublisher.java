package dev.caravan.archive;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Publishes a staged backup into a local destination folder so that a reader never sees a
 * partial file under a final name: each file is written as {@code <name>.part-<random>} in its
 * final folder, fsynced, renamed atomically, and the folder fsynced. The archives go first and
 * the manifest last, so a backup folder with a manifest is complete (DESIGN §3). A failed
 * publish leaves no manifest, so the folder is not a backup and {@link LocalCatalog} ignores it.
 * An archive on the same file system as the destination is hard-linked under its temporary name
 * instead of copied: the staged file is already fsynced and its SHA-256 was taken as it was
 * written, so a second pass over it would only re-read the same bytes (its size is still
 * checked). The staging folder keeps its own name for the file, so every local destination can
 * link it and the S3 and SFTP publishes still read it; removing the staging folder leaves the
 * published name. Across file systems (or when linking is refused) the archive is copied and
 * re-hashed on the way, so a staged file that changed since it was written is refused.
 * Atomic rename and directory fsync as on Linux file systems.
 */
public final class LocalPublisher {

    /** Marks temporary names: never a final name, since safe names do not contain it. */
    public static final String PART = ".part-";
    private static final RandomGenerator RANDOM = new SecureRandom();
    private static final int BUFFER = 256 * 1024;

    private final Path root;
    private final ArchiveLayout layout;
    private final boolean link;

    /** Links archives where the file system allows it, copies them elsewhere. */
    public LocalPublisher(Path root, ArchiveLayout layout) {
        this(root, layout, true);
    }

    private LocalPublisher(Path root, ArchiveLayout layout, boolean link) {
        this.root = root.toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.link = link;
    }

    /** Always copies and re-hashes the archives, even where a hard link would do. */
    public static LocalPublisher copying(Path root, ArchiveLayout layout) {
        return new LocalPublisher(root, layout, false);
    }

    /**
     * Copies each file of {@code manifest} from {@code staged} (matched by file name) into the
     * backup's folder, then writes the manifest.
     *
     * @return the published manifest's path
     * @throws FileAlreadyExistsException if this backup was already published here
     * @throws IOException if a staged file is missing or does not match its manifest entry
     */
    public Path publish(Manifest manifest, List<StagedFile> staged) throws IOException {
        String source = manifest.source().name();
        Path folder = ArchiveLayout.resolveUnder(root, layout.backupFolder(source, manifest.id()));
        Path manifestPath = folder.resolve(ArchiveLayout.MANIFEST);
        if (Files.exists(manifestPath)) {
            throw new FileAlreadyExistsException(manifestPath.toString(), null, "backup already published");
        }
        createDirectoriesDurably(folder);
        for (ManifestFile file : manifest.files()) {
            StagedFile from = staged.stream()
                    .filter(s -> s.path().getFileName().toString().equals(file.file()))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no staged file for " + file.file()));
            if (from.size() != file.size() || !from.sha256().equals(file.sha256())) {
                throw new IOException("staged " + from.path() + " does not match the manifest's entry for "
                        + file.file());
            }
            Path target = folder.resolve(file.file());
            if (!link || !publishLink(target, from)) {
                publishFile(target, file.sha256(), Files.newInputStream(from.path()));
            }
        }
        publishFile(manifestPath, null, new ByteArrayInputStream(ManifestWriter.toBytes(manifest)));
        return manifestPath;
    }

    /**
     * Writes {@code content} to {@code target} through a temporary name and an atomic rename.
     *
     * @param sha256 if not null, what the written bytes must hash to
     */
    private static void publishFile(Path target, String sha256, InputStream content) throws IOException {
        Path part = partName(target);
        try (content; FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            MessageDigest digest = Sha256.newDigest();
            OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER), digest);
            content.transferTo(out);
            out.flush();
            channel.force(true);
            String written = Sha256.hex(digest);
            if (sha256 != null && !sha256.equals(written)) {
                throw new IOException("copy of " + target.getFileName() + " has SHA-256 " + written
                        + ", expected " + sha256 + ": the staged file changed");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target.getParent());
    }

    /**
     * Publishes {@code staged} at {@code target} as a second name of the same file: a hard link
     * under a temporary name, an atomic rename, the folder fsynced.
     *
     * @return false if the file system cannot link it here (another file system, no hard links):
     *         nothing was created and the caller copies instead
     */
    private static boolean publishLink(Path target, StagedFile staged) throws IOException {
        Path part = partName(target);
        try {
            Files.createLink(part, staged.path());
        } catch (IOException | UnsupportedOperationException cannotLink) {
            return false;
        }
        try {
            long size = Files.size(part);
            if (size != staged.size()) {
                throw new IOException("staged " + staged.path() + " has " + size + " bytes, " + staged.size()
                        + " were written: the staged file changed");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target.getParent());
        return true;
    }

    private static Path partName(Path target) {
        return target.resolveSibling(target.getFileName() + PART + Long.toHexString(RANDOM.nextLong()));
    }

    /** Creates the missing folders and fsyncs each parent, so the new entries survive a crash. */
    private void createDirectoriesDurably(Path folder) throws IOException {
        Path missing = folder;
        while (missing.getParent() != null && !Files.isDirectory(missing.getParent())) {
            missing = missing.getParent();
        }
        Files.createDirectories(folder);
        Path last = missing.getParent() == null ? missing : missing.getParent();
        for (Path dir = folder; dir != null && dir.startsWith(last); dir = dir.getParent()) {
            fsyncDirectory(dir);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
