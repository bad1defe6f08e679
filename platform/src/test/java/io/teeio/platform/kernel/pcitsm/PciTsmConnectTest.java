package io.teeio.platform.kernel.pcitsm;

import static io.teeio.platform.kernel.testing.TestHost.NO_DOE;
import static io.teeio.platform.kernel.testing.TestHost.PF0;
import static io.teeio.platform.kernel.testing.TestHost.PLAIN;
import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static io.teeio.platform.kernel.testing.TestHost.VF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** tsm/connect, tsm/disconnect, tsm/dsm and tsm/bound (HOST-STACK.md §2.3, §6). */
class PciTsmConnectTest {
    private final TestHost host = TestHost.defaults();
    private final PciTsmCore core = host.kernel.pciTsm();

    private PciDev dev(io.teeio.platform.kernel.Bdf bdf) {
        return host.kernel.pci().device(bdf);
    }

    @Test
    void connectWithAMalformedTsmNameIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> core.sysfs(PF0).writeConnect("foo"));
        host.assertFailsIntact(Errno.EINVAL, () -> core.sysfs(PF0).writeConnect("tsm"));
        host.assertFailsIntact(Errno.EINVAL, () -> core.sysfs(PF0).writeConnect("tsmX\n"));
    }

    @Test
    void connectWhenAlreadyConnectedIsEbusy() {
        host.connect();
        host.assertFailsIntact(Errno.EBUSY, () -> core.sysfs(PF0).writeConnect("tsm0"));
    }

    @Test
    void connectToAnUnknownTsmIsEnxio() {
        host.assertFailsIntact(Errno.ENXIO, () -> core.sysfs(PF0).writeConnect("tsm7"));
    }

    @Test
    void connectToADevsecTsmIsEnxio() {
        core.register(new PciTsmOps(null, new PciTsmDevsecOps() {
            @Override
            public void lock(TsmDev tsm, PciDev pdev) {
            }

            @Override
            public void unlock(PciDev pdev) {
            }
        }));
        host.assertFailsIntact(Errno.ENXIO, () -> core.sysfs(PF0).writeConnect("tsm1"));
    }

    @Test
    void connectWhenTheTsmProbeFailsIsEnxio() {
        host.tsm.refuseProbe(PF0);
        host.assertFailsIntact(Errno.ENXIO, () -> core.sysfs(PF0).writeConnect("tsm0"));
    }

    @Test
    void connectWithoutACmaDoeMailboxIsEnodev() {
        host.assertFailsIntact(Errno.ENODEV, () -> core.sysfs(NO_DOE).writeConnect("tsm0"));
    }

    @Test
    void aFailedSessionSetupReturnsTheTsmErrnoAndLeavesTheDeviceUnconnected() {
        host.tsm.failConnectWith(Errno.EIO);
        host.assertFailsIntact(Errno.EIO, () -> core.sysfs(PF0).writeConnect("tsm0"));
        assertEquals("\n", core.sysfs(PF0).readConnect());
        assertFalse(host.tsm.probed(PF0));
    }

    @Test
    void connectExistsOnlyOnFunction0OfADsmCapableDevice() {
        host.assertFailsIntact(Errno.ENOENT, () -> core.sysfs(VF1).writeConnect("tsm0"));
        host.assertFailsIntact(Errno.ENOENT, () -> core.sysfs(PLAIN).writeConnect("tsm0"));
    }

    @Test
    void connectReadsBackTheTsmAndAuthenticatedFollowsIt() {
        assertEquals("\n", core.sysfs(PF0).readConnect());
        host.connect();
        assertEquals("tsm0\n", core.sysfs(PF0).readConnect());
        assertEquals("tsm0\n", core.sysfs(PF0).readAuthenticated());
        assertTrue(host.tsm.linkUp(PF0));
    }

    @Test
    void connectOfTheDsmCoversItsVirtualFunctions() {
        host.connect();
        assertTrue(host.tsm.probed(VF1));
        assertTrue(host.tsm.probed(VF2));
        assertEquals(PF0 + "\n", core.sysfs(VF1).readDsm());
        assertEquals(PF0 + "\n", core.sysfs(PF0).readDsm());
        assertEquals("tsm0\n", core.sysfs(VF2).readAuthenticated());
    }

    @Test
    void aDependentFunctionTheTsmRefusesIsLeftWithoutContextButConnectSucceeds() {
        host.tsm.refuseProbe(VF2);
        host.connect();
        assertTrue(core.hasContext(dev(VF1)));
        assertFalse(core.hasContext(dev(VF2)));
    }

    @Test
    void disconnectWhenNotConnectedIsEnxio() {
        host.assertFailsIntact(Errno.ENXIO, () -> core.sysfs(PF0).writeDisconnect("tsm0"));
    }

    @Test
    void disconnectNamingAnotherTsmIsEinval() {
        host.connect();
        host.assertFailsIntact(Errno.EINVAL, () -> core.sysfs(PF0).writeDisconnect("tsm1"));
    }

    @Test
    void disconnectAcceptsTheNameWithATrailingNewlineAndTearsDownEveryContext() {
        host.connect();
        core.sysfs(PF0).writeDisconnect("tsm0\n");
        assertFalse(host.tsm.linkUp(PF0));
        assertTrue(core.snapshot().contexts().isEmpty());
        assertFalse(host.tsm.probed(VF1));
    }

    @Test
    void disconnectUnbindsEveryTdiFirstInReverseOrder() {
        host.connect();
        VmId vm = new VmId(1);
        core.bind(dev(VF1), vm, 1);
        core.bind(dev(VF2), vm, 2);
        core.sysfs(PF0).writeDisconnect("tsm0");
        var calls = host.tsm.calls();
        int unbindVf2 = calls.indexOf("unbind " + VF2);
        int unbindVf1 = calls.indexOf("unbind " + VF1);
        int disconnect = calls.indexOf("disconnect " + PF0);
        assertTrue(unbindVf2 >= 0 && unbindVf2 < unbindVf1 && unbindVf1 < disconnect, calls.toString());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF2).tdispState());
    }

    @Test
    void boundNamesTheTsmOnlyWhileATdiIsBound() {
        host.connect();
        assertEquals("\n", core.sysfs(VF1).readBound());
        core.bind(dev(VF1), new VmId(1), 1);
        assertEquals("tsm0\n", core.sysfs(VF1).readBound());
        core.unbind(dev(VF1));
        assertEquals("\n", core.sysfs(VF1).readBound());
    }

    @Test
    void unregisteringTheTsmDisconnectsItsDevices() {
        host.connect();
        core.bind(dev(VF1), new VmId(1), 1);
        core.unregister(host.tsmDev);
        assertTrue(core.snapshot().contexts().isEmpty());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.tsm.linkUp(PF0));
    }
}
