/*
 * cpu.c - model-specific registers and control bits the kernel turns on.
 */
#include "cpu.h"
#include "x86.h"
#include "priv.h"

struct percpu percpu;

void cpu_init(void) {
    /* NXE: honour the no-execute bit. SCE: allow SYSCALL/SYSRET. */
    priv_wrmsr(MSR_EFER, priv_rdmsr(MSR_EFER) | EFER_NXE | EFER_SCE);

    /* STAR[47:32] = kernel CS (SYSCALL loads CS = 0x08, SS = 0x10);
     * STAR[63:48] = 0x10: SYSRET loads SS = 0x10+8 = 0x18|3, CS = 0x10+16 = 0x20|3. */
    priv_wrmsr(MSR_STAR, ((u64)0x10 << 48) | ((u64)SEL_KCODE << 32));
    priv_wrmsr(MSR_LSTAR, (u64)syscall_entry);     /* where SYSCALL jumps */
    /* FMASK: RFLAGS bits cleared on SYSCALL. IF (no interrupts until the
     * kernel is on its own stack), TF, DF (the C ABI wants DF=0), IOPL, NT, AC. */
    priv_wrmsr(MSR_FMASK, 0x47700);

    /* In the kernel GS points at percpu; the user's GS base (0) waits in
     * KERNEL_GS_BASE. SWAPGS exchanges the two at every user/kernel crossing. */
    priv_wrmsr(MSR_GS_BASE, (u64)&percpu);
    priv_wrmsr(MSR_KERNEL_GS_BASE, 0);

    /* PGE: kernel mappings are global, so a CR3 switch keeps them in the TLB. */
    priv_write_cr4(priv_read_cr4() | CR4_PGE);
}
