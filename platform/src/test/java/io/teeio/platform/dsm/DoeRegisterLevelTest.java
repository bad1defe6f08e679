package io.teeio.platform.dsm;

import static io.teeio.platform.pci.PciRegs.DOE_CTRL;
import static io.teeio.platform.pci.PciRegs.DOE_CTRL_GO;
import static io.teeio.platform.pci.PciRegs.DOE_READ;
import static io.teeio.platform.pci.PciRegs.DOE_STATUS;
import static io.teeio.platform.pci.PciRegs.DOE_STATUS_BUSY;
import static io.teeio.platform.pci.PciRegs.DOE_STATUS_DATA_OBJECT_READY;
import static io.teeio.platform.pci.PciRegs.DOE_STATUS_ERROR;
import static io.teeio.platform.pci.PciRegs.DOE_WRITE;
import static io.teeio.platform.pci.PciRegs.EXT_CAP_ID_DOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.device.PciFunction;
import io.teeio.platform.doe.DoeMailboxConfig;
import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.tsm.TestMachine;
import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.VersionNumberEntry;
import io.teeio.spdm.message.VersionResponse;
import org.junit.jupiter.api.Test;

/** The DSM answers through the DOE registers exactly as Linux's drivers/pci/doe.c drives them. */
class DoeRegisterLevelTest {
    /** GET_VERSION (SPDM 1.0, code 0x84) as a CMA/SPDM object: header DW0 vendor 1 type 1, DW1 length 3. */
    private static final int[] GET_VERSION_OBJECT = {0x0001_0001, 3, 0x0000_8410};

    private final EmulatedDevice device = EmulatedDevice.builder().identity(TestMachine.IDENTITY)
            .crypto(TestMachine.crypto(3)).doeConfig(DoeMailboxConfig.withLatency(4)).build();
    private final PciFunction pf = device.endpoint().pf();
    private final int doe = CapabilityWalker.findExtCapability(pf, EXT_CAP_ID_DOE);

    @Test
    void aLinuxStyleExchangeOfGetVersionGetsTheDsmsSpdmVersionResponse() throws Exception {
        // pci_doe_send_req(): the mailbox must be idle, then the object DW by DW, then Go.
        assertEquals(0, pf.readDword(doe + DOE_STATUS) & (DOE_STATUS_BUSY | DOE_STATUS_ERROR));
        for (int dw : GET_VERSION_OBJECT) {
            pf.writeDword(doe + DOE_WRITE, dw);
        }
        pf.writeDword(doe + DOE_CTRL, DOE_CTRL_GO);

        // doe_statemachine_work(): poll Status until Data Object Ready (or Error), within Linux's budget.
        int polls = 0;
        int status;
        do {
            status = pf.readDword(doe + DOE_STATUS);
            assertEquals(0, status & DOE_STATUS_ERROR, "DOE Error while waiting");
            assertTrue(++polls <= 128, "no Data Object Ready within 128 polls");
        } while ((status & DOE_STATUS_DATA_OBJECT_READY) == 0);

        // pci_doe_recv_resp(): read a DW, write anything to pop it; the header first.
        int header0 = pop();
        int length = pop() & 0x3FFFF;
        byte[] payload = new byte[(length - 2) * 4];
        for (int i = 0; i < length - 2; i++) {
            int dw = pop();
            for (int b = 0; b < 4; b++) {
                payload[4 * i + b] = (byte) (dw >>> (8 * b));
            }
        }
        assertEquals(0, pf.readDword(doe + DOE_STATUS) & (DOE_STATUS_ERROR | DOE_STATUS_DATA_OBJECT_READY));

        assertEquals(GET_VERSION_OBJECT[0], header0, "same vendor and object type as the request");
        assertEquals(SpdmCode.VERSION, payload[1] & 0xFF);
        VersionResponse version = VersionResponse.read(new ByteReader(payload, "VERSION"));
        assertEquals(device.dsm().spdm().config().versions(),
                version.entries().stream().map(VersionNumberEntry::version).toList());
    }

    private int pop() {
        int dw = pf.readDword(doe + DOE_READ);
        pf.writeDword(doe + DOE_READ, 0);
        return dw;
    }
}
