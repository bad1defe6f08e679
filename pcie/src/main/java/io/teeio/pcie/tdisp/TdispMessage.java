package io.teeio.pcie.tdisp;

/** Every TDISP 1.0 message; {@link TdispCodec} turns them into bytes (after the ProtocolID byte). */
public sealed interface TdispMessage permits TdispRequest, TdispResponse {
    TdispMessageType type();

    InterfaceId interfaceId();
}
