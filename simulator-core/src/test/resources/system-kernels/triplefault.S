# Triple fault: an IDT with limit 0, then UD2. #UD delivery faults (#GP), #GP delivery faults
# again (#GP after #GP is a contributory pair: #DF), #DF delivery faults: shutdown.
        .set COM1, 0x3f8
        .text
        .code64
        .globl _start
_start:
        lea msg(%rip), %rsi
        mov $COM1, %dx
1:      lodsb
        test %al, %al
        jz 2f
        out %al, %dx
        jmp 1b
2:      lidt idt_ptr(%rip)
        ud2
        lea after(%rip), %rsi
        jmp 1b
        .data
msg:    .asciz "BEFORE\n"
after:  .asciz "AFTER\n"
        .balign 8
        .word 0, 0, 0
idt_ptr:
        .word 0
        .quad 0x200000
