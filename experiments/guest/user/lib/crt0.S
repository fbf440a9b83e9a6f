/* crt0.S - user program entry. The kernel starts us with RDI = pointer to
 * the parameter array, RSI = its length, RSP 16-byte aligned. */
    .section .text.start, "ax"
    .globl _start
_start:
    xorl %ebp, %ebp
    call main                 /* int main(const unsigned long *params, int n) */
    movl %eax, %edi
    movl $0, %eax             /* SYS_EXIT */
    syscall
1:  jmp 1b

    .section .note.GNU-stack,"",@progbits
