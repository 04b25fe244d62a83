#!/usr/bin/env bash
# Compile-time benchmark of apicode against serde alone, hand-written code and the peer stack
# (thiserror + num_enum + strum + serde).
#
#   bench/compile-times.sh [--quick] [--part 1|2|3]...
#
#   1. clean dev build (`cargo build`, fresh target dir) of a tiny client crate: apicode +
#      serde_json, serde + serde_derive + serde_json, the peer stack + serde_json;
#   2. rebuild of only a crate holding a 2,001-code table after `touch src/lib.rs`, in
#      `cargo check`, dev and release: hand-written, apicode, peer, and the sketch of another
#      expansion (BENCHMARKS.md);
#   3. the derive's expansion time at 1,000 / 5,000 / 10,000 codes, measured two ways (see
#      BENCHMARKS.md): inside rustc, as `cargo check` of the derive minus `cargo check` of
#      the same crate with the expansion pasted in as source; and the macro's own code run
#      in-process (fixtures/expand-driver), built as cargo builds proc macros (opt-level 0)
#      and optimised.
#
# Every timing is wall time, the median of REPEAT runs (default 3; 1 with --quick), the
# fixtures of one comparison built in turn within each round so that a burst of load on the
# machine hits them alike. Dependencies are fetched once, then every build runs --offline.
# Fixtures are copied from bench/fixtures/ into SCRATCH (default: a new temporary directory),
# the table sources written there by the `gen` binary; nothing is written inside the checkout.
#
# Environment: REPEAT, SIZES (default "1000 5000 10000"), SCRATCH.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
FIXTURES=$BENCH/fixtures
REPEAT=${REPEAT:-3}
SIZES=${SIZES:-"1000 5000 10000"}
TABLE=2001
PARTS=()
while (($#)); do
    case $1 in
        --quick) REPEAT=1 ;;
        --part) PARTS+=("$2"); shift ;;
        *) echo "usage: $0 [--quick] [--part 1|2|3]..." >&2; exit 2 ;;
    esac
    shift
done
((${#PARTS[@]})) || PARTS=(1 2 3)
SCRATCH=${SCRATCH:-$(mktemp -d "${TMPDIR:-/tmp}/apicode-compile-times.XXXXXX")}
mkdir -p "$SCRATCH"
LOG=$SCRATCH/last.log
# Builds below choose their own target directories.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR

want() { [[ " ${PARTS[*]} " == *" $1 "* ]]; }

# Milliseconds since the epoch.
now() { date +%s%3N; }

# Runs a command quietly, prints its wall time in ms; shows the log and stops if it fails.
timed() {
    local start end
    start=$(now)
    if ! "$@" >"$LOG" 2>&1; then
        cat "$LOG" >&2
        echo "failed: $*" >&2
        exit 1
    fi
    end=$(now)
    echo $((end - start))
}

quiet() {
    if ! "$@" >"$LOG" 2>&1; then
        cat "$LOG" >&2
        echo "failed: $*" >&2
        exit 1
    fi
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v a="$1" -v b="$2" -v max="$3" 'BEGIN { print (a <= b * max) ? "met" : "**missed**" }'; }

# Copies a fixture into SCRATCH under a new name, pointing its apicode dependency at this
# checkout.
fixture() {
    local from=$1 to=$SCRATCH/$2
    rm -rf "$to"
    mkdir -p "$to"
    cp -R "$FIXTURES/$from/." "$to/"
    sed -i -e "s|path = \"../../../runtime\"|path = \"$ROOT/runtime\"|" \
        -e "s|^name = \"$from\"|name = \"$2\"|" "$to/Cargo.toml"
    mkdir -p "$to/src"
}

# The code generator, compiled straight with rustc: it needs std only.
GEN=$SCRATCH/gen
if [[ ! -x $GEN || $BENCH/src/codegen.rs -nt $GEN || $BENCH/src/bin/gen.rs -nt $GEN ]]; then
    quiet rustc --edition 2024 -O "$BENCH/src/bin/gen.rs" -o "$GEN"
fi

echo "# Compile times"
echo
echo "$(rustc -V), $(nproc) cores, $(date -u +%Y-%m-%d); wall time, median of $REPEAT; scratch: $SCRATCH"

if want 1; then
    echo
    echo "## 1. Clean dev build of a tiny client crate"
    echo
    crates=(tiny-serde tiny-apicode tiny-peer)
    declare -A clean packages
    for crate in "${crates[@]}"; do
        fixture "$crate" "$crate"
        quiet cargo fetch --manifest-path "$SCRATCH/$crate/Cargo.toml"
        clean[$crate]=""
    done
    for ((round = 1; round <= REPEAT; round++)); do
        for crate in "${crates[@]}"; do
            rm -rf "$SCRATCH/target-$crate"
            ms=$(CARGO_TARGET_DIR=$SCRATCH/target-$crate timed \
                cargo build --offline --manifest-path "$SCRATCH/$crate/Cargo.toml")
            clean[$crate]+=" $ms"
            packages[$crate]=$(grep -c '^ *Compiling ' "$LOG" || true)
        done
    done
    base=$(median ${clean[tiny-serde]})
    echo "| crate | dependencies | packages compiled | clean \`cargo build\` | / serde alone | target <= 1.15x |"
    echo "| --- | --- | ---: | ---: | ---: | --- |"
    for crate in "${crates[@]}"; do
        case $crate in
            tiny-serde) deps="serde + serde_derive + serde_json"; target="" ;;
            tiny-apicode) deps="apicode + serde_json" ;;
            tiny-peer) deps="thiserror + num_enum + strum + serde + serde_derive + serde_json" ;;
        esac
        m=$(median ${clean[$crate]})
        target=""
        [[ $crate == tiny-apicode ]] && target=$(verdict "$m" "$base" 1.15)
        echo "| $crate | $deps | ${packages[$crate]} | $(seconds "$m") | $(ratio "$m" "$base") | $target |"
    done
