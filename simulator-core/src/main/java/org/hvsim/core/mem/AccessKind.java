package org.hvsim.core.mem;

/** Kinds of linear-memory access, as the paging permission checks distinguish them. */
public final class AccessKind {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int EXECUTE = 2;

    private AccessKind() {
    }
}
