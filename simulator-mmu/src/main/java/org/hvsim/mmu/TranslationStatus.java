package org.hvsim.mmu;

/** Outcome of a translation. Faults are values, never Java exceptions. */
public enum TranslationStatus {
    /** Translation succeeded; the physical address is valid. */
    OK,
    /** Guest (or native) #PF: see {@link TranslationResult#errorCode()} and {@link TranslationResult#faultAddress()}. */
    PAGE_FAULT,
    /** VM exit reason 48 (Intel SDM Vol. 3C 28.2.3.2): exit qualification, guest-physical and guest-linear address. */
    EPT_VIOLATION,
    /** VM exit reason 49 (Intel SDM Vol. 3C 28.2.3.1): guest-physical address only. */
    EPT_MISCONFIGURATION,
    /** AMD #VMEXIT(NPF) (exit code 0x400, AMD APM Vol. 2 15.25.6): EXITINFO1 and EXITINFO2 (guest-physical address). */
    NESTED_PAGE_FAULT,
    /** The linear address is not canonical: #GP(0) (or #SS) before any paging check (Intel SDM Vol. 3A 3.3.7.1). */
    NON_CANONICAL
}
