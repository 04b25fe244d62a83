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
    status=0
    "$bin/jsonrpc_load" "${load_args[@]}" --calls "$CALLS" --connections "$CONNECTIONS" \
        --max-secs "$MAX_SECS" | tee "$work/load-$round.out" || status=$?
    ((status == 0)) || fail "round $((round + 1)): the load generator reported a failure ($status)"
    summary=$(grep '^summary ' "$work/load-$round.out" || echo "summary missing")
    summaries+=("$summary")
    # The generator fails on these itself; checked here too, so that a change there cannot
    # quietly let them through.
    for counter in mismatches failed_calls lost_connections; do
        [[ $summary == *" $counter=0"* ]] ||
            fail "round $((round + 1)): $counter is not 0 ($summary)"
    done
    [[ $summary == *" calls=$CALLS "* ]] ||
        fail "round $((round + 1)): not all $CALLS calls were made"
    if ! kill -0 "$service_pid" 2>/dev/null; then
        fail "the server died during round $((round + 1))"
        break
    fi
    round_rss+=("$(rss_kb "$service_pid")")
    say "round $((round + 1)) done: server VmRSS ${round_rss[-1]} kB"
done

if kill -0 "$service_pid" 2>/dev/null; then
    if "$bin/jsonrpc_load" "${load_args[@]}" --probe; then
        say "the server still answers a valid call"
    else
        fail "the server no longer answers a valid call correctly"
    fi
    check_descriptors
    rss_after=$(rss_kb "$service_pid")
    stop_service jsonrpc
else
    rss_after=0
    fds_after=?
    exit_status=dead
fi
stop_sampler

check_memory "${round_rss[@]}"
fds_peak=$(peak 3)
samples=$(wc -l <"$work/samples.log")
check_stderr jsonrpc '^jsonrpc: \(Ctrl-C stops it\|stopped\)$'

echo
echo "== JSON-RPC load test summary =="
echo "server: --body-limit $BODY_LIMIT on $addr; logs in $work"
for ((round = 0; round < ${#summaries[@]}; round++)); do
    echo "round $((round + 1)): ${summaries[round]#summary }"
done
total=$(printf '%s\n' "${summaries[@]}" |
    awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^calls=/) { sub(/calls=/, "", $i); sum += $i } }
         END { print sum + 0 }')
echo "calls in all: $total"
echo "VmRSS kB: before $rss_before, peak $rss_peak ($samples samples every 0.5 s), after each round ${round_rss[*]:-}, after $rss_after"
echo "descriptors: before $fds_before, peak $fds_peak, after $fds_after; exit after SIGINT: $exit_status"
finish
