package dev.caravan.backup;

/** How many attempts a publish took, from Camel's redelivery counter (absent on the first attempt). */
final class Attempts {

    private Attempts() {
    }

    static int of(Integer redeliveries) {
        return redeliveries == null ? 1 : redeliveries + 1;
    }
}
