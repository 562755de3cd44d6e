#!/usr/bin/env bash
# Regenerates the sample capture test-data/captures/nezha-tt-2023-01-29 from Nezha's data
# (see test-data/README.md). Deterministic: the same input gives byte-identical files.
#
#   test-data/generate.sh [REALDATA]     REALDATA defaults to $TRACEFLUX_REALDATA, else ../shared/realdata
#
# Extra Maven flags (e.g. -o for offline) go in MVN_FLAGS.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
realdata="$(cd "${1:-${TRACEFLUX_REALDATA:-$repo/../shared/realdata}}" && pwd)"

"$repo/test-data/run-generator.sh" io.traceflux.testdata.NezhaSampleGenerator \
    "$realdata" "$repo/test-data/captures/nezha-tt-2023-01-29"
