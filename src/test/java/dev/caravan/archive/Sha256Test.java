package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void givesTheDigestAsLowercaseHexAsAManifestHoldsIt() {
        MessageDigest digest = Sha256.newDigest();
        digest.update("abc".getBytes(StandardCharsets.US_ASCII));
        // FIPS 180-2, appendix B.1
        assertThat(Sha256.hex(digest)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void eachDigestIsFresh() {
        MessageDigest used = Sha256.newDigest();
        used.update((byte) 1);
        assertThat(Sha256.hex(Sha256.newDigest()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
