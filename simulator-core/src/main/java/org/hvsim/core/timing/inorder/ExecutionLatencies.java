package org.hvsim.core.timing.inorder;

import org.hvsim.core.cpu.Microarchitecture;

/**
 * Cycles an operation occupies the in-order pipeline's single execute stage. The execute stage
 * is not pipelined internally: a multi-cycle multiply or divide holds X and the instructions
 * behind it wait (the textbook structural hazard; the divider is unpipelined on every preset).
 *
 * @param alu   simple integer ALU operation; default 1
 * @param mul   integer multiply; default 3 (IMUL r64, Skylake, Agner Fog's instruction tables)
 * @param div32 divide with an operand of up to 32 bits; default 26 (DIV r32, Skylake, Agner Fog)
 * @param div64 divide with a 64-bit operand; default 35 (DIV r64, Skylake, Agner Fog: 35-88; the
 *              low end, small quotients)
 */
public record ExecutionLatencies(int alu, int mul, int div32, int div64) {
    public ExecutionLatencies {
        if (alu < 1 || mul < 1 || div32 < 1 || div64 < 1) {
            throw new IllegalArgumentException("latencies must be at least one cycle");
        }
    }

    public static ExecutionLatencies defaults() {
        return new ExecutionLatencies(1, 3, 26, 35);
    }

    /** The latencies of a CPU preset. */
    public static ExecutionLatencies of(Microarchitecture.Execution e) {
        return new ExecutionLatencies(e.aluLatency(), e.imulLatency(), e.idiv32Latency(), e.idiv64Latency());
    }
}
