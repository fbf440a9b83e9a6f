package org.hvsim.core.mem;

import org.hvsim.core.GuestFault;

/**
 * Translates a linear address to a physical address for one access, checking permissions.
 * Called by {@link LinearMemory} only when its software TLB misses, so it may be slow.
 */
public interface AddressTranslator {
    /**
     * @param linearAddress the address accessed
     * @param access one of {@link AccessKind}
     * @return the physical address
     * @throws GuestFault if the access is not permitted (a #PF or #GP for the guest)
     */
    long translate(long linearAddress, int access);
}
