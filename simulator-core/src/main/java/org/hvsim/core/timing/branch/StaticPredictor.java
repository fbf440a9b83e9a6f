package org.hvsim.core.timing.branch;

/**
 * Static "backward taken, forward not taken" (BTFN): a branch to a lower address is assumed to
 * close a loop and predicted taken; a forward branch is predicted not taken. This is the static
 * rule the Intel optimization manual tells compilers to lay code out for (Intel 64 and IA-32
 * Architectures Optimization Reference Manual, section 3.4.1.3, Assembly/Compiler Coding Rule 3).
 * It keeps no state and learns nothing.
 *
 * <p>Without a target ({@link #predict(long)}) the direction is unknown and it predicts taken.
 */
public final class StaticPredictor implements DirectionPredictor {

    @Override
    public boolean predict(long pc) {
        return true;
    }

    @Override
    public boolean predict(long pc, long target) {
        return Long.compareUnsigned(target, pc) <= 0;
    }

    @Override
    public void update(long pc, boolean taken) {
        // static: nothing to learn
    }

    @Override
    public String name() {
        return "static";
    }
}
