package org.hvsim.core.system;

import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.mem.AccessKind;
import org.hvsim.core.mem.AddressTranslator;
import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.Privilege;
import org.hvsim.mmu.TranslationResult;

/**
 * Linear-to-physical translation in system mode, through the modelled MMU of simulator-mmu
 * (x86-64 paging with its TLBs and paging-structure caches). The CPU's software TLB in
 * {@link org.hvsim.core.mem.LinearMemory} calls this on a miss; the MMU's fault values become
 * guest exceptions here: a page fault is #PF with the SDM error code and CR2, a non-canonical
 * address #GP(0).
 *
 * <p>The privilege of ordinary accesses follows the CPL ({@link #setUser}); descriptor-table and
 * TSS accesses are implicit supervisor accesses ({@link #setImplicitSupervisor}). The MMU owns
 * the paging controls (CR0, CR3, CR4, EFER): with CR0.PG = 0 it maps linear to physical 1:1.
 */
public final class PagingTranslator implements AddressTranslator {
    private static final org.hvsim.mmu.AccessKind[] KINDS = {
        org.hvsim.mmu.AccessKind.READ, org.hvsim.mmu.AccessKind.WRITE, org.hvsim.mmu.AccessKind.EXECUTE};

    private final Mmu mmu;
    private final LazyFlags flags;
    private final TranslationResult result = new TranslationResult();
    private boolean user;
    private boolean implicitSupervisor;
    /** Cycles of the translations since the last {@link #takeLatency()}, for the timing models. */
    private long latency;

    public PagingTranslator(Mmu mmu, LazyFlags flags) {
        this.mmu = mmu;
        this.flags = flags;
    }

    public Mmu mmu() {
        return mmu;
    }

    public void setUser(boolean user) {
        this.user = user;
    }

    public void setImplicitSupervisor(boolean implicit) {
        this.implicitSupervisor = implicit;
    }

    public long takeLatency() {
        long l = latency;
        latency = 0;
        return l;
    }

    @Override
    public long translate(long la, int access) {
        Privilege p = implicitSupervisor ? Privilege.IMPLICIT_SUPERVISOR : user ? Privilege.USER : Privilege.SUPERVISOR;
        boolean ac = (flags.rflags() & LazyFlags.AC) != 0;
        mmu.translate(la, KINDS[access], p, ac, result);
        latency += result.latency();
        switch (result.status()) {
            case OK:
                return result.physicalAddress();
            case PAGE_FAULT:
                throw GuestFault.pageFault(result.faultAddress(), result.errorCode());
            case NON_CANONICAL:
                throw new GuestFault(ExceptionVector.GP, 0, 0);
            default:
                throw new IllegalStateException("nested-paging result without a VMM: " + result.status());
        }
    }

    /** Keeps {@link AccessKind}'s numbering and the MMU's enum in step. */
    static {
        if (KINDS[AccessKind.READ] != org.hvsim.mmu.AccessKind.READ
                || KINDS[AccessKind.WRITE] != org.hvsim.mmu.AccessKind.WRITE
                || KINDS[AccessKind.EXECUTE] != org.hvsim.mmu.AccessKind.EXECUTE) {
            throw new AssertionError("access kind numbering differs");
        }
    }
}
