package io.traceflux.testdata;

import java.util.LinkedHashMap;
import java.util.Map;

/** The attribution block each golden capture.json carries for its source data set. */
final class GoldenAttribution {

    static final Map<String, Object> NEZHA = of(
            "origin", "https://github.com/IntelligentDDS/Nezha",
            "commit", NezhaSampleGenerator.NEZHA_COMMIT,
            "paper", "Yu et al., Nezha: Interpretable Fine-Grained Root Causes Analysis for Microservices "
                    + "on Multi-Modal Observability Data, FSE 2023",
            "license", "MIT",
            "copyright", "Copyright (c) 2023 IntelligentDDS",
            "license_file", "test-data/golden/LICENSE-nezha");

    static final Map<String, Object> LANL = of(
            "origin", "Los Alamos National Laboratory, failure data 1996-2005, LA-UR-05-7318 "
                    + "(via https://github.com/Derek-Jones/ESEUR-code-data, commit 1a49d102b38680531cb1d79ca131510b11b64e06)",
            "credit", "Data provided by Los Alamos National Laboratory (LA-UR-05-7318)",
            "license", "public release; no explicit licence, attribution requested by LANL");

    static final Map<String, Object> NAB = of(
            "origin", "https://github.com/numenta/NAB",
            "commit", "ea702d75cc2258d9d7dd35ca8e5e2539d71f3140",
            "license", "MIT",
            "copyright", "Copyright 2014-2024 Numenta Inc.",
            "license_file", "test-data/golden/LICENSE-nab");

    private GoldenAttribution() {
    }

    private static Map<String, Object> of(String... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
