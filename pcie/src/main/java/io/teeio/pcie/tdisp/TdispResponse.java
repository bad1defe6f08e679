package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.Bytes;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** TDISP responses (DSM to TSM). */
public sealed interface TdispResponse extends TdispMessage {

    /** @param versions VERSION_NUM_ENTRY values (0x10 = 1.0); at least one */
    record TdispVersion(InterfaceId interfaceId, List<Integer> versions) implements TdispResponse {
        public TdispVersion {
            Objects.requireNonNull(interfaceId, "interfaceId");
            versions = List.copyOf(versions);
            if (versions.isEmpty() || versions.size() > 0xFF) {
                throw new IllegalArgumentException("VERSION_NUM_COUNT must be 1..255, got " + versions.size());
            }
            for (int v : versions) {
                if (v < 0 || v > 0xFF) {
                    throw new IllegalArgumentException("VERSION_NUM_ENTRY out of 8 bits: " + v);
                }
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.TDISP_VERSION;
        }
    }

    /**
     * @param reqMsgsSupported the 16-byte REQ_MSGS_SUPPORTED bitmap as received; read it with
     *                         {@link #supportedRequests()}
     */
    record TdispCapabilities(InterfaceId interfaceId, int dsmCaps, Bytes reqMsgsSupported,
            LockInterfaceFlags lockInterfaceFlagsSupported, int devAddrWidth, int numReqThis, int numReqAll)
            implements TdispResponse {
        public static final int REQ_MSGS_SUPPORTED_LENGTH = 16;

        public TdispCapabilities {
            Objects.requireNonNull(interfaceId, "interfaceId");
            if (reqMsgsSupported.length() != REQ_MSGS_SUPPORTED_LENGTH) {
                throw new IllegalArgumentException("REQ_MSGS_SUPPORTED is 16 bytes, got " + reqMsgsSupported.length());
            }
            Objects.requireNonNull(lockInterfaceFlagsSupported, "lockInterfaceFlagsSupported");
            for (int v : new int[] {devAddrWidth, numReqThis, numReqAll}) {
                if (v < 0 || v > 0xFF) {
                    throw new IllegalArgumentException("DEV_ADDR_WIDTH/NUM_REQ_THIS/NUM_REQ_ALL out of 8 bits: " + v);
                }
            }
        }

        /** Builds REQ_MSGS_SUPPORTED with bit index = request code - 0x80 (PCIe 6.1 §11.3.7). */
        public static TdispCapabilities of(InterfaceId interfaceId, int dsmCaps, Set<TdispMessageType> supported,
                LockInterfaceFlags flagsSupported, int devAddrWidth, int numReqThis, int numReqAll) {
            byte[] bitmap = new byte[REQ_MSGS_SUPPORTED_LENGTH];
            for (TdispMessageType t : supported) {
                if (!t.isRequest()) {
                    throw new IllegalArgumentException(t + " is not a request");
                }
                int bit = t.code() - 0x80;
                bitmap[bit / 8] |= (byte) (1 << (bit % 8));
            }
            return new TdispCapabilities(interfaceId, dsmCaps, Bytes.of(bitmap), flagsSupported, devAddrWidth,
                    numReqThis, numReqAll);
        }

        /**
         * The supported requests, read leniently: the spec puts code c at bit c - 0x80 (GET_TDISP_VERSION at
         * bit 1); older peers used c - 0x7F. GET_TDISP_VERSION is always supported, so a bitmap with bit 1
         * clear and bit 2 set is read the old way.
         */
        public Set<TdispMessageType> supportedRequests() {
            int base = !bit(1) && bit(2) ? 0x7F : 0x80;
            Set<TdispMessageType> out = EnumSet.noneOf(TdispMessageType.class);
            for (TdispMessageType t : TdispMessageType.values()) {
                if (t.isRequest() && bit(t.code() - base)) {
                    out.add(t);
                }
            }
            return out;
        }

        private boolean bit(int index) {
            return (reqMsgsSupported.get(index / 8) >>> (index % 8) & 1) != 0;
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.TDISP_CAPABILITIES;
        }
    }

    record LockInterfaceResponse(InterfaceId interfaceId, Bytes startInterfaceNonce) implements TdispResponse {
        public LockInterfaceResponse {
            Objects.requireNonNull(interfaceId, "interfaceId");
            if (startInterfaceNonce.length() != TdispRequest.NONCE_LENGTH) {
                throw new IllegalArgumentException("START_INTERFACE_NONCE is 32 bytes, got "
                        + startInterfaceNonce.length());
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.LOCK_INTERFACE_RESPONSE;
        }
    }

