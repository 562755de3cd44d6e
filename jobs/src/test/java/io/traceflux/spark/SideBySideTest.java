package io.traceflux.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    @Test
    void resultsComeInTheOrderGivenWhateverOrderTheyFinish() {
        Map<String, Callable<Integer>> steps = new LinkedHashMap<>();
        CountDownLatch lastDone = new CountDownLatch(1);
        // The first step waits for the last one, so they can only finish in reverse order.
        steps.put("slow", () -> lastDone.await(10, TimeUnit.SECONDS) ? 1 : -1);
        steps.put("middle", () -> 2);
        steps.put("fast", () -> {
            lastDone.countDown();
            return 3;
        });

        assertThat(SideBySide.run(steps, 3)).containsExactly(Map.entry("slow", 1), Map.entry("middle", 2),
                Map.entry("fast", 3));
    }

    @Test
    void theFirstFailureInOrderIsThrownOnceEveryStepHasEnded() {
        AtomicInteger ended = new AtomicInteger();
        Map<Integer, Callable<Void>> steps = new LinkedHashMap<>();
        steps.put(1, () -> {
            Thread.sleep(200);
            ended.incrementAndGet();
            throw new IllegalArgumentException("first");
        });
        steps.put(2, () -> {
            ended.incrementAndGet();
            throw new IllegalStateException("second");
        });
        steps.put(3, () -> {
            Thread.sleep(300);
            ended.incrementAndGet();
            return null;
        });

        assertThatThrownBy(() -> SideBySide.run(steps, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("first");
        assertThat(ended).hasValue(3);
    }

    @Test
    void aCheckedFailureKeepsItsMessage() {
        Map<String, Callable<Void>> steps = Map.of("commit", () -> {
            throw new IOException("commit conflict on executions");
        });

        assertThatThrownBy(() -> SideBySide.run(steps, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessage("commit conflict on executions");
    }

    @Test
    void noStepsGiveNoResults() {
        assertThat(SideBySide.run(Map.<String, Callable<Integer>>of(), 4)).isEmpty();
    }
}
