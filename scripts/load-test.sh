#!/usr/bin/env bash
# The gateway under load, on loopback: builds the gateway and the load generator in release,
# starts the gateway on a free port, runs two rounds of the generator's checked mix against it
# (a minute apart, so that the second starts from the rate limiter's steady state), watches its
# resident memory and open descriptors, checks it still sends a valid message, then stops it
# with SIGINT and checks it exits cleanly.
#
#   scripts/load-test.sh
#
# Settings (environment): REQUESTS per round (60000), ROUNDS (2), CONNECTIONS (64),
# PER_RECIPIENT messages per recipient of the valid sends (2), RATE_LIMIT (60), BODY_LIMIT
# (4096), SEED (1), MAX_SECS per round (120), PAUSE_SECS between rounds (61),
# RSS_GROWTH_KB and RSS_ROUND_KB (the memory bounds below).
#
# Exits non-zero on any wrong answer, any 5xx, a timeout or a lost connection, a gateway that
# stops answering or does not stop cleanly, descriptors left open, or memory beyond the bounds.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-60000}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PER_RECIPIENT=${PER_RECIPIENT:-2}
RATE_LIMIT=${RATE_LIMIT:-60}
BODY_LIMIT=${BODY_LIMIT:-4096}
SEED=${SEED:-1}
MAX_SECS=${MAX_SECS:-120}
PAUSE_SECS=${PAUSE_SECS:-61}
# Memory bounds. What grows with traffic is the rate limiter (one entry per recipient and one
# 16-byte instant per message of the last minute: about 3 MiB for a round's 25,000 messages to
# 14,000 recipients), the connections' buffers (64 of them, a few KiB to a few tens of KiB
# each) and the allocator's per-thread arenas. 64 MiB over the idle gateway is ten times that.
# A second round after the limiter's minute holds the same state as the first: more than
# 4 MiB between the two is a leak of at least 70 bytes a request.
RSS_GROWTH_KB=${RSS_GROWTH_KB:-65536}
RSS_ROUND_KB=${RSS_ROUND_KB:-4096}

KEY_ID=load-key
SECRET=load-secret
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
bin=$CARGO_TARGET_DIR/release/examples
work=$(mktemp -d "${TMPDIR:-/tmp}/load-test.XXXXXX")
source scripts/lib.sh

say "building the gateway and the load generator (release, $CARGO_TARGET_DIR)"
cargo build --release --quiet -p apicode-tests --example gateway --example load

start_service gateway "$bin/gateway" --listen 127.0.0.1:0 --access-key-id "$KEY_ID" \
    --access-key-secret "$SECRET" --sms-signature Acme --template pub_otp=code \
    --rate-limit "$RATE_LIMIT" --body-limit "$BODY_LIMIT"
start_sampler

load_args=(--addr "$addr" --access-key-id "$KEY_ID" --access-key-secret "$SECRET"
    --rate-limit "$RATE_LIMIT" --body-limit "$BODY_LIMIT")
round_rss=()
summaries=()
for ((round = 0; round < ROUNDS; round++)); do
    say "round $((round + 1)) of $ROUNDS: $REQUESTS requests over $CONNECTIONS connections"
    load_round "$round" gateway "" -- "$bin/load" "${load_args[@]}" --requests "$REQUESTS" \
        --connections "$CONNECTIONS" --max-secs "$MAX_SECS" --seed $((SEED + round)) \
        --round "$round" --per-recipient "$PER_RECIPIENT" || break
done

probe_and_stop gateway gateway -- "$bin/load" "${load_args[@]}"
check_memory "${round_rss[@]}"
check_stderr gateway '^gateway: \(HMAC mode\|stopped\)'
print_summary "load test summary" \
    "gateway: --rate-limit $RATE_LIMIT --body-limit $BODY_LIMIT on $addr" requests
finish