fi

if want 2; then
    echo
    echo "## 2. Rebuild of only the crate holding a $TABLE-code table (touch src/lib.rs)"
    echo
    styles=(hand apicode peer sketch)
    for style in "${styles[@]}"; do
        fixture "table-$style" "table-$style"
        "$GEN" "$style" "$TABLE" Codes >"$SCRATCH/table-$style/src/lib.rs"
        quiet cargo fetch --manifest-path "$SCRATCH/table-$style/Cargo.toml"
    done
    echo "| profile | hand | apicode | peer | apicode / hand | target <= 1.3x | sketch | no-op cargo run |"
    echo "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
    for profile in check dev release; do
        case $profile in
            check) command=(cargo check --offline) ;;
            dev) command=(cargo build --offline) ;;
            release) command=(cargo build --offline --release) ;;
        esac
        declare -A rebuild=()
        for style in "${styles[@]}"; do
            CARGO_TARGET_DIR=$SCRATCH/target-tables quiet \
                "${command[@]}" --manifest-path "$SCRATCH/table-$style/Cargo.toml"
            rebuild[$style]=""
        done
        for ((round = 1; round <= REPEAT; round++)); do
            for style in "${styles[@]}"; do
                touch "$SCRATCH/table-$style/src/lib.rs"
                ms=$(CARGO_TARGET_DIR=$SCRATCH/target-tables timed \
                    "${command[@]}" --manifest-path "$SCRATCH/table-$style/Cargo.toml")
                rebuild[$style]+=" $ms"
            done
        done
        # What cargo itself takes when nothing is rebuilt: part of every figure on the left.
        noop=$(CARGO_TARGET_DIR=$SCRATCH/target-tables timed \
            "${command[@]}" --manifest-path "$SCRATCH/table-hand/Cargo.toml")
        hand=$(median ${rebuild[hand]})
        apicode=$(median ${rebuild[apicode]})
        peer=$(median ${rebuild[peer]})
        sketch=$(median ${rebuild[sketch]})
        echo "| $profile | $(seconds "$hand") | $(seconds "$apicode") | $(seconds "$peer") | $(ratio "$apicode" "$hand") | $(verdict "$apicode" "$hand" 1.3) | $(seconds "$sketch") | $(seconds "$noop") |"
    done
