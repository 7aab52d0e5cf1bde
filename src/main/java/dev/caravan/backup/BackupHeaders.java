package dev.caravan.backup;

/** Message headers the backup routes set. */
public final class BackupHeaders {

    /** The type of the destination a {@link PublishRequest} goes to: names {@code direct:publish-<type>}. */
    public static final String DESTINATION_TYPE = "caravanDestinationType";

    private BackupHeaders() {
    }
}
