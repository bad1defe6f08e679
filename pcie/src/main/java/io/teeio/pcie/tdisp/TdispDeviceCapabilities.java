package io.teeio.pcie.tdisp;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a DSM's TDISP implementation offers: reported in TDISP_CAPABILITIES and enforced by its TDIs.
 *
 * @param dsmCaps             DSM_CAPS (reserved in 1.0: 0)
 * @param supportedLockFlags  LOCK_INTERFACE_FLAGS_SUPPORTED
 * @param devAddrWidth        DEV_ADDR_WIDTH (e.g. 52 for bits 51:0)
 * @param numReqThis          NUM_REQ_THIS (0 = no limit stated)
 * @param numReqAll           NUM_REQ_ALL
 * @param optionalRequests    which of BIND_P2P_STREAM, UNBIND_P2P_STREAM, SET_MMIO_ATTRIBUTE, VDM_REQUEST
 *                            are implemented
 * @param maxReportPortion    the largest DEVICE_INTERFACE_REPORT portion this DSM sends (spdm-emu: 0x40)
 */
public record TdispDeviceCapabilities(int dsmCaps, LockInterfaceFlags supportedLockFlags, int devAddrWidth,
        int numReqThis, int numReqAll, Set<TdispMessageType> optionalRequests, int maxReportPortion) {

    public TdispDeviceCapabilities {
        Objects.requireNonNull(supportedLockFlags, "supportedLockFlags");
        if (supportedLockFlags.reservedBits() != 0) {
            throw new IllegalArgumentException("reserved lock flags cannot be supported: " + supportedLockFlags);
        }
        optionalRequests = optionalRequests.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optionalRequests));
        for (TdispMessageType t : optionalRequests) {
            if (!t.isOptional()) {
                throw new IllegalArgumentException(t + " is not an optional request");
            }
        }
        if (devAddrWidth < 0 || devAddrWidth > 64) {
            throw new IllegalArgumentException("DEV_ADDR_WIDTH must be 0..64: " + devAddrWidth);
        }
        if (numReqThis < 0 || numReqThis > 0xFF || numReqAll < 0 || numReqAll > 0xFF) {
            throw new IllegalArgumentException("NUM_REQ_THIS/NUM_REQ_ALL out of 8 bits");
        }
        if (maxReportPortion < 1 || maxReportPortion > 0xFFFF) {
            throw new IllegalArgumentException("maxReportPortion must be 1..65535: " + maxReportPortion);
        }
    }

    /** Only the required requests; report portions of up to 0x400 bytes. */
    public static TdispDeviceCapabilities requiredOnly(LockInterfaceFlags supportedLockFlags, int devAddrWidth) {
        return new TdispDeviceCapabilities(0, supportedLockFlags, devAddrWidth, 0, 0, Set.of(), 0x400);
    }

    public boolean supports(TdispMessageType request) {
        return request.isRequired() || optionalRequests.contains(request);
    }

    public Set<TdispMessageType> supportedRequests() {
        Set<TdispMessageType> all = EnumSet.noneOf(TdispMessageType.class);
        for (TdispMessageType t : TdispMessageType.values()) {
            if (t.isRequest() && supports(t)) {
                all.add(t);
            }
        }
        return all;
    }
}
