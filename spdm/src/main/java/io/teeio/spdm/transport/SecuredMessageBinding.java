package io.teeio.spdm.transport;

import io.teeio.spdm.session.SecuredMessageFormat;
import java.util.Arrays;

/**
 * What a transport binding says about DSP0277 records: how many sequence-number bytes travel in the
 * record, how much random padding may be added, and how an SPDM message becomes the record's application
 * data (MCTP puts its message-type byte 0x05 in front; PCI DOE and "none" carry the message as is).
 */
public record SecuredMessageBinding(String name, SecuredMessageFormat format, int applicationType) {
    public static final int NO_APPLICATION_TYPE = -1;

    /** PCI DOE: no sequence number, no padding (PCIe §11.2.2). */
    public static final SecuredMessageBinding PCI_DOE = new SecuredMessageBinding("PCI DOE", SecuredMessageFormat.PCI_DOE,
            NO_APPLICATION_TYPE);
    /** MCTP (DSP0275): 2 sequence-number bytes, up to 32 bytes of random padding, type byte 0x05. */
    public static final SecuredMessageBinding MCTP = new SecuredMessageBinding("MCTP", SecuredMessageFormat.MCTP, 0x05);
    /**
     * Bare SPDM (spdm-emu transport NONE): nothing tells a secured record from a plain message, so this
     * transport carries no sessions (libspdm's none transport says the same).
     */
    public static final SecuredMessageBinding NONE = new SecuredMessageBinding("none", SecuredMessageFormat.PCI_DOE,
            NO_APPLICATION_TYPE);

    /** False for the NONE transport, which cannot carry secured records. */
    public boolean carriesSecuredMessages() {
        return !"none".equals(name);
    }

    public byte[] toApplicationData(byte[] spdmMessage) {
        if (applicationType == NO_APPLICATION_TYPE) {
            return spdmMessage.clone();
        }
        byte[] out = new byte[spdmMessage.length + 1];
        out[0] = (byte) applicationType;
        System.arraycopy(spdmMessage, 0, out, 1, spdmMessage.length);
        return out;
    }

    /** The SPDM message inside application data; null when the application type is not SPDM. */
    public byte[] toSpdmMessage(byte[] applicationData) {
        if (applicationType == NO_APPLICATION_TYPE) {
            return applicationData.clone();
        }
        if (applicationData.length < 1 || (applicationData[0] & 0xFF) != applicationType) {
            return null;
        }
        return Arrays.copyOfRange(applicationData, 1, applicationData.length);
    }
}
