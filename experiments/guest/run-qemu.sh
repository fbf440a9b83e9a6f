#!/usr/bin/env bash
# run-qemu.sh - boot the hvsim guest kernel under QEMU and print its console.
#
#   experiments/guest/run-qemu.sh WORKLOAD [key=value ...]
#
# Environment:
#   KERNEL=path        kernel image (default: the committed hvsim-kernel.elf)
#   QEMU_ACCEL=tcg|kvm accelerator (default tcg, the reference; kvm uses -cpu host)
#   QEMU_TIMEOUT=secs  wall-clock limit (default 120)
#   QEMU_MEM=size      guest RAM (default 128M)
#
# A fresh, deterministic disk image (4 MiB of zeros) is created for every
# run, so runs do not influence each other. The console output is printed
# with CR LF turned into LF. Exit status: 0 = the workload reported ok,
# 1 = a check failed, 2 = kernel panic, 3 = bad command line, 124 = timeout,
# anything else = QEMU's own status.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kernel=${KERNEL:-$here/../src/main/resources/guest/hvsim-kernel.elf}
if [ $# -lt 1 ]; then
    echo "usage: $0 WORKLOAD [key=value ...]" >&2
    exit 3
fi
workload=$1
shift
command -v qemu-system-x86_64 >/dev/null || { echo "qemu-system-x86_64 not found (apt-get install qemu-system-x86)" >&2; exit 127; }

accel=${QEMU_ACCEL:-tcg}
cpu=max                      # TCG: every feature QEMU emulates
[ "$accel" = kvm ] && cpu=host   # -cpu max can fail under (nested) KVM

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
disk=$tmp/disk.img
head -c $((4 * 1024 * 1024)) /dev/zero > "$disk"

timeout "${QEMU_TIMEOUT:-120}" qemu-system-x86_64 \
    -machine pc -accel "$accel" -cpu "$cpu" -m "${QEMU_MEM:-128M}" \
    -kernel "$kernel" -append "workload=$workload $*" \
    -display none -serial stdio -monitor none -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -drive file="$disk",format=raw,if=ide,index=0,media=disk \
    </dev/null | tr -d '\r'
status=${PIPESTATUS[0]}

# isa-debug-exit: the kernel writes code c, QEMU exits with (c << 1) | 1.
case $status in
    1) exit 0 ;;
    3) exit 1 ;;
    5) exit 2 ;;
    7) exit 3 ;;
    *) exit "$status" ;;
esac
