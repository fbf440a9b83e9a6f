package org.hvsim.core.system;

import static org.hvsim.core.system.ControlBits.*;

import java.nio.charset.StandardCharsets;
import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.user.ElfFormatException;
import org.hvsim.core.user.ElfImage;
import org.hvsim.core.user.ElfSegment;
import org.hvsim.mmu.PhysicalMemory;

/**
 * Loads a kernel ELF and puts the processor in the documented 64-bit initial state of the hvsim
 * boot protocol (docs/guest.md, "Boot protocol"): PT_LOAD segments at their physical addresses;
 * identity-mapped page tables for the first 4 GiB at 0x1000-0x6FFF (2 MiB pages); a GDT at 0x7000
 * with a 64-bit code segment (0x08) and a data segment (0x10); the boot-info structure at 0x8000
 * with the command line at 0x9000; CPL 0, paging and long mode on, interrupts off, RSP = 0x80000,
 * RDI = boot info, RSI = "HVMB".
 */
public final class BootLoader {
    public static final long PML4 = 0x1000;
    public static final long PDPT = 0x2000;
    public static final long PAGE_DIRECTORIES = 0x3000;
    public static final long GDT = 0x7000;
    public static final long BOOT_INFO = 0x8000;
    public static final long COMMAND_LINE = 0x9000;
    public static final int COMMAND_LINE_MAX = 4096;
    public static final long STACK_TOP = 0x8_0000;
    public static final int MAGIC = 0x4856_4D42; // "HVMB"
    public static final int PROTOCOL_VERSION = 1;
    public static final int KERNEL_CS = 0x08;
    public static final int KERNEL_DS = 0x10;
    /** Where the boot structures end: a kernel segment must not overlap them. */
    public static final long RESERVED_END = COMMAND_LINE + COMMAND_LINE_MAX;

    private static final long PRESENT = 1;
    private static final long WRITABLE = 1 << 1;
    private static final long PAGE_SIZE_BIT = 1 << 7;

    private BootLoader() {
    }

    /**
     * Loads {@code kernel} into {@code machine} and prepares the processor at its entry point.
     *
     * @param memoryBytes  RAM size reported to the kernel
     * @param commandLine  e.g. {@code "workload=syscall iters=1000"}
     * @param diskPresent  whether an ATA disk is attached (a hint; the kernel probes anyway)
     */
    public static void boot(SystemMachine machine, ElfImage kernel, long memoryBytes, String commandLine,
                            boolean diskPresent) throws ElfFormatException {
        PhysicalMemory phys = machine.physical();
        loadSegments(phys, kernel);
        buildPageTables(phys);
        buildGdt(phys);
        writeBootInfo(phys, memoryBytes, commandLine, diskPresent);
        initialState(machine, kernel.entry());
    }

    private static void loadSegments(PhysicalMemory phys, ElfImage kernel) throws ElfFormatException {
        for (ElfSegment s : kernel.loadSegments()) {
            long start = s.paddr();
            if (start < RESERVED_END && start + s.memsz() > PML4) {
                throw new ElfFormatException(String.format(
                        "kernel segment at physical 0x%x overlaps the boot structures (0x1000-0x%x)", start, RESERVED_END));
            }
            if (s.filesz() > Integer.MAX_VALUE) {
                throw new ElfFormatException("kernel segment too large: " + s.filesz() + " bytes");
            }
            byte[] bytes = kernel.fileBytes(s.offset(), (int) s.filesz());
            phys.writeBytes(start, bytes, 0, bytes.length);
            for (long a = start + s.filesz(); a < start + s.memsz(); a++) {
                phys.write8(a, 0); // .bss (frames start zeroed; explicit for re-used memory)
            }
        }
    }

    /** PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 512 2-MiB pages: 0..4 GiB. */
    private static void buildPageTables(PhysicalMemory phys) {
        phys.write64(PML4, PDPT | PRESENT | WRITABLE);
        for (int i = 0; i < 4; i++) {
            long pd = PAGE_DIRECTORIES + i * 0x1000L;
            phys.write64(PDPT + i * 8L, pd | PRESENT | WRITABLE);
            for (int j = 0; j < 512; j++) {
                long frame = ((long) i << 30) | ((long) j << 21);
                phys.write64(pd + j * 8L, frame | PRESENT | WRITABLE | PAGE_SIZE_BIT);
            }
        }
    }

    /** Null, 64-bit code (DPL 0), data (DPL 0): flat descriptors (SDM Vol. 3A 3.4.5). */
    private static void buildGdt(PhysicalMemory phys) {
        phys.write64(GDT, 0);
        phys.write64(GDT + KERNEL_CS, 0x00AF_9B00_0000_FFFFL); // G, L, P, DPL 0, code execute/read accessed
        phys.write64(GDT + KERNEL_DS, 0x00CF_9300_0000_FFFFL); // G, D/B, P, DPL 0, data read/write accessed
    }

    private static void writeBootInfo(PhysicalMemory phys, long memoryBytes, String commandLine, boolean disk) {
        byte[] cmd = commandLine.getBytes(StandardCharsets.US_ASCII);
        if (cmd.length >= COMMAND_LINE_MAX) {
            throw new IllegalArgumentException("kernel command line longer than " + (COMMAND_LINE_MAX - 1) + " bytes");
        }
        phys.write32(BOOT_INFO, MAGIC);
        phys.write32(BOOT_INFO + 4, PROTOCOL_VERSION);
        phys.write64(BOOT_INFO + 8, memoryBytes);
        phys.write64(BOOT_INFO + 16, COMMAND_LINE);
        phys.write64(BOOT_INFO + 24, disk ? 1 : 0);
        phys.writeBytes(COMMAND_LINE, cmd, 0, cmd.length);
        phys.write8(COMMAND_LINE + cmd.length, 0);
    }

    private static void initialState(SystemMachine machine, long entry) {
        SystemCpu sys = machine.system();
        CpuState s = machine.cpu().state;
        SystemState st = sys.sys;
        st.cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
        st.cr4 = CR4_PAE;
        st.efer = EFER_LME | EFER_LMA;
        st.cr3 = PML4;
        sys.mmu().setControlRegisters(st.cr0, st.cr4, st.efer);
        sys.mmu().writeCr3(PML4);
        st.gdtr.load(GDT, 3 * 8 - 1);
        st.idtr.load(0, 0);
        st.cs.load(KERNEL_CS, 0, 0xFFFF_FFFF, SystemSegments.codeAttributes(0));
        for (SegmentRegister r : new SegmentRegister[] {st.ds, st.es, st.ss}) {
            r.load(KERNEL_DS, 0, 0xFFFF_FFFF, SystemSegments.dataAttributes(0));
        }
        st.fs.loadNull(0);
        st.gs.loadNull(0);
        st.ldtr.loadNull(0);
        st.tr.load(0, 0, 0xFFFF, SegmentRegister.P | SegmentDescriptor.SYSTEM_TSS_BUSY);
        sys.setCpl(0);
        s.setRflags(0x2);
        s.gpr[Registers.RSP] = STACK_TOP;
        s.gpr[Registers.RDI] = BOOT_INFO;
        s.gpr[Registers.RSI] = MAGIC;
        s.rip = entry;
        machine.cpu().translationsChanged();
    }
}
