package dev.caravan.archive;

/**
 * A complete backup found at a destination: one that has its manifest.
 *
 * @param manifestKey where the manifest is, relative to the destination's root
 */
public record CatalogEntry(String source, BackupId id, String manifestKey) {
}
