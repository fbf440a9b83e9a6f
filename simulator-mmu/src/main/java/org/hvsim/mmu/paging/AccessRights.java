package org.hvsim.mmu.paging;

import org.hvsim.mmu.AccessKind;
import org.hvsim.mmu.PagingControls;
import org.hvsim.mmu.Privilege;

/**
 * The combined access rights of a translation and the SDM's access-rights rules (Intel SDM Vol. 3A
 * 4.6). Rights are combined over every paging-structure entry used: R/W and U/S are the logical AND
 * of all levels, XD the logical OR (4.6.1). The same check runs after a walk and on every TLB hit,
 * with the control bits current at the time of the access, because the TLB caches rights, not
 * decisions (4.10.2.2).
 */
public final class AccessRights {

    /** All entries had R/W = 1. */
    public static final int WRITABLE = 1;
    /** All entries had U/S = 1 (a user-mode address). */
    public static final int USER = 1 << 1;
    /** Some entry had XD = 1. */
    public static final int NO_EXECUTE = 1 << 2;

    /** Rights before any entry has been combined in. */
    public static final int INITIAL = WRITABLE | USER;

    private AccessRights() {
    }

    /** Combines one more paging-structure entry into {@code rights}. */
    public static int combine(int rights, long entry) {
        if ((entry & X86Pte.RW) == 0) {
            rights &= ~WRITABLE;
        }
        if ((entry & X86Pte.US) == 0) {
            rights &= ~USER;
        }
        if ((entry & X86Pte.XD) != 0) {
            rights |= NO_EXECUTE;
        }
        return rights;
    }

    /**
     * True if the access is allowed (SDM Vol. 3A 4.6.1):
     * <ul>
     * <li>User-mode accesses need a user-mode address; writes also need R/W = 1 (CR0.WP is
     *     irrelevant); fetches also need XD = 0 when NXE = 1.</li>
     * <li>Supervisor data reads of user-mode addresses with CR4.SMAP = 1 are allowed only for
     *     explicit accesses with RFLAGS.AC = 1; implicit supervisor accesses never.</li>
     * <li>Supervisor writes need R/W = 1 when CR0.WP = 1; to user-mode addresses the SMAP rule
     *     applies as for reads.</li>
     * <li>Supervisor fetches from user-mode addresses are refused with CR4.SMEP = 1; XD applies
     *     when NXE = 1.</li>
     * </ul>
     */
    public static boolean allows(int rights, AccessKind kind, Privilege privilege, boolean rflagsAc,
                                 PagingControls controls) {
        boolean userPage = (rights & USER) != 0;
        boolean user = privilege == Privilege.USER;
        switch (kind) {
            case EXECUTE -> {
                if ((rights & NO_EXECUTE) != 0 && controls.nxe()) {
                    return false;
                }
                return user ? userPage : !(userPage && controls.smep());
            }
            case READ -> {
                if (user) {
                    return userPage;
                }
                return !(userPage && controls.smap() && !smapOverride(privilege, rflagsAc));
            }
            default -> { // WRITE
                boolean writable = (rights & WRITABLE) != 0;
                if (user) {
                    return userPage && writable;
                }
                if (userPage && controls.smap() && !smapOverride(privilege, rflagsAc)) {
                    return false;
                }
                return writable || !controls.wp();
            }
        }
    }

    /** SMAP lets explicit supervisor accesses through when RFLAGS.AC = 1 (SDM 4.6.1). */
    private static boolean smapOverride(Privilege privilege, boolean rflagsAc) {
        return privilege == Privilege.SUPERVISOR && rflagsAc;
    }
}
