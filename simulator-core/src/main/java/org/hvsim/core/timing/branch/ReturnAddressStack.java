package org.hvsim.core.timing.branch;

/**
 * Return-address stack (Kaeli and Emma, "Branch History Table Prediction of Moving Target Branches
 * Due to Subroutine Returns", ISCA 1991): calls push their fall-through address, returns pop the
 * predicted target. It is a circular buffer with one top pointer and no count, like the hardware
 * (Intel's 16-entry return stack buffer, Optimization Reference Manual 3.4.1.4): a push beyond
 * the capacity overwrites the oldest entry, and a pop of an empty stack wraps around and returns a
 * stale entry. So calls nested {@code d > capacity} deep cost {@code d - capacity} mispredicted
 * returns on the way back up.
 */
public final class ReturnAddressStack {

    private final long[] entries;
    private int top; // index of the next free slot

    public ReturnAddressStack(int capacity) {
        entries = new long[capacity];
    }

    public void push(long returnAddress) {
        entries[top] = returnAddress;
        top = top + 1 == entries.length ? 0 : top + 1;
    }

    /** Pops and returns the predicted return address. */
    public long pop() {
        top = top == 0 ? entries.length - 1 : top - 1;
        return entries[top];
    }

    public int capacity() {
        return entries.length;
    }
}
