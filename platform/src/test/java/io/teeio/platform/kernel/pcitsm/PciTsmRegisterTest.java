package io.teeio.platform.kernel.pcitsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** pci_tsm_register(): a TSM implements exactly one op group. */
class PciTsmRegisterTest {
    private final TestHost host = TestHost.defaults();

    private static final PciTsmDevsecOps DEVSEC = new PciTsmDevsecOps() {
        @Override
        public void lock(TsmDev tsm, PciDev pdev) {
        }

        @Override
        public void unlock(PciDev pdev) {
        }
    };

    @Test
    void registeringWithBothOpGroupsIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> host.kernel.pciTsm().register(new PciTsmOps(host.tsm, DEVSEC)));
    }

    @Test
    void registeringWithNeitherOpGroupIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> host.kernel.pciTsm().register(new PciTsmOps(null, null)));
    }

    @Test
    void registeredTsmsAreNamedTsmNInOrder() {
        TsmDev second = host.kernel.pciTsm().register(new PciTsmOps(null, DEVSEC));
        assertEquals("tsm0", host.tsmDev.name());
        assertEquals("tsm1", second.name());
    }
}
