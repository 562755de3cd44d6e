package io.traceflux.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One injected fault of Nezha's ground truth ({@code <day>-fault_list.json}). {@code inject_time}
 * is read as UTC, the clock of the metrics and logs; {@code inject_timestamp} is ignored because
 * for 2023-01-29 it is about eight hours off (a UTC+8 mix-up in the source).
 */
record NezhaFault(Instant injectTime, String pod, String type) {

    private static final DateTimeFormatter INJECT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The faulty pod's service, derived like every signal's. */
    String service() {
        return pod.replaceAll(SignalColumns.POD_SUFFIX, "");
    }

    /** Faults injected from {@code lead} before the window start up to its end. */
    static List<NezhaFault> near(Path faultList, CaptureWindow window, Duration lead) throws IOException {
        List<NezhaFault> near = new ArrayList<>();
        for (JsonNode hour : new ObjectMapper().readTree(faultList.toFile())) {
            for (JsonNode f : hour) {
                Instant at = LocalDateTime.parse(f.get("inject_time").asText(), INJECT_TIME).toInstant(ZoneOffset.UTC);
                if (!at.isBefore(window.start().minus(lead)) && at.isBefore(window.end())) {
                    near.add(new NezhaFault(at, f.get("inject_pod").asText(), f.get("inject_type").asText()));
                }
            }
        }
        return near;
    }
}
