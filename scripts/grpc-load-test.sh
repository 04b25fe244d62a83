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
started=$SECONDS
failures=()

say() { printf '[%3ds] %s\n' $((SECONDS - started)) "$*"; }
fail() { failures+=("$*"); say "FAIL: $*"; }

service_pid=
sampler_pid=
cleanup() {
    if [[ -n $sampler_pid ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
    if [[ -n $service_pid ]] && kill -0 "$service_pid" 2>/dev/null; then
        kill -KILL "$service_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }

say "building the gRPC service and its load generator (release, $CARGO_TARGET_DIR)"
cargo build --release --quiet -p apicode-tests --features grpc --example grpc --example grpc_load

: >"$work/service.out"
"$bin/grpc" --listen 127.0.0.1:0 --access-key-id "$KEY_ID" --sms-signature Acme \
    --template pub_otp=code --rate-limit "$RATE_LIMIT" --body-limit "$BODY_LIMIT" \
    >"$work/service.out" 2>"$work/service.err" &
service_pid=$!
addr=
for _ in $(seq 100); do
    addr=$(sed -n 's#^listening on http://##p' "$work/service.out" || true)
    [[ -n $addr ]] && break
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -z $addr ]]; then
    cat "$work/service.err" >&2
    say "FAIL: the service did not start"
    exit 1
fi
rss_before=$(rss_kb "$service_pid")
fds_before=$(fd_count "$service_pid")
say "service $service_pid on $addr: VmRSS $rss_before kB, $fds_before descriptors"

# Every half second until the service is gone: seconds since the start, VmRSS in kB, open
# descriptors.
(
    while sample=$(rss_kb "$service_pid" 2>/dev/null) && [[ -n $sample ]]; do
        fds=$(fd_count "$service_pid" 2>/dev/null) || break
        echo "$((SECONDS - started)) $sample $fds"
        sleep 0.5
    done
) >"$work/samples.log" &
sampler_pid=$!

load_args=(--addr "$addr" --access-key-id "$KEY_ID" --body-limit "$BODY_LIMIT")
round_rss=()
summaries=()
for ((round = 0; round < ROUNDS; round++)); do
    if ((round > 0)); then
        say "pausing ${PAUSE_SECS}s: the rate limiter forgets the previous round's minute"
        sleep "$PAUSE_SECS"
    fi
    say "round $((round + 1)) of $ROUNDS: $CALLS calls over $CONNECTIONS connections," \
        "$CONCURRENCY in flight on each"
    status=0
    "$bin/grpc_load" "${load_args[@]}" --calls "$CALLS" --connections "$CONNECTIONS" \
        --concurrency "$CONCURRENCY" --max-secs "$MAX_SECS" --round "$round" |
        tee "$work/load-$round.out" || status=$?
    ((status == 0)) || fail "round $((round + 1)): the load generator reported a failure ($status)"
    summary=$(grep '^summary ' "$work/load-$round.out" || echo "summary missing")
    summaries+=("$summary")
    # The generator fails on these itself; checked here too, so that a change there cannot
    # quietly let them through.
    for counter in mismatches failed_calls lost_connections abuse_failures; do
        [[ $summary == *" $counter=0"* ]] ||
            fail "round $((round + 1)): $counter is not 0 ($summary)"
    done
    [[ $summary == *" calls=$CALLS "* ]] ||
        fail "round $((round + 1)): not all $CALLS calls were made"
    if ! kill -0 "$service_pid" 2>/dev/null; then
        fail "the service died during round $((round + 1))"
        break
    fi
    round_rss+=("$(rss_kb "$service_pid")")
    say "round $((round + 1)) done: service VmRSS ${round_rss[-1]} kB"
done

if kill -0 "$service_pid" 2>/dev/null; then
    if "$bin/grpc_load" "${load_args[@]}" --probe; then
        say "the service still answers a valid call"
    else
        fail "the service no longer answers a valid call correctly"
    fi
    # The connections close as the service reads the clients' ends: give it a moment.
    fds_after=$(fd_count "$service_pid")
    for _ in $(seq 50); do
        ((fds_after <= fds_before)) && break
        sleep 0.1
        fds_after=$(fd_count "$service_pid")
    done
    ((fds_after <= fds_before)) ||
        fail "descriptors: $fds_before before, $fds_after after the run (connections left open)"
    rss_after=$(rss_kb "$service_pid")
    kill -INT "$service_pid"
    for _ in $(seq 100); do
        kill -0 "$service_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$service_pid" 2>/dev/null; then
        fail "the service did not stop within 10 s of SIGINT"
        exit_status=killed
    else
        exit_status=0
        wait "$service_pid" || exit_status=$?
        ((exit_status == 0)) || fail "the service exited with $exit_status after SIGINT"
        grep -q '^grpc: stopped$' "$work/service.err" ||
            fail "the service did not report a clean stop"
    fi
    service_pid=
else
    rss_after=0
    fds_after=?
    exit_status=dead
fi
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=

# The samples, the readings after each round and the last one: a sample can miss the top.
rss_peak=$( (awk '{ print $2 }' "$work/samples.log"; printf '%s\n' "${round_rss[@]}" "$rss_after") |
    awk 'BEGIN { peak = 0 } $1 > peak { peak = $1 } END { print peak }')
fds_peak=$(awk 'BEGIN { peak = 0 } $3 > peak { peak = $3 } END { print peak }' "$work/samples.log")
samples=$(wc -l <"$work/samples.log")
((rss_peak - rss_before <= RSS_GROWTH_KB)) ||
    fail "VmRSS grew by $((rss_peak - rss_before)) kB (bound $RSS_GROWTH_KB kB)"
if ((${#round_rss[@]} >= 2)); then
    growth=$((round_rss[-1] - round_rss[0]))
    ((growth <= RSS_ROUND_KB)) ||
        fail "VmRSS grew by $growth kB from the first round to the last (bound $RSS_ROUND_KB kB)"
fi
if grep -qv '^grpc: \(Ctrl-C stops it\|stopped\)$' "$work/service.err"; then
    fail "the service wrote to stderr: $(grep -v '^grpc: \(Ctrl-C stops it\|stopped\)$' "$work/service.err" | head -3)"
fi

echo
echo "== gRPC load test summary =="
echo "service: --rate-limit $RATE_LIMIT --body-limit $BODY_LIMIT on $addr; logs in $work"
for ((round = 0; round < ${#summaries[@]}; round++)); do
    echo "round $((round + 1)): ${summaries[round]#summary }"
done
total=$(printf '%s\n' "${summaries[@]}" |
    awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^calls=/) { sub(/calls=/, "", $i); sum += $i } }
         END { print sum + 0 }')
echo "calls in all: $total"
echo "VmRSS kB: before $rss_before, peak $rss_peak ($samples samples every 0.5 s), after each round ${round_rss[*]:-}, after $rss_after"
echo "descriptors: before $fds_before, peak $fds_peak, after $fds_after; exit after SIGINT: $exit_status"
echo "took $((SECONDS - started)) s"
if ((${#failures[@]} > 0)); then
    printf 'FAILED: %s\n' "${failures[@]}"
    exit 1
fi
echo "PASSED"
