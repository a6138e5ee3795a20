#!/bin/bash
# Instructions and simulated level-2 cache misses of one warm pass of the
# text engine over a JSON Lines file, under valgrind's cachegrind: two
# passes minus one, so that loading the model and the file cancel out. The
# machine's noise moves the MB/s of `kelisim text bench` by 10-25 % from
# hour to hour; these counts do not move at all, so a change to the engine
# can be weighed by them (the MB/s still decide the bar).
#
# Run: tools/instructions.sh FILE.jsonl   (needs valgrind: apt-get install -y valgrind)
set -euo pipefail
file=${1:?usage: tools/instructions.sh FILE.jsonl}
cd "$(dirname "$0")/.."
cargo build --release -q -p kelisim-text --example throughput
bin=target/release/examples/throughput
count() {
    # The level-2 cache is simulated as the last level (512 KiB, 8-way: this machine's).
    valgrind --tool=cachegrind --cache-sim=yes --LL=524288,8,64 --cachegrind-out-file=/dev/null "$bin" "$file" "passes=$1" 2>&1 |
        grep -E "I\s+refs|LLd misses" | sed 's/.*: *//; s/ .*//; s/,//g' | tr '\n' ' '
}
"$bin" "$file" passes=1 >/dev/null # fails loudly if the engine does
read -r i1 m1 <<<"$(count 1)"
read -r i2 m2 <<<"$(count 2)"
echo "{\"file\":\"$file\",\"warm_pass_instructions\":$((i2 - i1)),\"warm_pass_l2_misses\":$((m2 - m1))}"
