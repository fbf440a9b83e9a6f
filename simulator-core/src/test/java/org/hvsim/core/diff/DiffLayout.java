package org.hvsim.core.diff;

/**
 * Fixed addresses shared by the generator, the native harness (harness.c) and the hvsim runner.
 * Cases run at the same linear addresses natively and in hvsim, so addresses that leak into
 * registers or memory (LEA, CALL, PUSH of RSP, string pointers) compare equal.
 */
final class DiffLayout {
    /** First page of the code region; a case ends exactly at {@code CODE_BASE + PAGE}. */
    static final long CODE_BASE = 0x1000_0000L;
    static final long CODE_END = CODE_BASE + 0x1000;
    /** Scratch page: the compared data area, the case's stack and nothing else. */
    static final long SCRATCH_BASE = 0x2000_0000L;
    static final int PAGE = 4096;
    /** Bytes of the scratch page that are initialised randomly and compared. */
    static final int SCRATCH_SIZE = 1024;
    /** Initial RSP: leaves 128 bytes of random "caller" stack above it for POP and LEAVE. */
    static final long INITIAL_RSP = SCRATCH_BASE + 0x380;
    /** Largest case code the harness accepts. */
    static final int MAX_CODE = 4000;

    private DiffLayout() {
    }
}
