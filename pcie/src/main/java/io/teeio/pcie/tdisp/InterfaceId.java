package io.teeio.pcie.tdisp;

/**
 * TDISP INTERFACE_ID: FUNCTION_ID (bits[15:0] Requester ID = bus/device/function, bits[23:16] Requester
 * Segment, bit 24 Requester Segment Valid, bits[31:25] reserved) followed on the wire by 8 reserved bytes.
 */
public record InterfaceId(int functionId) {

    public static InterfaceId of(int bus, int device, int function) {
        if (bus < 0 || bus > 0xFF || device < 0 || device > 0x1F || function < 0 || function > 7) {
            throw new IllegalArgumentException("bus/device/function out of range: " + bus + "/" + device + "/"
                    + function);
        }
        return new InterfaceId(bus << 8 | device << 3 | function);
    }

    public static InterfaceId of(int segment, int bus, int device, int function) {
        if (segment < 0 || segment > 0xFF) {
            throw new IllegalArgumentException("segment out of 8 bits: " + segment);
        }
        return new InterfaceId(of(bus, device, function).functionId | segment << 16 | 1 << 24);
    }

    public int requesterId() {
        return functionId & 0xFFFF;
    }

    public int bus() {
        return requesterId() >>> 8;
    }

    public int device() {
        return requesterId() >>> 3 & 0x1F;
    }

    public int function() {
        return requesterId() & 7;
    }

    public boolean segmentValid() {
        return (functionId & 1 << 24) != 0;
    }

    public int segment() {
        return functionId >>> 16 & 0xFF;
    }

    @Override
    public String toString() {
        return String.format("InterfaceId[0x%08x]", functionId);
    }
}
