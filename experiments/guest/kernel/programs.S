/*
 * programs.S - the built-in user programs, embedded as ELF files.
 * exec() finds them by name in the user_programs table. To add a program,
 * add a PROGRAM line here and its name to USER_PROGRAMS in the Makefile.
 * The assembler finds NAME.elf through the -I option the Makefile passes.
 */
.macro PROGRAM name
    .section .rodata.programs, "a"
    .align 16
prog_\name\()_start:
    .incbin "\name\().elf"
prog_\name\()_end:
    .section .rodata.program_names, "a"
prog_\name\()_name:
    .asciz "\name"
    .section .rodata.program_table, "a"
    .quad prog_\name\()_name, prog_\name\()_start, prog_\name\()_end
.endm

    .section .rodata.program_table, "a"
    .align 8
    .globl user_programs
user_programs:

PROGRAM syscall
PROGRAM pgfault
PROGRAM divzero
PROGRAM forkwait
PROGRAM hello
PROGRAM compute
PROGRAM ctxswitch
PROGRAM memstress
PROGRAM preempt

    .section .rodata.program_table, "a"
    .quad 0, 0, 0           /* end of table */

    .section .note.GNU-stack,"",@progbits
