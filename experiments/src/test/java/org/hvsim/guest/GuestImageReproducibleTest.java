package org.hvsim.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed kernel image must rebuild byte for byte from experiments/guest
 * (check-reproducible.sh). Needs gcc, GNU ld and make: skipped with the reason when one is
 * missing, except under CI=true, where that fails.
 */
class GuestImageReproducibleTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedKernelRebuildsIdentically() throws Exception {
        for (String tool : new String[] {"gcc", "ld", "make"}) {
            GuestTools.require(tool, "needed to rebuild the guest kernel");
        }
        Path script = GuestTools.guestSources().resolve("check-reproducible.sh");
        assertThat(script).exists();
        GuestTools.Finished f = GuestTools.run(List.of("bash", script.toString()), dir, 300);
        assertThat(f.timedOut()).as("check-reproducible.sh timed out").isFalse();
        assertThat(f.status()).as("check-reproducible.sh:%n%s%s", f.stdout(), f.stderr()).isZero();
        assertThat(f.stdout()).contains("check-reproducible: OK");
    }
}
