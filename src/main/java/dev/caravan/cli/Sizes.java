package dev.caravan.cli;

/** Byte counts for people: 1 KB = 1000 bytes, as storage and network figures are usually given. */
final class Sizes {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format("%.1f %s", value, UNITS[unit]);
    }
}
