#!/bin/sh
# Compiles every program of the corpus natively at one -O level (default -O2) into OUT
# (default experiments/target/programs-native) with the flags of the JUnit test ProgramDifferentialTest (plus warnings), and runs
# them with the test's arguments.
# Usage: build.sh [-O0|-O1|-O2|-O3|-Os] [OUT]
set -e
here=$(cd "$(dirname "$0")" && pwd)
opt=${1:--O2}
out=${2:-$here/../../../../target/programs-native}
mkdir -p "$out"
for src in "$here"/*.c; do
    name=$(basename "$src" .c)
    gcc $opt -static -nostdlib -ffreestanding -fno-stack-protector -fno-pie -no-pie \
        -mgeneral-regs-only -fno-asynchronous-unwind-tables -g0 -Wall -Wextra \
        -I"$here/rt" -o "$out/$name$opt" "$here/rt/rt.c" "$src" -lgcc
    set +e
    "$out/$name$opt" alpha "beta gamma" "" --flag=7 > "$out/$name$opt.out"
    echo "$name$opt: exit $?, $(wc -l < "$out/$name$opt.out") lines, $(tail -1 "$out/$name$opt.out")"
    set -e
done
