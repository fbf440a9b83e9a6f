package org.hvsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code hvsim boot} with the committed guest kernel (experiments/guest). */
class BootCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hvsim(String... args) {
        Console console = new Console(new ByteArrayInputStream(new byte[0]), out, err);
        return HvsimCommand.execute(console, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Exactly one line on stderr, starting with "hvsim: ". */
    private String oneErrorLine() {
        String e = stderr();
        assertThat(e).startsWith("hvsim: ").endsWith(System.lineSeparator());
        assertThat(e.lines().count()).as(e).isEqualTo(1);
        return e.strip();
    }

    /**
     * Every workload of the kernel with small parameters, so the whole class stays fast. The
     * cross-check against QEMU (org.hvsim.guest.QemuCrossCheckTest) uses the same list.
     */
    static Stream<Arguments> workloads() {
        return Workloads.SMALL.stream().map(w -> Arguments.of(w.name(), w.params()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void everyWorkloadRunsToCompletion(String workload, List<String> params) {
        int status = hvsim(Workloads.bootArgs(workload, params).toArray(String[]::new));
        String console = stdout();
        assertThat(status).as(console + stderr()).isZero();
        assertThat(stderr()).isEmpty();
        assertThat(console).doesNotContain("\r")
                .contains("START workload=" + workload)
                .contains("\nDONE workload=" + workload + " status=ok\n")
                .doesNotContain(" fail\n");
        assertThat(console.lines().filter(l -> l.startsWith("CHECK " + workload + " "))).isNotEmpty();
        if (!workload.equals("preempt")) {
            assertThat(console.lines().filter(l -> l.startsWith("RESULT workload=" + workload + " ")))
                    .allMatch(l -> l.matches("RESULT workload=\\S+ op=\\S+ iters=\\d+ cycles=\\d+ cycles_per_op=\\d+\\.\\d\\d"))
                    .isNotEmpty();
        }
    }

    @Test
    void theCommandLineCarriesTheParametersInOrder() {
        assertThat(hvsim("boot", "--workload", "syscall", "--param", "iters=20")).isZero();
        assertThat(stdout()).contains("command line \"workload=syscall iters=20\"")
                .contains("START workload=syscall iters=20\n");
    }

    @Test
    void statsPrintAnAlignedTableOnStderr() {
        assertThat(hvsim("boot", "--workload", "syscall", "--param", "iters=20", "--stats")).isZero();
        List<String> lines = stderr().lines().toList();
        assertThat(lines).allMatch(l -> l.startsWith("hvsim stats: "));
        assertThat(lines.get(0)).matches("hvsim stats: simulated instructions +\\d+");
        assertThat(lines.get(1)).matches("hvsim stats: simulated cycles +\\d+");
        assertThat(stderr()).containsPattern("hvsim stats: host seconds +\\d+\\.\\d{3}\\R")
                .containsPattern("hvsim stats: MIPS +\\d+\\.\\d\\R")
                .containsPattern("hvsim stats: L1 TLB +\\d+ +\\d+ +\\d+ +\\d+\\.\\d\\d\\R")
                .containsPattern("hvsim stats: STLB +\\d+ +\\d+ +\\d+ +")
                .containsPattern("hvsim stats: page walks +\\d+\\R")
                .containsPattern("hvsim stats: L1D +\\d+ +\\d+ +\\d+ +")
                .containsPattern("hvsim stats: LLC +\\d+ +\\d+ +\\d+ +");
        // value columns line up
        assertThat(lines.stream().filter(l -> l.matches("hvsim stats: [A-Za-z].*\\d")).map(String::length).distinct())
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theKernelRejectsAnUnknownParameterWithExitCode3() {
        assertThat(hvsim("boot", "--workload", "syscall", "--param", "bogus=1")).isEqualTo(3);
        assertThat(stdout()).contains("ERROR").contains("DONE workload=none status=usage");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void theKernelRejectsAnUnknownWorkloadWithExitCode3() {
        assertThat(hvsim("boot", "--workload", "nosuch")).isEqualTo(3);
        assertThat(stdout()).contains("DONE workload=none status=usage");
    }

    @Test
    void aMalformedParamIsAUsageError() {
        assertThat(hvsim("boot", "--workload", "syscall", "--param", "iters")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).isEqualTo("hvsim: invalid --param 'iters': need KEY=VALUE without spaces, e.g. iters=1000");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aParamWithASpaceIsAUsageError() {
        assertThat(hvsim("boot", "--workload", "syscall", "--param", "iters=1 workload=in")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).startsWith("hvsim: invalid --param 'iters=1 workload=in'");
    }

    @Test
    void theWorkloadCannotBeOverriddenThroughParam() {
        assertThat(hvsim("boot", "--workload", "syscall", "--param", "workload=in")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).isEqualTo("hvsim: --param workload=... is not allowed: use --workload");
    }

    @Test
    void theWorkloadIsRequired() {
        assertThat(hvsim("boot")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).contains("--workload").endsWith("(see 'hvsim boot --help')");
    }

    @Test
    void aMissingKernelFileIsReported() {
        String missing = dir.resolve("nope.elf").toString();
        assertThat(hvsim("boot", "--kernel", missing, "--workload", "syscall")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(oneErrorLine()).isEqualTo("hvsim: " + missing + ": no such file");
    }

    @Test
    void aMalformedKernelIsReported() throws IOException {
        Path bad = dir.resolve("bad.elf");
        Files.writeString(bad, "this is not an ELF file, just text");
        assertThat(hvsim("boot", "--kernel", bad.toString(), "--workload", "syscall")).isEqualTo(ExitCodes.CANNOT_EXECUTE);
        assertThat(oneErrorLine()).startsWith("hvsim: " + bad + ": ");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aKernelOverlappingTheBootStructuresIsReported() throws IOException {
        byte[] elf = MiniElf.of(0xF4);
        java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(88, 0x2000); // p_paddr
        Path k = dir.resolve("low.elf");
        Files.write(k, elf);
        assertThat(hvsim("boot", "--kernel", k.toString(), "--workload", "x")).isEqualTo(ExitCodes.CANNOT_EXECUTE);
        assertThat(oneErrorLine()).contains("overlaps the boot structures");
    }

    @Test
    void theInstructionLimitStopsTheRun() {
        assertThat(hvsim("boot", "--workload", "compute", "--max-insts", "20000")).isEqualTo(ExitCodes.INSTRUCTION_LIMIT);
        assertThat(oneErrorLine()).isEqualTo("hvsim: instruction limit 20000 reached");
        assertThat(stdout()).contains("booting").doesNotContain("DONE");
    }

    @Test
    void aNonPositiveLimitIsAUsageError() {
        assertThat(hvsim("boot", "--workload", "syscall", "--max-insts", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).isEqualTo("hvsim: --max-insts must be positive, got 0");
    }

    @Test
    void aTripleFaultIsOneLineWithTheStateDump() throws IOException {
        Path k = dir.resolve("ud2.elf");
        Files.write(k, MiniElf.of(0x0F, 0x0B)); // UD2 with no IDT: #UD -> #GP -> #DF -> shutdown
        assertThat(hvsim("boot", "--kernel", k.toString(), "--workload", "x")).isEqualTo(ExitCodes.TRIPLE_FAULT);
        assertThat(oneErrorLine()).startsWith("hvsim: triple fault: ").contains("rip=0x401000").contains("cr3=0x1000");
    }

    @Test
    void haltingWithInterruptsOffEndsTheRun() throws IOException {
        Path k = dir.resolve("hlt.elf");
        Files.write(k, MiniElf.of(0xFA, 0xF4)); // CLI; HLT
        assertThat(hvsim("boot", "--kernel", k.toString(), "--workload", "x")).isEqualTo(ExitCodes.HALTED);
        assertThat(oneErrorLine()).startsWith("hvsim: guest halted for good: ");
    }

    @Test
    void theExitPortValueBecomesTheExitStatus() throws IOException {
        Path k = dir.resolve("exit.elf");
        Files.write(k, MiniElf.of(0xB0, 42, 0xE6, 0xF4)); // mov al, 42; out 0xf4, al
        assertThat(hvsim("boot", "--kernel", k.toString(), "--workload", "x")).isEqualTo(42);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void theIoWorkloadWritesToTheDiskImage() throws IOException {
        Path disk = dir.resolve("disk.img");
        Files.write(disk, new byte[1 << 20]);
        assertThat(hvsim("boot", "--workload", "io", "--disk", disk.toString(),
                "--param", "iters=1", "--param", "sectors=2", "--param", "lba=10")).isZero();
        byte[] image = Files.readAllBytes(disk);
        assertThat(image).hasSize(1 << 20);
        boolean written = false;
        for (int i = 10 * 512; i < 12 * 512; i++) {
            written |= image[i] != 0;
        }
        assertThat(written).as("sectors 10-11 written").isTrue();
    }

    @Test
    void aMissingDiskImageIsReported() {
        String missing = dir.resolve("none.img").toString();
        assertThat(hvsim("boot", "--workload", "io", "--disk", missing)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(oneErrorLine()).isEqualTo("hvsim: " + missing + ": no such disk image");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void anEmptyDiskImageIsRefused() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.img"));
        assertThat(hvsim("boot", "--workload", "io", "--disk", empty.toString())).isEqualTo(ExitCodes.CANNOT_EXECUTE);
        assertThat(oneErrorLine()).contains("smaller than one 512-byte sector");
    }

    @Test
    void anotherCpuPresetBoots() {
        assertThat(hvsim("boot", "--cpu", "nehalem", "--workload", "syscall", "--param", "iters=20")).isZero();
        assertThat(stdout()).contains("DONE workload=syscall status=ok");
    }

    @Test
    void anUnknownCpuPresetIsAUsageError() {
        assertThat(hvsim("boot", "--cpu", "pentium9", "--workload", "syscall")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).contains("pentium9").contains("skylake");
    }

    @Test
    void memoryOutOfRangeIsAUsageError() {
        assertThat(hvsim("boot", "--memory", "8", "--workload", "syscall")).isEqualTo(ExitCodes.USAGE);
        assertThat(oneErrorLine()).isEqualTo("hvsim: --memory must be between 16 and 4096 MiB, got 8");
    }

    @Test
    void memoryIsReportedToTheKernel() {
        assertThat(hvsim("boot", "--memory", "64", "--workload", "syscall", "--param", "iters=10")).isZero();
        assertThat(stdout()).contains("memory 64 MiB");
    }

    @Test
    void crLfBecomesLf() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CrLfFilter f = new CrLfFilter(sink);
        f.write("a\r\nb\rc\r".getBytes(StandardCharsets.US_ASCII));
        f.write('\r');
        f.write('\n');
        f.write("\r".getBytes(StandardCharsets.US_ASCII));
        f.finish();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("a\nb\rc\r\n\r");
    }

}