fi

if want 3; then
    echo
    echo "## 3. Expansion time of the derive"
    echo
    # The macro crate's modules, compiled into a plain binary.
    driver=$SCRATCH/expand-driver
    rm -rf "$driver"
    cp -R "$FIXTURES/expand-driver" "$driver"
    modules=$(sed -n 's/^mod \([a-z_0-9]*\);$/\1/p' "$ROOT/macros/src/lib.rs")
    lines=""
    for module in $modules; do
        lines+="#[path = \"$ROOT/macros/src/$module.rs\"]\nmod $module;\n"
    done
    sed -i "s|// @MODULES@|$lines|" "$driver/src/main.rs"
    sed -n '/^\[dependencies\]/,/^\[/p' "$ROOT/macros/Cargo.toml" | sed '$ { /^\[/d }' >>"$driver/Cargo.toml"
    quiet cargo fetch --manifest-path "$driver/Cargo.toml"
    CARGO_TARGET_DIR=$SCRATCH/target-driver quiet \
        cargo build --offline --manifest-path "$driver/Cargo.toml"
    CARGO_TARGET_DIR=$SCRATCH/target-driver quiet \
        cargo build --offline --release --manifest-path "$driver/Cargo.toml"
    DRIVER=$SCRATCH/target-driver/debug/expand-driver
    OPTIMIZED=$SCRATCH/target-driver/release/expand-driver

    echo "| codes | tokens out | macro in-process, opt-level 0 | opt-level 3 | \`cargo check\`: derive | expansion pasted | derive - pasted (expansion in rustc) | per 1,000 codes | hand-written | derive - hand |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for size in $SIZES; do
        fixture table-apicode "expand-$size-derive"
        fixture table-apicode "expand-$size-pasted"
        fixture table-hand "expand-$size-hand"
        input=$SCRATCH/expand-$size-derive/src/lib.rs
        "$GEN" apicode "$size" Codes >"$input"
        "$GEN" hand "$size" Codes >"$SCRATCH/expand-$size-hand/src/lib.rs"
        {
            "$GEN" bare "$size" Codes
            "$OPTIMIZED" "$input" --print
        } >"$SCRATCH/expand-$size-pasted/src/lib.rs"
        tokens=$("$OPTIMIZED" "$input" --tokens | awk '$2 == "output" { print $1 }')
        alone=$("$DRIVER" "$input")
        optimized=$("$OPTIMIZED" "$input")
        kinds=(derive pasted hand)
        declare -A check=()
        for kind in "${kinds[@]}"; do
            # Incremental compilation would reuse the type checking of an unchanged file and
            # hide most of what the expansion costs downstream; every run checks in full.
            CARGO_INCREMENTAL=0 CARGO_TARGET_DIR=$SCRATCH/target-tables quiet \
                cargo check --offline --manifest-path "$SCRATCH/expand-$size-$kind/Cargo.toml"
            check[$kind]=""
        done
        for ((round = 1; round <= REPEAT; round++)); do
            for kind in "${kinds[@]}"; do
                touch "$SCRATCH/expand-$size-$kind/src/lib.rs"
                ms=$(CARGO_INCREMENTAL=0 CARGO_TARGET_DIR=$SCRATCH/target-tables timed \
                    cargo check --offline --manifest-path "$SCRATCH/expand-$size-$kind/Cargo.toml")
                check[$kind]+=" $ms"
            done
        done
        derive=$(median ${check[derive]})
        pasted=$(median ${check[pasted]})
        hand=$(median ${check[hand]})
        expansion=$((derive - pasted))
        per=$(awk -v ms="$expansion" -v n="$size" 'BEGIN { printf "%.0f ms", ms * 1000 / n }')
        echo "| $size | $tokens | $alone ms | $optimized ms | $(seconds "$derive") | $(seconds "$pasted") | $(seconds "$expansion") | $per | $(seconds "$hand") | $(seconds $((derive - hand))) |"
    done
fi
