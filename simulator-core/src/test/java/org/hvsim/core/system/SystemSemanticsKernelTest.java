package org.hvsim.core.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * System-semantics test kernels: small assembly kernels (src/test/resources/system-kernels)
 * built at test time with GNU as and ld, booted in a {@link SystemMachine}, each checking
 * architectural results against the values the Intel SDM specifies and reporting one line per
 * check on COM1 ("OK name" or "FAIL name got=.. want=.."). Every check becomes one dynamic test,
 * so a failure names the exact check. See docs/testing.md, "System-semantics test kernels".
 */
class SystemSemanticsKernelTest {
    private static final Pattern DONE = Pattern.compile("DONE checks=0x([0-9a-f]{16}) fails=0x([0-9a-f]{16})");
    private static final long BUDGET = 5_000_000;

    @BeforeAll
    static void toolchain() {
        KernelHarness.requireToolchain();
    }

    @TestFactory
    Stream<DynamicTest> exceptions() throws Exception {
        return checks("exceptions", 54);
    }

    @TestFactory
    Stream<DynamicTest> privilege() throws Exception {
        return checks("privilege", 44);
    }

    @TestFactory
    Stream<DynamicTest> sensitive() throws Exception {
        return checks("sensitive", 37);
    }

    @TestFactory
    Stream<DynamicTest> transitions() throws Exception {
        return checks("transitions", 24);
    }

    @TestFactory
    Stream<DynamicTest> interrupts() throws Exception {
        return checks("interrupts", 15);
    }

    /**
     * IDT limit 0: #UD cannot be delivered (#GP), the #GP cannot either (#GP again, a
     * contributory pair: #DF), and #DF cannot: the processor shuts down (SDM Vol. 3A 6.15,
     * interrupt 8, "Interrupt 8-Double Fault Exception (#DF)", Table 6-5).
     */
    @Test
    void tripleFault() throws Exception {
        KernelHarness.Run run = KernelHarness.boot("triplefault", BUDGET);
        MachineResult r = run.result();
        assertEquals(MachineResult.Reason.TRIPLE_FAULT, r.reason(), run.console());
        assertNotNull(r.message());
        assertFalse(r.message().contains("\n"), "one-line diagnostic: " + r.message());
        assertTrue(r.message().startsWith("triple fault"), r.message());
        assertTrue(run.console().contains("BEFORE"), run.console());
        assertFalse(run.console().contains("AFTER"), run.console());
    }

    /** HLT with IF = 0 and nothing to wake the processor ends the run. */
    @Test
    void haltWithInterruptsDisabled() throws Exception {
        KernelHarness.Run run = KernelHarness.boot("haltforever", BUDGET);
        assertEquals(MachineResult.Reason.HALTED_FOREVER, run.result().reason(), run.console());
        assertTrue(run.console().contains("HALTING"), run.console());
    }

    /**
     * Boots {@code kernel} and returns one dynamic test for its completion plus one per check
     * line. {@code expectedChecks} pins the number of checks (0: not pinned, at least one).
     */
    private static Stream<DynamicTest> checks(String kernel, int expectedChecks) throws Exception {
        KernelHarness.Run run = KernelHarness.boot(kernel, BUDGET);
        List<String> lines = run.lines();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(kernel + " runs to completion", () -> {
            MachineResult r = run.result();
            assertEquals(MachineResult.Reason.EXIT_DEVICE, r.reason(),
                    "kernel " + kernel + " did not exit (" + r.message() + "); console:\n" + run.console());
            String done = lines.stream().filter(l -> l.startsWith("DONE")).findFirst()
                    .orElseThrow(() -> new AssertionError("no DONE line; console:\n" + run.console()));
            Matcher m = DONE.matcher(done);
            assertTrue(m.matches(), done);
            long count = Long.parseLong(m.group(1), 16);
            long failed = Long.parseLong(m.group(2), 16);
            long reported = lines.stream().filter(l -> l.startsWith("OK ") || l.startsWith("FAIL ")).count();
            assertEquals(count, reported, "check lines vs DONE count:\n" + run.console());
            if (expectedChecks > 0) {
                assertEquals(expectedChecks, count, "number of checks in " + kernel);
            } else {
                assertTrue(count > 0, "no checks ran");
            }
            assertEquals(failed == 0 ? 0 : 1, r.guestExitValue(), run.console());
        }));
        for (String line : lines) {
            if (line.startsWith("OK ")) {
                tests.add(DynamicTest.dynamicTest(line.substring(3), () -> { }));
            } else if (line.startsWith("FAIL ")) {
                String rest = line.substring(5);
                int sp = rest.indexOf(' ');
                String name = sp < 0 ? rest : rest.substring(0, sp);
                tests.add(DynamicTest.dynamicTest(name, () -> fail(kernel + ": " + line)));
            }
        }
        return tests.stream();
    }
}
