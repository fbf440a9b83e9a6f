package org.hvsim.bench.core;

import java.util.concurrent.TimeUnit;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoder throughput: decodes every instruction of {@link IntegerKernel} (a mix of REX, ModRM,
 * SIB, displacement and 64-bit immediate forms). One operation is one decoded instruction, so the
 * score in ops/us is millions of instructions decoded per second. Decoding is off the
 * per-instruction path (the block cache keeps results), so this bounds cold-code speed.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecoderBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {
    /** Instructions in the kernel; checked in {@link #setUp}. */
    static final int KERNEL_INSTRUCTIONS = 51;

    private final Decoder decoder = new Decoder();
    private byte[] code;
    private ByteSource source;

    @Setup
    public void setUp() {
        code = IntegerKernel.code();
        source = ByteSource.of(code, 0);
        int n = 0;
        for (long pc = 0; pc < code.length; n++) {
            pc += decoder.decode(pc, source).length;
        }
        if (n != KERNEL_INSTRUCTIONS) {
            throw new IllegalStateException("kernel has " + n + " instructions, expected " + KERNEL_INSTRUCTIONS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(KERNEL_INSTRUCTIONS)
    public void decodeKernel(Blackhole bh) {
        for (long pc = 0; pc < code.length; ) {
            DecodedInstruction d = decoder.decode(pc, source);
            bh.consume(d);
            pc += d.length;
        }
    }
}
