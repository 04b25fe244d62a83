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

# finish TITLE: prints the failures, or PASSED, and exits accordingly.
finish() {
    echo "took $((SECONDS - started)) s"
    if ((${#failures[@]} > 0)); then
        printf 'FAILED: %s\n' "${failures[@]}"
        exit 1
    fi
    echo "PASSED"
}
