package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/** TDISP requests (TSM to DSM). */
public sealed interface TdispRequest extends TdispMessage {
    /** Size of START_INTERFACE_NONCE. */
    int NONCE_LENGTH = 32;

    record GetTdispVersion(InterfaceId interfaceId) implements TdispRequest {
        public GetTdispVersion {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.GET_TDISP_VERSION;
        }
    }

    /** @param tsmCaps TSM_CAPS (all bits reserved in 1.0) */
    record GetTdispCapabilities(InterfaceId interfaceId, int tsmCaps) implements TdispRequest {
        public GetTdispCapabilities {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.GET_TDISP_CAPABILITIES;
        }
    }

    /**
     * @param defaultStreamId     the IDE stream the TDI is bound to
     * @param mmioReportingOffset signed byte offset added to every MMIO address the report gives
     * @param bindP2pAddressMask  valid only with {@link LockInterfaceFlags#BIND_P2P}
     */
    record LockInterfaceRequest(InterfaceId interfaceId, LockInterfaceFlags flags, int defaultStreamId,
            long mmioReportingOffset, long bindP2pAddressMask) implements TdispRequest {
        public LockInterfaceRequest {
            Objects.requireNonNull(interfaceId, "interfaceId");
            Objects.requireNonNull(flags, "flags");
            if (defaultStreamId < 0 || defaultStreamId > 0xFF) {
                throw new IllegalArgumentException("DEFAULT_STREAM_ID out of 8 bits: " + defaultStreamId);
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.LOCK_INTERFACE_REQUEST;
        }
    }

    /** Asks for {@code length} bytes of the TDI report starting at {@code offset}. */
    record GetDeviceInterfaceReport(InterfaceId interfaceId, int offset, int length) implements TdispRequest {
        public GetDeviceInterfaceReport {
            Objects.requireNonNull(interfaceId, "interfaceId");
            if (offset < 0 || offset > 0xFFFF || length < 0 || length > 0xFFFF) {
                throw new IllegalArgumentException("OFFSET/LENGTH out of 16 bits: " + offset + "/" + length);
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.GET_DEVICE_INTERFACE_REPORT;
        }
    }

    record GetDeviceInterfaceState(InterfaceId interfaceId) implements TdispRequest {
        public GetDeviceInterfaceState {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.GET_DEVICE_INTERFACE_STATE;
        }
    }

    /** @param startInterfaceNonce the 32 bytes LOCK_INTERFACE_RESPONSE returned */
    record StartInterfaceRequest(InterfaceId interfaceId, Bytes startInterfaceNonce) implements TdispRequest {
        public StartInterfaceRequest {
            Objects.requireNonNull(interfaceId, "interfaceId");
            if (startInterfaceNonce.length() != NONCE_LENGTH) {
                throw new IllegalArgumentException("START_INTERFACE_NONCE is " + NONCE_LENGTH + " bytes, got "
                        + startInterfaceNonce.length());
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.START_INTERFACE_REQUEST;
        }
    }

    record StopInterfaceRequest(InterfaceId interfaceId) implements TdispRequest {
        public StopInterfaceRequest {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.STOP_INTERFACE_REQUEST;
        }
    }

    record BindP2pStreamRequest(InterfaceId interfaceId, int p2pStreamId) implements TdispRequest {
        public BindP2pStreamRequest {
            Objects.requireNonNull(interfaceId, "interfaceId");
            if (p2pStreamId < 0 || p2pStreamId > 0xFF) {
                throw new IllegalArgumentException("P2P_STREAM_ID out of 8 bits: " + p2pStreamId);
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.BIND_P2P_STREAM_REQUEST;
        }
    }

    record UnbindP2pStreamRequest(InterfaceId interfaceId, int p2pStreamId) implements TdispRequest {
        public UnbindP2pStreamRequest {
            Objects.requireNonNull(interfaceId, "interfaceId");
            if (p2pStreamId < 0 || p2pStreamId > 0xFF) {
                throw new IllegalArgumentException("P2P_STREAM_ID out of 8 bits: " + p2pStreamId);
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.UNBIND_P2P_STREAM_REQUEST;
        }
    }

    /** Asks to change a reported range's attributes (only IS_NON_TEE_MEM is meaningful). */
    record SetMmioAttributeRequest(InterfaceId interfaceId, MmioRange mmioRange) implements TdispRequest {
        public SetMmioAttributeRequest {
            Objects.requireNonNull(interfaceId, "interfaceId");
            Objects.requireNonNull(mmioRange, "mmioRange");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.SET_MMIO_ATTRIBUTE_REQUEST;
        }
    }

    record VdmRequest(InterfaceId interfaceId, VendorIdentity vendor, Bytes data) implements TdispRequest {
        public VdmRequest {
            Objects.requireNonNull(interfaceId, "interfaceId");
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.VDM_REQUEST;
        }
    }
}
