package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupIdTest {

    @Test
    void formatsUtcSecondAndFourHexDigits() {
        BackupId id = BackupId.generate(Instant.parse("2026-11-24T08:30:00.987Z"), new Random(7));
        assertThat(id.toString()).matches("20261124T083000Z-[0-9a-f]{4}");
        assertThat(id.startedAt()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z"));
        assertThat(BackupId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void sortsByTimeAsTextAndAsObjects() {
        Random random = new Random(1);
        BackupId early = BackupId.generate(Instant.parse("2026-01-02T03:04:05Z"), random);
        BackupId late = BackupId.generate(Instant.parse("2026-11-24T08:30:00Z"), random);
        assertThat(early).isLessThan(late);
        assertThat(early.toString()).isLessThan(late.toString());
    }

    @Test
    void suffixesKeepIdsOfTheSameSecondApart() {
        Instant now = Instant.parse("2026-11-24T08:30:00Z");
        Set<BackupId> ids = new HashSet<>();
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            ids.add(BackupId.generate(now, random));
        }
        assertThat(ids).hasSizeGreaterThan(45);
    }

    @Test
    void idsGivenInTheSameSecondSortInTheOrderGiven() {
        java.time.Clock frozen = java.time.Clock.fixed(Instant.parse("2026-11-24T08:30:00.250Z"), java.time.ZoneOffset.UTC);
        BackupId previous = BackupId.generate(frozen);
        for (int i = 0; i < 200; i++) {
            BackupId next = BackupId.generate(frozen);
            assertThat(next).isGreaterThan(previous);
            assertThat(next.startedAt()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z"));
            assertThat(BackupId.parse(next.toString())).isEqualTo(next);
            previous = next;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "../x", "20261124T083000Z-7f3a/..", "a/b", "20261124T083000Z-7F3A", "20261124T083000Z-7f3",
            "20261124T083000Z-7f3a0", "20261124T083000-7f3a", "2026-11-24T08:30:00Z", " 20261124T083000Z-7f3a",
            "20261124T083000Z-7f3a\n", "20261124T083000Z_7f3a", "20261124T083000Z-7f3a20261124T083000Z-7f3a"})
    void refusesAnythingButTheExactForm(String text) {
        assertThatThrownBy(() -> BackupId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not have the form yyyyMMddTHHmmssZ-xxxx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20260231T083000Z-7f3a", "20261124T246000Z-7f3a", "20261301T000000Z-7f3a"})
    void refusesImpossibleDates(String text) {
        assertThatThrownBy(() -> BackupId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no valid date and time");
    }

    @Test
    void refusesEmptyNullAndLatestWithTheirOwnMessages() {
        for (String text : new String[] {"", null}) {
            assertThatThrownBy(() -> BackupId.parse(text)).hasMessage("backup id is empty");
        }
        assertThatThrownBy(() -> BackupId.parse("latest")).hasMessageContaining("'latest' is not a backup id");
    }

    @Test
    void messageEscapesControlCharactersAndLongInput() {
        assertThatThrownBy(() -> BackupId.parse("bad\u0000id"))
                .hasMessageStartingWith("backup id 'bad\\x00id' does not have the form");
        assertThatThrownBy(() -> BackupId.parse("y".repeat(5000)))
                .hasMessageContaining("...(5000 bytes)");
    }

    @Test
    void everyGeneratedIdIsASafeName() {
        for (BackupId id : List.of(BackupId.generate(java.time.Clock.systemUTC()))) {
            assertThat(Names.requireSafe("backup id", id.toString())).hasSize(BackupId.LENGTH);
        }
    }
}
