package org.hvsim.mmu;

/**
 * Privilege of an access for paging's access-rights checks (Intel SDM Vol. 3A 4.6).
 * <ul>
 * <li>{@link #SUPERVISOR}: explicit access at CPL 0-2.</li>
 * <li>{@link #USER}: access at CPL 3 (user-mode access).</li>
 * <li>{@link #IMPLICIT_SUPERVISOR}: a supervisor-mode access the CPU makes on its own behalf at any
 *     CPL (GDT/LDT/IDT/TSS loads, shadow-stack-less system structures). SMAP forbids these to user
 *     pages regardless of RFLAGS.AC.</li>
 * </ul>
 */
public enum Privilege {
    SUPERVISOR, USER, IMPLICIT_SUPERVISOR
}
