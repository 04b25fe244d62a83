# Shared by the load-test scripts (sourced, not run): logging, starting the service under test
# and waiting for its address, sampling its memory and descriptors, probing what is left
# open, and stopping it with SIGINT. The caller sets `work` (a scratch directory) before
# calling these, and `failures` collects what went wrong.
#
#   source "$(dirname "$0")/lib.sh"

started=$SECONDS
failures=()

say() { printf '[%3ds] %s\n' $((SECONDS - started)) "$*"; }
fail() { failures+=("$*"); say "FAIL: $*"; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }

service_pid=
sampler_pid=
cleanup() {
    if [[ -n $sampler_pid ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
    if [[ -n $service_pid ]] && kill -0 "$service_pid" 2>/dev/null; then
        kill -KILL "$service_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# start_service NAME COMMAND...: runs COMMAND in the background, its output in
# $work/NAME.out and $work/NAME.err, and waits up to 10 s for its `listening on http://ADDR`
# line. Sets `service_pid`, `addr`, `rss_before` and `fds_before`; exits on failure.
start_service() {
    local name=$1
    shift
    : >"$work/$name.out"
    "$@" >"$work/$name.out" 2>"$work/$name.err" &
    service_pid=$!
    addr=
    for _ in $(seq 100); do
        addr=$(sed -n 's#^listening on http://##p' "$work/$name.out" || true)
        [[ -n $addr ]] && break
        kill -0 "$service_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -z $addr ]]; then
        cat "$work/$name.err" >&2
        say "FAIL: the $name did not start"
        exit 1
    fi
    rss_before=$(rss_kb "$service_pid")
    fds_before=$(fd_count "$service_pid")
    say "$name $service_pid on $addr: VmRSS $rss_before kB, $fds_before descriptors"
}

# start_sampler: every half second until the service is gone, a line of $work/samples.log:
# seconds since the start, VmRSS in kB, open descriptors.
start_sampler() {
    (
        while sample=$(rss_kb "$service_pid" 2>/dev/null) && [[ -n $sample ]]; do
            fds=$(fd_count "$service_pid" 2>/dev/null) || break
            echo "$((SECONDS - started)) $sample $fds"
            sleep 0.5
        done
    ) >"$work/samples.log" &
    sampler_pid=$!
}

stop_sampler() {
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    sampler_pid=
}

# check_descriptors: fails unless the service is back to `fds_before` open descriptors within
# 5 s (the connections close as it reads the clients' ends). Sets `fds_after`.
check_descriptors() {
    fds_after=$(fd_count "$service_pid")
    for _ in $(seq 50); do
        ((fds_after <= fds_before)) && break
        sleep 0.1
        fds_after=$(fd_count "$service_pid")
    done
    ((fds_after <= fds_before)) ||
        fail "descriptors: $fds_before before, $fds_after after the run (connections left open)"
}

# stop_service NAME: SIGINT, then fails unless the service exits with 0 within 10 s after
# printing `NAME: stopped`. Sets `exit_status` and clears `service_pid`.
stop_service() {
    local name=$1
    kill -INT "$service_pid"
    for _ in $(seq 100); do
        kill -0 "$service_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$service_pid" 2>/dev/null; then
        fail "the $name did not stop within 10 s of SIGINT"
        exit_status=killed
    else
        exit_status=0
        wait "$service_pid" || exit_status=$?
        ((exit_status == 0)) || fail "the $name exited with $exit_status after SIGINT"
        grep -q "^$name: stopped\$" "$work/$name.err" ||
            fail "the $name did not report a clean stop"
    fi
    service_pid=
}

# peak COLUMN [EXTRA...]: the largest of a column of $work/samples.log (2: VmRSS, 3:
# descriptors) and of the extra readings (a sample can miss the top).
peak() {
    local column=$1
    shift
    (awk -v column="$column" '{ print $column }' "$work/samples.log"; printf '%s\n' "$@") |
        awk 'BEGIN { peak = 0 } $1 > peak { peak = $1 } END { print peak }'
}

# check_memory ROUND_RSS...: fails when the peak VmRSS is more than RSS_GROWTH_KB over
# `rss_before`, or the readings after the rounds grew by more than RSS_ROUND_KB from the first
# to the last. Sets `rss_peak`.
check_memory() {
    rss_peak=$(peak 2 "$@" "$rss_after")
    ((rss_peak - rss_before <= RSS_GROWTH_KB)) ||
        fail "VmRSS grew by $((rss_peak - rss_before)) kB (bound $RSS_GROWTH_KB kB)"
    if (($# >= 2)); then
        local rounds=("$@")
        local growth=$((rounds[-1] - rounds[0]))
        ((growth <= RSS_ROUND_KB)) ||
            fail "VmRSS grew by $growth kB from the first round to the last (bound $RSS_ROUND_KB kB)"
    fi
}

# check_stderr NAME PATTERN: fails if the service wrote lines to stderr that PATTERN (a grep
# basic regular expression) does not match.
check_stderr() {
    local name=$1 pattern=$2
    if grep -qv "$pattern" "$work/$name.err"; then
        fail "the $name wrote to stderr: $(grep -v "$pattern" "$work/$name.err" | head -3)"
    fi
}

# load_round ROUND WHAT COUNTERS -- COMMAND...: runs one round of the load generator COMMAND
# (its output in $work/load-ROUND.out), after a pause of PAUSE_SECS when it is not the first
# (unset or 0: none); keeps its `summary` line in `summaries`, fails the counters named in
# COUNTERS (space-separated) that are not 0, and records the VmRSS of the WHAT (gateway,
# service, server) after it in `round_rss`. Returns 1 if the WHAT died.
load_round() {
    local round=$1 what=$2 counters=$3
    shift 4
    if ((round > 0 && ${PAUSE_SECS:-0} > 0)); then
        say "pausing ${PAUSE_SECS}s: the rate limiter forgets the previous round's minute"
        sleep "$PAUSE_SECS"
    fi
    local status=0 summary counter
    "$@" | tee "$work/load-$round.out" || status=$?
    ((status == 0)) || fail "round $((round + 1)): the load generator reported a failure ($status)"
    summary=$(grep '^summary ' "$work/load-$round.out" || echo "summary missing")
    summaries+=("$summary")
    # The generator fails on these itself; checked here too, so that a change there cannot
    # quietly let them through.
    for counter in $counters; do
        [[ $summary == *" $counter=0"* ]] ||
            fail "round $((round + 1)): $counter is not 0 ($summary)"
    done
    if ! kill -0 "$service_pid" 2>/dev/null; then
        fail "the $what died during round $((round + 1))"
        return 1
    fi
    round_rss+=("$(rss_kb "$service_pid")")
    say "round $((round + 1)) done: $what VmRSS ${round_rss[-1]} kB"
}

# probe_and_stop NAME WHAT -- PROBE...: when the service NAME still runs, checks that PROBE
# succeeds (the WHAT still answers a valid request), that no descriptor was left open, reads
# `rss_after` and stops it; else records it dead. Then stops the sampler.
probe_and_stop() {
    local name=$1 what=$2
    shift 3
    if kill -0 "$service_pid" 2>/dev/null; then
        if "$@" --probe; then
            say "the $what still answers a valid request"
        else
            fail "the $what no longer answers a valid request correctly"
        fi
        check_descriptors
        rss_after=$(rss_kb "$service_pid")
        stop_service "$name"
    else
        rss_after=0
        fds_after=?
        exit_status=dead
    fi
    stop_sampler
}

# print_summary TITLE HEADLINE COUNTER: the rounds' summaries, the sum of COUNTER (`requests`,
# `calls`) over them, the memory and the descriptors.
print_summary() {
    local title=$1 headline=$2 counter=$3 round total samples
    samples=$(wc -l <"$work/samples.log")
    echo
    echo "== $title =="
    echo "$headline; logs in $work"
    for ((round = 0; round < ${#summaries[@]}; round++)); do
        echo "round $((round + 1)): ${summaries[round]#summary }"
    done
    total=$(printf '%s\n' "${summaries[@]}" |
        awk -v key="$counter=" '{ for (i = 1; i <= NF; i++) if (index($i, key) == 1) { sum += substr($i, length(key) + 1) } }
             END { print sum + 0 }')
    echo "$counter in all: $total"
    echo "VmRSS kB: before $rss_before, peak $rss_peak ($samples samples every 0.5 s), after each round ${round_rss[*]:-}, after $rss_after"
    echo "descriptors: before $fds_before, peak $(peak 3), after $fds_after; exit after SIGINT: $exit_status"
}

# finish TITLE: prints the failures, or PASSED, and exits accordingly.
finish() {
    echo "took $((SECONDS - started)) s"
    if ((${#failures[@]} > 0)); then
        printf 'FAILED: %s\n' "${failures[@]}"
        exit 1
    fi
    echo "PASSED"
}
