/* bootinfo.h - the boot-info structure of the hvsim boot protocol v1
 * (docs/guest.md). hvsim builds it directly; under QEMU the 32-bit
 * Multiboot stub (boot/multiboot.S) builds it from the Multiboot info. */
#ifndef BOOTINFO_H
#define BOOTINFO_H
#include "../lib/types.h"

#define BOOTINFO_MAGIC 0x48564D42u   /* "HVMB" */

struct boot_info {
    u32 magic;
    u32 version;           /* 1 */
    u64 memory_bytes;      /* usable RAM from physical address 0 */
    u64 cmdline;           /* physical address of a NUL-terminated command line */
    u64 disk_present;      /* hint only: 1 = disk attached, 0 = none or unknown */
};
#endif
