package io.teeio.spdm.transport;

import java.util.Arrays;

/**
 * SPDM over MCTP (DSP0275/DSP0276): a message-type byte first, 0x05 for SPDM and 0x06 for a secured
 * record whose application data starts with 0x05 again.
 */
public final class MctpBinding implements TransportBinding {
    public static final int TYPE_SPDM = 0x05;
    public static final int TYPE_SECURED_SPDM = 0x06;

    @Override
    public String name() {
        return "MCTP";
    }

    @Override
    public byte[] encode(SpdmPacket packet) {
        byte[] body = packet.bytes();
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) (packet.secured() ? TYPE_SECURED_SPDM : TYPE_SPDM);
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    @Override
    public SpdmPacket decode(byte[] message) throws TransportException {
        if (message.length < 1) {
            throw new TransportException("empty MCTP message");
        }
        byte[] body = Arrays.copyOfRange(message, 1, message.length);
        return switch (message[0] & 0xFF) {
            case TYPE_SPDM -> SpdmPacket.plain(body);
            case TYPE_SECURED_SPDM -> SpdmPacket.secured(body);
            default -> throw new TransportException(String.format("MCTP message type 0x%02X is not SPDM (0x05) or "
                    + "secured SPDM (0x06)", message[0] & 0xFF));
        };
    }

    @Override
    public SecuredMessageBinding securedBinding() {
        return SecuredMessageBinding.MCTP;
    }
}
