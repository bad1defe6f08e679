package io.teeio.platform.tsm;

import static io.teeio.platform.tsm.TestMachine.VM1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.pcie.tdisp.TdiState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One device at the SR-IOV limit this model takes: 256 VFs, all bound over one connection. */
class ManyVfsTest {
    private static final int VFS = 256;

    @Test
    void all256VfsOfOneDeviceAreBoundOverOneConnection() throws Exception {
        TestMachine m = new TestMachine(VFS);
        m.tsm.connect(m.dsm());
        for (int n = 1; n <= VFS; n++) {
            m.tsm.bind(m.vf(n), VM1, n);
        }
        List<TdiState> states = new ArrayList<>();
        for (int n = 1; n <= VFS; n++) {
            states.add(m.deviceState(n));
        }
        assertEquals(java.util.Collections.nCopies(VFS, TdiState.CONFIG_LOCKED), states);
        assertEquals(TdiState.CONFIG_LOCKED, m.tsm.tdiState(m.vf(VFS)));
    }
}
