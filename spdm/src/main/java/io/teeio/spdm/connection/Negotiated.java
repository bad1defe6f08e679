package io.teeio.spdm.connection;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.SpdmVersion;

/**
 * What VCA settled: the version, both sides' capabilities and transfer sizes, and the selected
 * algorithms (null where nothing was selected, e.g. no DHE when no session is possible).
 */
public record Negotiated(SpdmVersion version, int requesterFlags, int responderFlags, int ctExponent,
        int requesterDataTransferSize, int requesterMaxSpdmMsgSize, int responderDataTransferSize,
        int responderMaxSpdmMsgSize, int measurementSpecification, int opaqueDataFormat,
        BaseHashAlgo baseHash, BaseAsymAlgo baseAsym, MeasurementHashAlgo measurementHash, DheGroup dhe,
        AeadAlgo aead, int reqBaseAsymAlg, boolean keySchedule) {

    public boolean both(int flag) {
        return CapabilityFlags.has(requesterFlags, flag) && CapabilityFlags.has(responderFlags, flag);
    }

    public boolean responderHas(int flag) {
        return CapabilityFlags.has(responderFlags, flag);
    }

    public boolean requesterHas(int flag) {
        return CapabilityFlags.has(requesterFlags, flag);
    }

    public boolean responderMeasures() {
        return (responderFlags & CapabilityFlags.MEAS_CAP_MASK) != 0;
    }

    /** True when KEY_EXCHANGE..FINISH_RSP travel in the clear (both sides set HANDSHAKE_IN_THE_CLEAR_CAP). */
    public boolean handshakeInTheClear() {
        return both(CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP);
    }

    public int hashSize() {
        return baseHash == null ? 0 : baseHash.size();
    }

    public int signatureSize() {
        return baseAsym == null ? 0 : baseAsym.signatureSize();
    }

    public int dheSize() {
        return dhe == null ? 0 : dhe.publicKeySize();
    }

    public String describeAlgorithms() {
        return "hash " + (baseHash == null ? "-" : baseHash.jcaName())
                + ", asym " + (baseAsym == null ? "-" : baseAsym.name())
                + ", measurement hash " + (measurementHash == null ? "-" : measurementHash.name())
                + ", DHE " + (dhe == null ? "-" : dhe.name())
                + ", AEAD " + (aead == null ? "-" : aead.name());
    }
}
