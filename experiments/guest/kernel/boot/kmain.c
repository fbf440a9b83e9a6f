/*
 * kmain.c - the kernel's C entry point: bring the machine up in order, run
 * the workload named on the command line, report, power off.
 */
#include "bootinfo.h"
#include "cmdline.h"
#include "../arch/cpu.h"
#include "../arch/trap.h"
#include "../arch/x86.h"
#include "../arch/priv.h"
#include "../dev/dev.h"
#include "../mm/mm.h"
#include "../proc/proc.h"
#include "../lib/lib.h"

#define KERNEL_VERSION "hvsim-kernel 1"

extern char __kernel_end[];
bool disk_present;
static const char *workload_name = "none";

const char *current_workload_name(void) { return workload_name; }

/* Print the START line: the workload and every resolved parameter. */
static void print_start(const struct boot_args *a) {
    const struct workload *w = a->workload;
    kprintf("START workload=%s", w->name);
    for (int i = 0; i < a->nparams; i++) {
        const struct param_def *d = &w->params[i];
        if (d->choices) kprintf(" %s=%s", d->name, d->choices[a->params[i]]);
        else            kprintf(" %s=%u", d->name, a->params[i]);
    }
    kprintf("\n");
}

void kmain(struct boot_info *bi) {
    uart_init();
    kprintf("%s booting\n", KERNEL_VERSION);
    if (bi->magic != BOOTINFO_MAGIC || bi->version != 1)
        panic("bad boot info (magic %x version %u)", (u64)bi->magic, (u64)bi->version);
    const char *cmdline = phys_to_virt(bi->cmdline);
    kprintf("memory %u MiB, command line \"%s\"\n", bi->memory_bytes >> 20, cmdline);

    /* Parse first: the command line lives in low memory we are about to own. */
    static struct boot_args args;
    if (cmdline_parse(cmdline, &args) < 0) {
        cmdline_usage();
        kprintf("DONE workload=none status=usage\n");
        power_off(EXIT_USAGE);
    }
    if (priv_select(args.priv) < 0) {
        kprintf("ERROR unknown priv=%s\nDONE workload=none status=usage\n", args.priv);
        power_off(EXIT_USAGE);
    }
    workload_name = args.workload->name;

    gdt_init();                 /* segments + TSS */
    idt_init();                 /* exception and IRQ handlers */
    cpu_init();                 /* NX, SYSCALL MSRs, GS base, global pages */
    pmm_init(bi->memory_bytes, (u64)__kernel_end);
    vm_init();                  /* the kernel's own page tables */
    pic_init();
    pit_init(TIMER_HZ);
    disk_present = ata_probe();
    pic_unmask(IRQ_TIMER);
    pic_unmask(IRQ_ATA);
    kprintf("priv=%s timer=%u Hz disk=%s free=%u KiB\n", priv->name, (u64)TIMER_HZ,
            disk_present ? "present" : "absent", pmm_free_pages() * 4);

    print_start(&args);
    const struct workload *w = args.workload;
    int status;
    if (w->run) {
        status = w->run(args.params);
    } else if (!proc_spawn(w->program, args.params, args.nparams)) {
        kprintf("ERROR cannot start program %s\n", w->program);
        status = -1;
    } else {
        scheduler();            /* returns when every process has exited */
        status = first_exit_status;
    }

    kprintf("DONE workload=%s status=%s\n", w->name, status == 0 ? "ok" : "fail");
    if (status != 0) kprintf("exit status %d\n", (long)status);
    power_off(status == 0 ? EXIT_OK : EXIT_FAIL);
}
