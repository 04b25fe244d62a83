#!/usr/bin/env bash
# The JSON-RPC example server under load, on loopback: builds the `jsonrpc` example and its load
# generator in release, starts the server on a free port, runs rounds of the generator's
# checked calls back to back (the server keeps no state between calls, so a second round must
# end where the first did), watches the server's resident memory and open descriptors, checks
# it still answers a valid call, then stops it with SIGINT and checks it exits cleanly.
#
#   scripts/jsonrpc-load-test.sh
#
# Settings (environment): CALLS per round (200000), ROUNDS (2), CONNECTIONS (32), BODY_LIMIT
# (4096), MAX_SECS per round (120), RSS_GROWTH_KB and RSS_ROUND_KB (the memory bounds below).
#
# Exits non-zero on any wrong answer, any failed call or connection the server closed, a round
# not finished in time, a server that stops answering or does not stop cleanly, descriptors
# left open, or memory beyond the bounds.
set -euo pipefail
cd "$(dirname "$0")/.."

CALLS=${CALLS:-200000}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
BODY_LIMIT=${BODY_LIMIT:-4096}
MAX_SECS=${MAX_SECS:-120}
# Memory bounds. The server keeps nothing between calls: what grows with traffic is the
# connections' buffers (32 keep-alive ones, plus one short-lived connection per oversized
# body) and the allocator's per-thread arenas. 64 MiB over the idle server is far beyond that;
# more than 4 MiB between the first round and the last is a leak of at least 20 bytes a call.
RSS_GROWTH_KB=${RSS_GROWTH_KB:-65536}
RSS_ROUND_KB=${RSS_ROUND_KB:-4096}

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
bin=$CARGO_TARGET_DIR/release/examples
work=$(mktemp -d "${TMPDIR:-/tmp}/jsonrpc-load-test.XXXXXX")
source scripts/lib.sh

say "building the JSON-RPC server and its load generator (release, $CARGO_TARGET_DIR)"
cargo build --release --quiet -p apicode-tests --no-default-features --features jsonrpc \
    --example jsonrpc --example jsonrpc_load

# More connections than the generator opens, so that none is refused for the limit.
start_service jsonrpc "$bin/jsonrpc" --listen 127.0.0.1:0 --body-limit "$BODY_LIMIT" \
    --max-connections $((CONNECTIONS * 2 + 16))
start_sampler

load_args=(--addr "$addr" --body-limit "$BODY_LIMIT")
round_rss=()
summaries=()
for ((round = 0; round < ROUNDS; round++)); do
    say "round $((round + 1)) of $ROUNDS: $CALLS calls over $CONNECTIONS connections"
    load_round "$round" server "mismatches failed_calls lost_connections" -- \
        "$bin/jsonrpc_load" "${load_args[@]}" --calls "$CALLS" --connections "$CONNECTIONS" \
        --max-secs "$MAX_SECS" || break
    [[ ${summaries[-1]} == *" calls=$CALLS "* ]] ||
        fail "round $((round + 1)): not all $CALLS calls were made"
done

probe_and_stop jsonrpc server -- "$bin/jsonrpc_load" "${load_args[@]}"
check_memory "${round_rss[@]}"
check_stderr jsonrpc '^jsonrpc: \(Ctrl-C stops it\|stopped\)$'
print_summary "JSON-RPC load test summary" "server: --body-limit $BODY_LIMIT on $addr" calls
finish