    /**
     * One portion of the TDI report.
     *
     * @param portion         the report bytes (PORTION_LENGTH = its length)
     * @param remainderLength REMAINDER_LENGTH: bytes still to fetch after this portion (0 = done)
     */
    record DeviceInterfaceReport(InterfaceId interfaceId, Bytes portion, int remainderLength)
            implements TdispResponse {
        public DeviceInterfaceReport {
            Objects.requireNonNull(interfaceId, "interfaceId");
            if (portion.length() > 0xFFFF) {
                throw new IllegalArgumentException("PORTION_LENGTH out of 16 bits: " + portion.length());
            }
            if (remainderLength < 0 || remainderLength > 0xFFFF) {
                throw new IllegalArgumentException("REMAINDER_LENGTH out of 16 bits: " + remainderLength);
            }
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.DEVICE_INTERFACE_REPORT;
        }
    }

    record DeviceInterfaceState(InterfaceId interfaceId, TdiState state) implements TdispResponse {
        public DeviceInterfaceState {
            Objects.requireNonNull(interfaceId, "interfaceId");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.DEVICE_INTERFACE_STATE;
        }
    }

    record StartInterfaceResponse(InterfaceId interfaceId) implements TdispResponse {
        public StartInterfaceResponse {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.START_INTERFACE_RESPONSE;
        }
    }

    record StopInterfaceResponse(InterfaceId interfaceId) implements TdispResponse {
        public StopInterfaceResponse {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.STOP_INTERFACE_RESPONSE;
        }
    }

    record BindP2pStreamResponse(InterfaceId interfaceId) implements TdispResponse {
        public BindP2pStreamResponse {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.BIND_P2P_STREAM_RESPONSE;
        }
    }

    record UnbindP2pStreamResponse(InterfaceId interfaceId) implements TdispResponse {
        public UnbindP2pStreamResponse {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.UNBIND_P2P_STREAM_RESPONSE;
        }
    }

    record SetMmioAttributeResponse(InterfaceId interfaceId) implements TdispResponse {
        public SetMmioAttributeResponse {
            Objects.requireNonNull(interfaceId, "interfaceId");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.SET_MMIO_ATTRIBUTE_RESPONSE;
        }
    }

    record VdmResponse(InterfaceId interfaceId, VendorIdentity vendor, Bytes data) implements TdispResponse {
        public VdmResponse {
            Objects.requireNonNull(interfaceId, "interfaceId");
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.VDM_RESPONSE;
        }
    }

    /** EXTENDED_ERROR_DATA of VENDOR_SPECIFIC_ERROR. */
    record VendorSpecificError(VendorIdentity vendor, Bytes vendorData) {
        public VendorSpecificError {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(vendorData, "vendorData");
        }

        public int encodedLength() {
            return vendor.encodedLength() + vendorData.length();
        }
    }

    /**
     * TDISP_ERROR. For VENDOR_SPECIFIC_ERROR, {@code errorData} is the length of the extended data, which
     * {@code vendorError} holds; every other code has no extended data.
     *
     * @param errorData ERROR_DATA as an unsigned 32-bit value held in an int
     */
    record TdispError(InterfaceId interfaceId, TdispErrorCode errorCode, int errorData,
            Optional<VendorSpecificError> vendorError) implements TdispResponse {
        public TdispError {
            Objects.requireNonNull(interfaceId, "interfaceId");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(vendorError, "vendorError");
            if ((errorCode == TdispErrorCode.VENDOR_SPECIFIC_ERROR) != vendorError.isPresent()) {
                throw new IllegalArgumentException("extended error data goes with VENDOR_SPECIFIC_ERROR and only"
                        + " with it (code " + errorCode + ")");
            }
            if (vendorError.isPresent() && errorData != vendorError.get().encodedLength()) {
                throw new IllegalArgumentException("VENDOR_SPECIFIC_ERROR ERROR_DATA " + errorData
                        + " differs from the extended data length " + vendorError.get().encodedLength());
            }
        }

        public static TdispError of(InterfaceId interfaceId, TdispErrorCode code, int errorData) {
            return new TdispError(interfaceId, code, errorData, Optional.empty());
        }

        public static TdispError vendorSpecific(InterfaceId interfaceId, VendorSpecificError error) {
            return new TdispError(interfaceId, TdispErrorCode.VENDOR_SPECIFIC_ERROR, error.encodedLength(),
                    Optional.of(error));
        }

        @Override
        public TdispMessageType type() {
            return TdispMessageType.TDISP_ERROR;
        }
    }
}
