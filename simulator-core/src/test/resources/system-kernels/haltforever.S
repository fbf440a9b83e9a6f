# HLT with RFLAGS.IF = 0 and no NMI source: nothing can resume the processor.
        .text
        .code64
        .globl _start
_start:
        lea msg(%rip), %rsi
        mov $0x3f8, %dx
1:      lodsb
        test %al, %al
        jz 2f
        out %al, %dx
        jmp 1b
2:      cli
        hlt
        mov $1, %al
        out %al, $0xf4
        .data
msg:    .asciz "HALTING\n"
