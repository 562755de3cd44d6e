#!/usr/bin/env bash
# One unmeasured sample replay with the checkout's bin/traceflux, so that a measured run never
# pays for recording the launcher's class-data archive (the first replay after a build does).
#
#   bench/tools/warm-up.sh CHECKOUT
set -euo pipefail
CHECKOUT="$(cd "${1:?usage: bench/tools/warm-up.sh CHECKOUT}" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "bench: warm-up replay in $CHECKOUT (records its class-data archive)..." >&2
(cd "$CHECKOUT" && bin/traceflux replay --capture test-data/captures/nezha-tt-2023-01-29 --policy tt-checkout@v2 \
    --warehouse "$WORK/warehouse" --execution-id warm-up >/dev/null 2>&1) || {
  code=$?
  # 3 is a failed gate: the replay ran to its end.
  [ "$code" -eq 3 ] || { echo "bench: the warm-up replay in $CHECKOUT exited $code" >&2; exit 1; }
}
