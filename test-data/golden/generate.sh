#!/usr/bin/env bash
# Regenerates the golden windows test-data/golden/<window>/ from the public data under REALDATA
# (see test-data/golden/README.md). Deterministic: the same input gives byte-identical files.
# suite.yaml (the regression suite: replays and expected figures) is maintained by hand.
#
#   test-data/golden/generate.sh [REALDATA]   REALDATA defaults to $TRACEFLUX_REALDATA, else ../shared/realdata
#
# Extra Maven flags (e.g. -o for offline) go in MVN_FLAGS.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
realdata="$(cd "${1:-${TRACEFLUX_REALDATA:-$repo/../shared/realdata}}" && pwd)"

"$repo/test-data/run-generator.sh" io.traceflux.testdata.GoldenWindowsGenerator "$realdata" "$repo/test-data/golden"
