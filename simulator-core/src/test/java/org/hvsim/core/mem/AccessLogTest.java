package org.hvsim.core.mem;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.mmu.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** What LinearMemory records for a timing model: one entry per data access. */
class AccessLogTest {
    private final LinearMemory memory = new LinearMemory(new PhysicalMemory(), (la, access) -> la);
    private final AccessLog log = new AccessLog();

    @Test
    void eachAccessIsRecordedOnceWithItsSizeAndDirection() {
        memory.setAccessLog(log);
        memory.write32(0x1000, 7);
        memory.read64(0x2000);
        assertThat(log.count()).isEqualTo(2);
        assertThat(log.address[0]).isEqualTo(0x1000);
        assertThat(log.size[0]).isEqualTo(4);
        assertThat(log.write[0]).isTrue();
        assertThat(log.size[1]).isEqualTo(8);
        assertThat(log.write[1]).isFalse();
    }

    @Test
    void aPageCrossingAccessIsOneRecordNotOnePerByte() {
        memory.write64(0x1ffc, 0x1122_3344_5566_7788L); // crosses into the next page
        memory.setAccessLog(log);
        assertThat(memory.read64(0x1ffc)).isEqualTo(0x1122_3344_5566_7788L);
        memory.write64(0x2ffd, -1L);
        assertThat(log.count()).isEqualTo(2);
        assertThat(log.address[0]).isEqualTo(0x1ffc);
        assertThat(log.address[1]).isEqualTo(0x2ffd);
    }

    @Test
    void nothingIsRecordedWithoutALog() {
        memory.setAccessLog(log);
        memory.setAccessLog(null);
        memory.read8(0x3000);
        assertThat(log.count()).isZero();
    }
}
