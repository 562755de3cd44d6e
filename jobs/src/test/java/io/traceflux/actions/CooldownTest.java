package io.traceflux.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.policy.ActionKind;
import io.traceflux.policy.ActionRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC 3.4's cooldown: per action and group key, in order of (fires_at, first signal_id). */
class CooldownTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final ActionRule PAGE = new ActionRule("page", List.of(), 1, ActionKind.PAGE, "oncall",
            Optional.of(Duration.ofMinutes(10)));
    static final ActionRule TICKET = new ActionRule("ticket", List.of(), 1, ActionKind.TICKET, "EDGE",
            Optional.of(Duration.ofMinutes(10)));
    static final ActionRule NOTIFY = new ActionRule("notify", List.of(), 1, ActionKind.NOTIFY, "#edge", Optional.empty());

    static Cooldown.Candidate at(String incident, String pop, String firstSignal, ActionRule action, int minute) {
        return new Cooldown.Candidate(incident, Map.of("pop", pop), firstSignal, action, T0.plusSeconds(60L * minute));
    }

    static List<String> held(List<Firing> firings) {
        return firings.stream().map(f -> f.incidentId() + " " + f.actionId() + (f.heldByCooldown() ? " held" : " sent"))
                .toList();
    }

    @Test
    void aFiringLessThanTheCooldownAfterTheLastSentOneIsHeldAndAHeldOneDoesNotRestartTheClock() {
        // fra1: 0 sent; 5 held (5 < 10); 9 held (9 < 10 after 0, not after 5); 10 sent (10 is not
        // less than 10); 19 held (9 after 10).
        List<Firing> firings = Cooldown.apply(List.of(at("i0", "fra1", "s0", PAGE, 0), at("i5", "fra1", "s5", PAGE, 5),
                at("i9", "fra1", "s9", PAGE, 9), at("i10", "fra1", "s10", PAGE, 10),
                at("i19", "fra1", "s19", PAGE, 19)));

        assertThat(held(firings)).containsExactly("i0 page sent", "i5 page held", "i9 page held", "i10 page sent",
                "i19 page held");
        assertThat(firings.get(0).rule()).isEqualTo("page oncall for every incident, cooldown 10m (action page)");
    }

    @Test
    void eachActionAndGroupKeyHasItsOwnCooldown() {
        List<Firing> firings = Cooldown.apply(List.of(at("a", "fra1", "s1", PAGE, 0), at("b", "ams2", "s2", PAGE, 1),
                at("a", "fra1", "s1", TICKET, 0), at("c", "fra1", "s3", TICKET, 2), at("c", "fra1", "s3", PAGE, 2)));

        assertThat(held(firings)).containsExactly("a page sent", "b page sent", "a ticket sent", "c ticket held",
                "c page held");
    }

    @Test
    void equalTimesAreOrderedByTheIncidentsFirstSignalIdInCodePointOrder() {
        // "\uFF61" sorts before "\uD83D\uDE00" (U+1F600) by code point, after it in UTF-16 units.
        List<Firing> firings = Cooldown.apply(List.of(at("emoji", "fra1", "\uD83D\uDE00", PAGE, 3),
                at("halfwidth", "fra1", "\uFF61", PAGE, 3)));

        assertThat(held(firings)).containsExactly("emoji page held", "halfwidth page sent");
    }

    @Test
    void withoutCooldownNothingIsHeld() {
        assertThat(held(Cooldown.apply(List.of(at("a", "fra1", "s1", NOTIFY, 0), at("b", "fra1", "s2", NOTIFY, 0)))))
                .containsExactly("a notify sent", "b notify sent");
    }
}
