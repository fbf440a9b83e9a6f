package org.hvsim.core;

/**
 * An architectural exception raised by the instruction being executed.
 *
 * <p>This is the interpreter's non-local exit (Bochs uses longjmp for the same purpose): a fault
 * can be detected deep inside an operand access, and unwinding to the dispatch loop is the only
 * point where the instruction can be abandoned. It is thrown only on the guest-exception path,
 * never for normal control flow, and carries no Java stack trace, so raising it is cheap.
 */
public final class GuestFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Page-fault error code bits (SDM Vol. 3A 4.7). */
    public static final int PF_PRESENT = 1;
    public static final int PF_WRITE = 1 << 1;
    public static final int PF_USER = 1 << 2;
    public static final int PF_RESERVED = 1 << 3;
    public static final int PF_FETCH = 1 << 4;

    private final ExceptionVector vector;
    private final int errorCode;
    private final long faultAddress;

    public GuestFault(ExceptionVector vector, int errorCode, long faultAddress) {
        super(null, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.faultAddress = faultAddress;
    }

    public static GuestFault of(ExceptionVector vector) {
        return new GuestFault(vector, 0, 0);
    }

    public static GuestFault pageFault(long linearAddress, int errorCode) {
        return new GuestFault(ExceptionVector.PF, errorCode, linearAddress);
    }

    public ExceptionVector vector() {
        return vector;
    }

    public int errorCode() {
        return errorCode;
    }

    /** For #PF, the linear address that CR2 receives. */
    public long faultAddress() {
        return faultAddress;
    }

    @Override
    public String getMessage() {
        String s = vector.mnemonic() + " (" + vector.description() + ")";
        if (vector == ExceptionVector.PF) {
            s += String.format(" at linear address 0x%x, error code 0x%x", faultAddress, errorCode);
        } else if (vector.hasErrorCode()) {
            s += String.format(", error code 0x%x", errorCode);
        }
        return s;
    }
}
