#!/usr/bin/env bash
# check-reproducible.sh - rebuild the guest kernel from source in a temporary
# directory and compare it byte for byte with the committed image
# (experiments/src/main/resources/guest/hvsim-kernel.elf). CI runs this.
#
# Exit 0 = identical. Exit 1 = different (or the build failed): either the
# sources changed without re-committing the image (run `make -C
# experiments/guest` and commit the result), or the toolchain differs from
# the one recorded in TOOLCHAIN (the script prints both).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
committed=$here/../src/main/resources/guest/hvsim-kernel.elf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$committed" ]; then
    echo "check-reproducible: no committed image at $committed" >&2
    exit 1
fi
make -C "$here" -s -j1 BUILD="$tmp/build" OUT="$tmp/hvsim-kernel.elf" >/dev/null

if cmp -s "$tmp/hvsim-kernel.elf" "$committed"; then
    echo "check-reproducible: OK, rebuilt image is identical ($(sha256sum < "$committed" | cut -c1-16))"
    exit 0
fi

echo "check-reproducible: FAIL, rebuilt image differs from the committed one" >&2
echo "  committed: $(sha256sum < "$committed" | cut -d' ' -f1)  $(stat -c %s "$committed") bytes" >&2
echo "  rebuilt:   $(sha256sum < "$tmp/hvsim-kernel.elf" | cut -d' ' -f1)  $(stat -c %s "$tmp/hvsim-kernel.elf") bytes" >&2
echo "  toolchain recorded in TOOLCHAIN:" >&2
grep -v '^#' "$here/TOOLCHAIN" | sed 's/^/    /' >&2
echo "  toolchain here:" >&2
echo "    gcc: $(gcc --version | head -1)" >&2
echo "    ld: $(ld --version | head -1)" >&2
echo "  If the sources changed: make -C experiments/guest, then commit the image." >&2
exit 1
