/*
 * multiboot.S - how the kernel starts.
 *
 * Two ways in, one destination (kernel_entry64 with the boot protocol's
 * initial state, see docs/guest.md):
 *
 *  - hvsim loads the ELF and starts the CPU at the ELF entry point,
 *    kernel_entry64, already in 64-bit mode.
 *  - QEMU (`-kernel`) speaks Multiboot v1: it finds the header below, loads
 *    the image at its physical address and jumps to start32 in 32-bit
 *    protected mode, paging off, EBX = Multiboot info. start32 then builds
 *    exactly the state hvsim would have built (same page tables at
 *    0x1000-0x6FFF, GDT at 0x7000, boot info at 0x8000, command line at
 *    0x9000, RSP = 0x80000), enters long mode and joins kernel_entry64.
 */
#define MB_MAGIC   0x1BADB002
#define MB_FLAGS   0x00010002      /* bit 1: memory info; bit 16: load addresses below ("a.out kludge") */
#define HVMB       0x48564D42
#define BOOTINFO   0x8000
#define CMDLINE    0x9000
#define CMDLINE_MAX 1023
#define SCRATCH    0x60000        /* below the boot stack, above our boot data */

    .section .multiboot, "a"
    .align 4
mb_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)
    .long mb_header               /* header_addr */
    .long __load_start            /* load_addr: start of the image */
    .long __load_end              /* load_end_addr: end of the initialized data */
    .long __bss_end               /* bss_end_addr: QEMU zeroes up to here */
    .long start32                 /* entry_addr */

    .section .text.boot, "ax"
    .code32
    .globl start32
start32:
    cli
    movl $0x80000, %esp
    movl %ebx, %ebp               /* Multiboot info */

    /* QEMU puts the Multiboot info and the command line in low memory
     * (around 0x9500), right where we build the boot state. So first save
     * what we need: mem_upper in %ebx (0 = unknown) and the command line in
     * a scratch buffer at SCRATCH. */
    xorl %ebx, %ebx
    testl $1, (%ebp)              /* mbi.flags bit 0: mem_lower/mem_upper valid */
    jz 1f
    movl 8(%ebp), %ebx            /* mem_upper: KiB above 1 MiB */
1:  movb $0, SCRATCH
    testl $4, (%ebp)              /* bit 2: command line present */
    jz 5f
    /* QEMU passes "<kernel file> <-append text>"; hvsim passes only
     * key=value words. Drop the first word. */
    movl 16(%ebp), %esi
3:  movb (%esi), %al
    testb %al, %al
    jz 5f
    cmpb $' ', %al
    je 4f
    incl %esi
    jmp 3b
4:  incl %esi                     /* skip the space */
    movl $SCRATCH, %edi
    movl $CMDLINE_MAX, %ecx
6:  movb (%esi), %al
    movb %al, (%edi)
    testb %al, %al
    jz 5f
    incl %esi
    incl %edi
    loop 6b
    movb $0, (%edi)
5:
    /* Clear 0x1000..0x9FFF: page tables, GDT, boot info, command line. */
    movl $0x1000, %edi
    movl $(0x9000 / 4), %ecx
    xorl %eax, %eax
    rep stosl

    /* Identity map 0..4 GiB with 2 MiB pages: PML4 0x1000 -> PDPT 0x2000
     * -> four page directories 0x3000..0x6FFF. */
    movl $0x2003, 0x1000          /* present | writable */
    movl $0x3003, 0x2000
    movl $0x4003, 0x2008
    movl $0x5003, 0x2010
    movl $0x6003, 0x2018
    movl $0x3000, %edi
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    shll $21, %eax
    orl $0x83, %eax               /* present | writable | 2 MiB page */
    movl %eax, (%edi)
    movl %ecx, %eax
    shrl $11, %eax                /* bits 32+ of the physical address */
    movl %eax, 4(%edi)
    addl $8, %edi
    incl %ecx
    cmpl $2048, %ecx
    jne 1b

    /* GDT at 0x7000: null, 0x08 64-bit code, 0x10 data; GDTR at 0x7020. */
    movl $0x0000FFFF, 0x7008
    movl $0x00AF9A00, 0x700C
    movl $0x0000FFFF, 0x7010
    movl $0x00CF9200, 0x7014
    movw $23, 0x7020
    movl $0x7000, 0x7022
    lgdt 0x7020

    /* Boot info. */
    movl $HVMB, BOOTINFO
    movl $1, BOOTINFO + 4
    movl $(128 << 20), BOOTINFO + 8      /* default if the loader gave no memory info */
    testl %ebx, %ebx
    jz 2f
    leal 1024(%ebx), %eax                /* KiB of RAM from address 0 */
    movl %eax, %edx
    shll $10, %eax
    shrl $22, %edx
    movl %eax, BOOTINFO + 8
    movl %edx, BOOTINFO + 12
2:  movl $CMDLINE, BOOTINFO + 16
    /* disk_present stays 0 ("unknown"): the kernel probes anyway. */
    movl $SCRATCH, %esi                  /* the saved command line */
    movl $CMDLINE, %edi
    movl $(CMDLINE_MAX + 1), %ecx
    rep movsb

    /* Long mode: PAE, CR3, EFER.LME, then paging (with PE, MP, ET, NE, WP). */
    movl $0x20, %eax
    movl %eax, %cr4
    movl $0x1000, %eax
    movl %eax, %cr3
    movl $0xC0000080, %ecx
    rdmsr
    orl $0x100, %eax
    wrmsr
    movl $0x80010033, %eax
    movl %eax, %cr0
    ljmp $0x08, $from32

    .code64
from32:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    xorl %eax, %eax
    movw %ax, %fs
    movw %ax, %gs
    movq $0x80000, %rsp
    pushq $2
    popfq                                /* RFLAGS = 0x2 */
    movl $BOOTINFO, %edi
    movl $HVMB, %esi
    xorl %eax, %eax
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    xorl %ebp, %ebp
    jmp kernel_entry64

/* The hvsim entry point (ELF e_entry). RDI = boot info, RSI = "HVMB". */
    .text
    .globl kernel_entry64
kernel_entry64:
    movq $boot_stack_top, %rsp           /* our own stack, in .bss */
    xorl %ebp, %ebp
    call kmain                           /* kmain(struct boot_info *) never returns */
7:  cli
    hlt
    jmp 7b

    .section .bss
    .align 16
boot_stack:
    .skip 16384
boot_stack_top:

    .section .note.GNU-stack,"",@progbits
