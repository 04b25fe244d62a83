#!/usr/bin/env bash
# The gRPC service under load, on loopback: builds the `grpc` example and its load generator in
# release, starts the service on a free port, runs rounds of the generator's checked flood of
# SendMessage calls (a minute apart, so that the second starts from the rate limiter's steady
# state) while it sends its abuse cases on connections of their own, watches the service's
# resident memory and open descriptors, checks it still answers a valid call, then stops it with
# SIGINT and checks it exits cleanly.
#
#   scripts/grpc-load-test.sh
#
# Settings (environment): CALLS per round (200000), ROUNDS (2), CONNECTIONS (4), CONCURRENCY
# calls in flight per connection (16), RATE_LIMIT (60), BODY_LIMIT (4096), MAX_SECS per round
# (120), PAUSE_SECS between rounds (61), RSS_GROWTH_KB and RSS_ROUND_KB (the memory bounds below).
#
# Exits non-zero on any wrong answer, any failed call on a well-formed connection, an abuse case
# left unanswered or accepted, a round not finished in time, a service that stops answering or
# does not stop cleanly, descriptors left open, or memory beyond the bounds.
set -euo pipefail
cd "$(dirname "$0")/.."

CALLS=${CALLS:-200000}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-4}
CONCURRENCY=${CONCURRENCY:-16}
RATE_LIMIT=${RATE_LIMIT:-60}
BODY_LIMIT=${BODY_LIMIT:-4096}
MAX_SECS=${MAX_SECS:-120}
PAUSE_SECS=${PAUSE_SECS:-61}
# Memory bounds. What grows with traffic is the rate limiter: one entry per recipient of the
# last minute or two (three in four calls send to a new recipient: 150,000 of them a round of
# 200,000 calls, a few hundred bytes each with the map's own growth, some 30 to 50 MiB), the
# connections' buffers and the allocator's per-thread arenas. 128 MiB over the idle service is
# about three times that. A second round after the limiter's minute reuses the first one's room:
# more than 8 MiB between the two is a leak of at least 40 bytes a call.
RSS_GROWTH_KB=${RSS_GROWTH_KB:-131072}
RSS_ROUND_KB=${RSS_ROUND_KB:-8192}

KEY_ID=load-key
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
bin=$CARGO_TARGET_DIR/release/examples
work=$(mktemp -d "${TMPDIR:-/tmp}/grpc-load-test.XXXXXX")
source scripts/lib.sh

say "building the gRPC service and its load generator (release, $CARGO_TARGET_DIR)"
cargo build --release --quiet -p apicode-tests --features grpc --example grpc --example grpc_load

start_service grpc "$bin/grpc" --listen 127.0.0.1:0 --access-key-id "$KEY_ID" \
    --sms-signature Acme --template pub_otp=code --rate-limit "$RATE_LIMIT" \
    --body-limit "$BODY_LIMIT"
start_sampler

load_args=(--addr "$addr" --access-key-id "$KEY_ID" --body-limit "$BODY_LIMIT")
round_rss=()
summaries=()
for ((round = 0; round < ROUNDS; round++)); do
    say "round $((round + 1)) of $ROUNDS: $CALLS calls over $CONNECTIONS connections," \
        "$CONCURRENCY in flight on each"
    load_round "$round" service "mismatches failed_calls lost_connections abuse_failures" -- \
        "$bin/grpc_load" "${load_args[@]}" --calls "$CALLS" --connections "$CONNECTIONS" \
        --concurrency "$CONCURRENCY" --max-secs "$MAX_SECS" --round "$round" || break
    [[ ${summaries[-1]} == *" calls=$CALLS "* ]] ||
        fail "round $((round + 1)): not all $CALLS calls were made"
done

probe_and_stop grpc service -- "$bin/grpc_load" "${load_args[@]}"
check_memory "${round_rss[@]}"
check_stderr grpc '^grpc: \(Ctrl-C stops it\|stopped\)$'
print_summary "gRPC load test summary" \
    "service: --rate-limit $RATE_LIMIT --body-limit $BODY_LIMIT on $addr" calls
finish
