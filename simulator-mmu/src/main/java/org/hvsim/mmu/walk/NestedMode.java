package org.hvsim.mmu.walk;

/** Which second translation dimension, if any, applies to guest-physical addresses. */
public enum NestedMode {
    /** No nesting: native execution, or a guest under shadow paging (the walk is one-dimensional). */
    NONE,
    /** Intel EPT (Intel SDM Vol. 3C ch. 28/29). */
    EPT,
    /** AMD nested paging with x86-64-format tables rooted at nCR3 (AMD APM Vol. 2 15.25). */
    NPT
}
