/*
 * Native side of hvsim's host-CPU differential tests (see docs/testing.md).
 *
 * Compiled with the system gcc at test time and run once per batch:
 *     harness --info                  prints the host CPU features the generator may use
 *     harness IN_FILE OUT_FILE        runs every case of IN_FILE on the host CPU
 *
 * Each case gives the 16 GPRs, RFLAGS, the bytes of the scratch area and the code bytes. The code
 * is copied to the end of the first page of a fixed RWX region (CODE_BASE), so that it ends
 * exactly at CODE_BASE + 0x1000, where a trampoline jumps back into the harness. The scratch area
 * lives at the fixed address SCRATCH_BASE, so addresses that leak into registers (LEA, string
 * instructions, CALL, PUSH) are the same here and in hvsim. RSP is part of the case state and
 * points into the scratch area; signals are delivered on an alternate stack.
 *
 * SIGFPE (#DE), SIGSEGV, SIGBUS, SIGILL and SIGTRAP are caught; the register state at the faulting
 * instruction (from the signal context) is reported with the signal number.
 *
 * File formats (all little-endian):
 *   in : "HVDIFF01" u32 count u32 scratchSize, then per case
 *        u32 codeLen, u64 gpr[16], u64 rflags, u8 scratch[scratchSize], u8 code[codeLen]
 *   out: "HVDIFFR1" u32 count u32 scratchSize, then per case
 *        u32 signal (0 = ran to the end), u32 strayWrite (1 = the page outside the compared area
 *        changed), u64 faultRip, u64 gpr[16], u64 rflags, u8 scratch[scratchSize]
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define CODE_BASE 0x10000000UL
#define SCRATCH_BASE 0x20000000UL
#define PAGE 4096UL
#define MAX_CODE 4000U

/* Shared with the assembly stub below; referenced RIP-relative from there. */
uint64_t hv_in_gpr[16];
uint64_t hv_in_rflags;
uint64_t hv_out_gpr[16];
uint64_t hv_out_rflags;
uint64_t hv_host_rsp;
uint64_t hv_code_entry;

void hv_run_case(void);
void hv_case_exit(void);

/*
 * hv_run_case: saves the callee-saved registers and the host RSP, loads RFLAGS with popfq (the
 * later MOVs leave the flags alone), loads all 16 GPRs and jumps to the case.
 * hv_case_exit: reached through the trampoline after the case; stores all GPRs and RFLAGS, then
 * returns to hv_run_case's caller on the host stack with DF clear.
 */
__asm__(
    ".text\n"
    ".globl hv_run_case\n"
    ".type hv_run_case, @function\n"
    "hv_run_case:\n"
    "  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
    "  mov %rsp, hv_host_rsp(%rip)\n"
    "  pushq hv_in_rflags(%rip)\n"
    "  popfq\n"
    "  mov hv_in_gpr+8(%rip), %rcx\n"
    "  mov hv_in_gpr+16(%rip), %rdx\n"
    "  mov hv_in_gpr+24(%rip), %rbx\n"
    "  mov hv_in_gpr+40(%rip), %rbp\n"
    "  mov hv_in_gpr+48(%rip), %rsi\n"
    "  mov hv_in_gpr+56(%rip), %rdi\n"
    "  mov hv_in_gpr+64(%rip), %r8\n"
    "  mov hv_in_gpr+72(%rip), %r9\n"
    "  mov hv_in_gpr+80(%rip), %r10\n"
    "  mov hv_in_gpr+88(%rip), %r11\n"
    "  mov hv_in_gpr+96(%rip), %r12\n"
    "  mov hv_in_gpr+104(%rip), %r13\n"
    "  mov hv_in_gpr+112(%rip), %r14\n"
    "  mov hv_in_gpr+120(%rip), %r15\n"
    "  mov hv_in_gpr+32(%rip), %rsp\n"
    "  mov hv_in_gpr+0(%rip), %rax\n"
    "  jmp *hv_code_entry(%rip)\n"
    ".globl hv_case_exit\n"
    ".type hv_case_exit, @function\n"
    "hv_case_exit:\n"
    "  mov %rax, hv_out_gpr+0(%rip)\n"
    "  mov %rcx, hv_out_gpr+8(%rip)\n"
    "  mov %rdx, hv_out_gpr+16(%rip)\n"
    "  mov %rbx, hv_out_gpr+24(%rip)\n"
    "  mov %rsp, hv_out_gpr+32(%rip)\n"
    "  mov %rbp, hv_out_gpr+40(%rip)\n"
    "  mov %rsi, hv_out_gpr+48(%rip)\n"
    "  mov %rdi, hv_out_gpr+56(%rip)\n"
    "  mov %r8, hv_out_gpr+64(%rip)\n"
    "  mov %r9, hv_out_gpr+72(%rip)\n"
    "  mov %r10, hv_out_gpr+80(%rip)\n"
    "  mov %r11, hv_out_gpr+88(%rip)\n"
    "  mov %r12, hv_out_gpr+96(%rip)\n"
    "  mov %r13, hv_out_gpr+104(%rip)\n"
    "  mov %r14, hv_out_gpr+112(%rip)\n"
    "  mov %r15, hv_out_gpr+120(%rip)\n"
    "  mov hv_host_rsp(%rip), %rsp\n"
    "  pushfq\n"
    "  popq hv_out_rflags(%rip)\n"
    "  cld\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbp\n  pop %rbx\n"
    "  ret\n");

