package org.hvsim.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.atomic.AtomicInteger;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.mem.AccessKind;
import org.hvsim.mmu.PhysicalMemory;
import org.junit.jupiter.api.Test;

class UserAddressSpaceTest {
    private final UserAddressSpace space = new UserAddressSpace(new PhysicalMemory());

    private GuestFault fault(long la, int access) {
        return catchThrowableOfType(GuestFault.class, () -> space.translate(la, access));
    }

    @Test
    void mappedPagesTranslateToTheSameAddress() {
        space.map(0x40_0000, 0x40_2000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_EXEC);
        assertThat(space.translate(0x40_1234, AccessKind.READ)).isEqualTo(0x40_1234);
        assertThat(space.translate(0x40_1FFF, AccessKind.EXECUTE)).isEqualTo(0x40_1FFF);
    }

    @Test
    void unmappedPagesRaiseANotPresentUserPageFault() {
        GuestFault f = fault(0x1234, AccessKind.READ);
        assertThat(f.vector()).isEqualTo(ExceptionVector.PF);
        assertThat(f.faultAddress()).isEqualTo(0x1234);
        assertThat(f.errorCode()).isEqualTo(GuestFault.PF_USER);
        assertThat(fault(0, AccessKind.WRITE).errorCode()).isEqualTo(GuestFault.PF_USER | GuestFault.PF_WRITE);
        assertThat(fault(0, AccessKind.EXECUTE).errorCode()).isEqualTo(GuestFault.PF_USER | GuestFault.PF_FETCH);
    }

    @Test
    void permissionViolationsRaiseAPresentPageFault() {
        space.map(0x40_0000, 0x40_1000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_EXEC);
        space.map(0x60_0000, 0x60_1000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        space.map(0x70_0000, 0x70_1000, UserAddressSpace.PROT_NONE);
        assertThat(fault(0x40_0010, AccessKind.WRITE).errorCode()).isEqualTo(0x7);
        assertThat(fault(0x60_0010, AccessKind.EXECUTE).errorCode()).isEqualTo(0x15);
        assertThat(fault(0x70_0010, AccessKind.READ).errorCode()).isEqualTo(0x5);
    }

    @Test
    void writableAndExecutablePagesAreReadable() {
        space.map(0x40_0000, 0x40_1000, UserAddressSpace.PROT_WRITE);
        space.map(0x50_0000, 0x50_1000, UserAddressSpace.PROT_EXEC);
        assertThat(space.translate(0x40_0000, AccessKind.READ)).isEqualTo(0x40_0000);
        assertThat(space.translate(0x50_0000, AccessKind.READ)).isEqualTo(0x50_0000);
        assertThat(space.protection(0x40_0000)).isEqualTo(UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
    }

    @Test
    void nonCanonicalAddressesRaiseGeneralProtection() {
        assertThat(fault(0x0000_8000_0000_0000L, AccessKind.READ).vector()).isEqualTo(ExceptionVector.GP);
    }

    @Test
    void kernelAddressesRaiseAProtectionPageFault() {
        GuestFault f = fault(0xFFFF_FFFF_8100_0000L, AccessKind.READ);
        assertThat(f.vector()).isEqualTo(ExceptionVector.PF);
        assertThat(f.errorCode()).isEqualTo(GuestFault.PF_USER | GuestFault.PF_PRESENT);
    }

    @Test
    void remappingZeroesThePagesAndUnmappingNotifiesTheListener() {
        AtomicInteger changes = new AtomicInteger();
        space.setChangeListener(changes::incrementAndGet);
        space.map(0x40_0000, 0x40_1000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        assertThat(changes).hasValue(0);
        space.physical().write64(0x40_0008, 0x1122_3344_5566_7788L);
        space.unmap(0x40_0000, 0x40_1000);
        assertThat(changes).hasValue(1);
        assertThat(space.protection(0x40_0000)).isEqualTo(-1);
        space.map(0x40_0000, 0x40_1000, UserAddressSpace.PROT_READ);
        assertThat(space.physical().read64(0x40_0008)).isZero();
        assertThat(space.protect(0x40_0000, 0x40_1000, UserAddressSpace.PROT_NONE)).isTrue();
        assertThat(changes).hasValue(2);
        assertThat(space.protect(0x40_0000, 0x40_2000, UserAddressSpace.PROT_READ)).isFalse();
    }

    @Test
    void freeSpaceIsFoundTopDownAroundExistingMappings() {
        space.map(0x10_0000, 0x20_0000, UserAddressSpace.PROT_READ);
        space.map(0x30_0000, 0x40_0000, UserAddressSpace.PROT_READ);
        assertThat(space.findFreeTopDown(0x1000, 0x1_0000, 0x40_0000)).isEqualTo(0x2F_F000);
        assertThat(space.findFreeTopDown(0x10_0000, 0x1_0000, 0x40_0000)).isEqualTo(0x20_0000);
        assertThat(space.findFreeTopDown(0x10_0001, 0x1_0000, 0x40_0000)).isEqualTo(-1);
        assertThat(space.isFree(0x20_0000, 0x30_0000)).isTrue();
        assertThat(space.isFree(0x1F_F000, 0x30_0000)).isFalse();
        space.unmap(0x18_0000, 0x38_0000);
        assertThat(space.isFree(0x18_0000, 0x38_0000)).isTrue();
        assertThat(space.isFree(0x17_F000, 0x18_0000)).isFalse();
        assertThat(space.isFree(0x38_0000, 0x38_1000)).isFalse();
    }

    @Test
    void accessibilityChecksCoverEveryPageOfARange() {
        space.map(0x40_0000, 0x40_2000, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        assertThat(space.isAccessible(0x40_0FF0, 0x20, AccessKind.WRITE)).isTrue();
        assertThat(space.isAccessible(0x40_1FF0, 0x20, AccessKind.READ)).isFalse();
        assertThat(space.isAccessible(-16, 32, AccessKind.READ)).isFalse();
        assertThat(space.isAccessible(0, 0, AccessKind.READ)).isTrue();
    }
}
