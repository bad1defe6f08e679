package io.teeio.pcie.doe;

import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.spdm.transport.TransportBinding;
import io.teeio.spdm.transport.TransportException;

/**
 * SPDM over PCIe DOE: a plain message travels as a CMA/SPDM object (type 1), a secured record as a
 * Secured CMA/SPDM object (type 2), each zero-padded to a DW. The SPDM layer finds the message end itself,
 * so the padding it receives does no harm.
 */
public final class DoeSpdmBinding implements TransportBinding {
    @Override
    public String name() {
        return "PCI DOE";
    }

    @Override
    public byte[] encode(SpdmPacket packet) {
        DoeProtocol p = packet.secured() ? DoeProtocol.SECURED_CMA_SPDM : DoeProtocol.CMA_SPDM;
        return DataObjectCodec.encode(DataObject.of(p, io.teeio.spdm.codec.Bytes.of(packet.bytes())));
    }

    @Override
    public SpdmPacket decode(byte[] transportMessage) throws TransportException {
        DataObject o;
        try {
            o = DataObjectCodec.decode(transportMessage);
        } catch (SpdmDecodeException e) {
            throw new TransportException(e.getMessage(), e);
        }
        return toPacket(o);
    }

    /** The SPDM packet a CMA or Secured CMA object carries. */
    public static SpdmPacket toPacket(DataObject o) throws TransportException {
        DoeProtocol p = o.protocol();
        if (p.equals(DoeProtocol.CMA_SPDM)) {
            return SpdmPacket.plain(o.payload().toByteArray());
        }
        if (p.equals(DoeProtocol.SECURED_CMA_SPDM)) {
            return SpdmPacket.secured(o.payload().toByteArray());
        }
        throw new TransportException("DOE object of " + p + " carries no SPDM");
    }

    @Override
    public SecuredMessageBinding securedBinding() {
        return SecuredMessageBinding.PCI_DOE;
    }
}