static sigjmp_buf fault_jmp;
static volatile int fault_signal;
static volatile uint64_t fault_rip;

static void on_fault(int sig, siginfo_t *info, void *ctx_ptr) {
    (void) info;
    ucontext_t *uc = (ucontext_t *) ctx_ptr;
    greg_t *g = uc->uc_mcontext.gregs;
    static const int order[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                  REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (int i = 0; i < 16; i++) {
        hv_out_gpr[i] = (uint64_t) g[order[i]];
    }
    hv_out_rflags = (uint64_t) g[REG_EFL];
    fault_rip = (uint64_t) g[REG_RIP];
    fault_signal = sig;
    siglongjmp(fault_jmp, 1);
}

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void read_exact(FILE *f, void *buf, size_t n) {
    if (fread(buf, 1, n, f) != n) {
        fprintf(stderr, "harness: truncated input\n");
        exit(2);
    }
}

static void write_exact(FILE *f, const void *buf, size_t n) {
    if (fwrite(buf, 1, n, f) != n) {
        die("harness: write");
    }
}

static int print_info(void) {
    unsigned a, b, c, d;
    int popcnt = 0, lzcnt = 0, bmi1 = 0, lahf = 0, cx16 = 0;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        popcnt = (c >> 23) & 1;
        cx16 = (c >> 13) & 1;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        lzcnt = (c >> 5) & 1;
        lahf = c & 1;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        bmi1 = (b >> 3) & 1;
    }
    printf("popcnt=%d\nlzcnt=%d\nbmi1=%d\nlahf=%d\ncx16=%d\n", popcnt, lzcnt, bmi1, lahf, cx16);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--info") == 0) {
        return print_info();
    }
    if (argc != 3) {
        fprintf(stderr, "usage: harness --info | harness IN OUT\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) die(argv[1]);
    FILE *out = fopen(argv[2], "wb");
    if (!out) die(argv[2]);

    char magic[8];
    uint32_t count, scratch_size;
    read_exact(in, magic, 8);
    if (memcmp(magic, "HVDIFF01", 8) != 0) {
        fprintf(stderr, "harness: bad magic\n");
        return 2;
    }
    read_exact(in, &count, 4);
    read_exact(in, &scratch_size, 4);
    if (scratch_size == 0 || scratch_size > PAGE) {
        fprintf(stderr, "harness: bad scratch size %u\n", scratch_size);
        return 2;
    }

    uint8_t *code = mmap((void *) CODE_BASE, 2 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (code != (uint8_t *) CODE_BASE) die("harness: mmap code");
    uint8_t *scratch = mmap((void *) SCRATCH_BASE, PAGE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (scratch != (uint8_t *) SCRATCH_BASE) die("harness: mmap scratch");

    /* Trampoline at CODE_BASE + PAGE: jmp *0(%rip); .quad hv_case_exit (no register or flag changes). */
    uint8_t *tramp = code + PAGE;
    tramp[0] = 0xff;
    tramp[1] = 0x25;
    memset(tramp + 2, 0, 4);
    uint64_t exit_addr = (uint64_t) (uintptr_t) &hv_case_exit;
    memcpy(tramp + 6, &exit_addr, 8);

    static uint8_t altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) die("harness: sigaltstack");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGFPE, SIGSEGV, SIGBUS, SIGILL, SIGTRAP};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (sigaction(sigs[i], &sa, NULL) != 0) die("harness: sigaction");
    }

    write_exact(out, "HVDIFFR1", 8);
    write_exact(out, &count, 4);
    write_exact(out, &scratch_size, 4);

    uint8_t codebuf[MAX_CODE];
    for (uint32_t n = 0; n < count; n++) {
        uint32_t len;
        read_exact(in, &len, 4);
        if (len == 0 || len > MAX_CODE) {
            fprintf(stderr, "harness: case %u: bad code length %u\n", n, len);
            return 2;
        }
        read_exact(in, hv_in_gpr, sizeof hv_in_gpr);
        read_exact(in, &hv_in_rflags, 8);
        memset(scratch, 0, PAGE);
        read_exact(in, scratch, scratch_size);
        read_exact(in, codebuf, len);
        memcpy(code + PAGE - len, codebuf, len);
        hv_code_entry = CODE_BASE + PAGE - len;

        fault_signal = 0;
        fault_rip = 0;
        if (sigsetjmp(fault_jmp, 1) == 0) {
            hv_run_case();
        }
        uint32_t sig = (uint32_t) fault_signal;
        uint32_t stray = 0;
        for (uint64_t k = scratch_size; k < PAGE; k++) {
            if (scratch[k] != 0) {
                stray = 1;
                break;
            }
        }
        uint64_t rip = fault_rip;
        write_exact(out, &sig, 4);
        write_exact(out, &stray, 4);
        write_exact(out, &rip, 8);
        write_exact(out, hv_out_gpr, sizeof hv_out_gpr);
        write_exact(out, &hv_out_rflags, 8);
        write_exact(out, scratch, scratch_size);
    }
    if (fclose(out) != 0) die("harness: close");
    fclose(in);
    return 0;
}
