package org.hvsim.core.platform;

import java.math.BigInteger;

/**
 * Converts a tick count of one clock into ticks of another (for example PIT input-clock ticks
 * into CPU cycles). The ratio is reduced by the GCD once, so the common conversions
 * (3 GHz / 1.193182 MHz, 3 GHz / 1 GHz) stay in 64-bit arithmetic; only absurd products fall
 * back to BigInteger. Conversions are exact: no floating point, so simulated time never
 * drifts and results are identical on every host.
 *
 * @param numerator   ticks of the target clock per {@code denominator} source ticks
 * @param denominator source ticks
 */
public record ClockRatio(long numerator, long denominator) {
    public ClockRatio {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("clock ratio must be positive: " + numerator + "/" + denominator);
        }
    }

    /** The ratio converting ticks of a clock running at {@code fromHz} into ticks at {@code toHz}. */
    public static ClockRatio of(long fromHz, long toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new IllegalArgumentException("frequencies must be positive: " + fromHz + " -> " + toHz);
        }
        long g = gcd(fromHz, toHz);
        return new ClockRatio(toHz / g, fromHz / g);
    }

    /** floor(ticks * numerator / denominator) for {@code ticks >= 0}. */
    public long convert(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("negative tick count " + ticks);
        }
        long whole = ticks / denominator;
        long rest = ticks % denominator;
        return Math.addExact(Math.multiplyExact(whole, numerator), mulDiv(rest, numerator, denominator));
    }

    /** ceil(ticks * numerator / denominator) for {@code ticks >= 0}: the first target tick at or after. */
    public long convertCeil(long ticks) {
        long floor = convert(ticks);
        // Exact iff ticks * numerator is a multiple of denominator.
        long rest = ticks % denominator;
        boolean exact = mulMod(rest, numerator, denominator) == 0;
        return exact ? floor : floor + 1;
    }

    private static long mulDiv(long a, long b, long d) {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return a * b / d;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(d)).longValueExact();
    }

    private static long mulMod(long a, long b, long d) {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return a * b % d;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(d)).longValue();
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
