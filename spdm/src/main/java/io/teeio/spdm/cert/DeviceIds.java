package io.teeio.spdm.cert;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The PCI identity of a device function, as its leaf certificate's Subject Alternative Name states it
 * (PCIe r6.1 §6.31.3): an otherName of type 2.23.147 whose value is the UTF8String
 * {@code Vendor=vvvv:Device=dddd:CC=cccccc:REV=rr:SSVID=ssss:SSID=ssss}, lower-case hex, and
 * {@code :<16 hex digits>} appended when the function has a Device Serial Number. This is the exact string
 * the Linux CMA code builds from config space and compares byte for byte ({@code pci_cma_construct_san}).
 *
 * @param vendorId          config space Vendor ID (16 bits)
 * @param deviceId          Device ID (16 bits)
 * @param classCode         Class Code: base class, sub-class, programming interface (24 bits)
 * @param revision          Revision ID (8 bits)
 * @param subsystemVendorId Subsystem Vendor ID (16 bits)
 * @param subsystemId       Subsystem ID (16 bits)
 * @param serialNumber      Device Serial Number (64 bits); 0 = no DSN capability, as Linux treats it
 */
public record DeviceIds(int vendorId, int deviceId, int classCode, int revision, int subsystemVendorId,
                        int subsystemId, long serialNumber) {
    /** The PCI-SIG CMA otherName type id. */
    public static final String CMA_OID = "2.23.147";

    private static final Pattern SAN = Pattern.compile(
            "Vendor=([0-9a-f]{4}):Device=([0-9a-f]{4}):CC=([0-9a-f]{6}):REV=([0-9a-f]{2})"
                    + ":SSVID=([0-9a-f]{4}):SSID=([0-9a-f]{4})(?::([0-9a-f]{16}))?");

    public DeviceIds {
        check("vendorId", vendorId, 0xFFFF);
        check("deviceId", deviceId, 0xFFFF);
        check("classCode", classCode, 0xFF_FFFF);
        check("revision", revision, 0xFF);
        check("subsystemVendorId", subsystemVendorId, 0xFFFF);
        check("subsystemId", subsystemId, 0xFFFF);
    }

    /** A function without a Device Serial Number. */
    public DeviceIds(int vendorId, int deviceId, int classCode, int revision, int subsystemVendorId, int subsystemId) {
        this(vendorId, deviceId, classCode, revision, subsystemVendorId, subsystemId, 0);
    }

    private static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " 0x" + Integer.toHexString(value) + " out of range 0..0x"
                    + Integer.toHexString(max));
        }
    }

    /** The otherName value string, e.g. {@code Vendor=8086:Device=0d5c:CC=120000:REV=01:SSVID=8086:SSID=0000}. */
    public String sanString() {
        String s = String.format("Vendor=%04x:Device=%04x:CC=%06x:REV=%02x:SSVID=%04x:SSID=%04x",
                vendorId, deviceId, classCode, revision, subsystemVendorId, subsystemId);
        return serialNumber == 0 ? s : s + String.format(":%016x", serialNumber);
    }

    /** Parses a {@link #sanString()} back; anything else is an IllegalArgumentException naming the input. */
    public static DeviceIds fromSanString(String san) {
        Matcher m = SAN.matcher(san);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a CMA device name: \"" + san + "\"");
        }
        long dsn = m.group(7) == null ? 0 : Long.parseUnsignedLong(m.group(7), 16);
        return new DeviceIds(hex(m, 1), hex(m, 2), hex(m, 3), hex(m, 4), hex(m, 5), hex(m, 6), dsn);
    }

    private static int hex(Matcher m, int group) {
        return Integer.parseInt(m.group(group), 16);
    }

    /** The otherName GeneralName: SEQUENCE { 2.23.147, [0] EXPLICIT UTF8String }. */
    public GeneralName generalName() {
        return new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
            new ASN1ObjectIdentifier(CMA_OID), new DERTaggedObject(true, 0, new DERUTF8String(sanString()))}));
    }

    /**
     * The value of the first 2.23.147 otherName in a certificate's Subject Alternative Name, if there is one
     * and it is a UTF8String (the only form Linux accepts).
     */
    public static Optional<String> sanStringIn(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            GeneralNames names = GeneralNames.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
            for (GeneralName n : names.getNames()) {
                if (n.getTagNo() != GeneralName.otherName) {
                    continue;
                }
                ASN1Sequence other = ASN1Sequence.getInstance(n.getName());
                if (!ASN1ObjectIdentifier.getInstance(other.getObjectAt(0)).getId().equals(CMA_OID)) {
                    continue;
                }
                ASN1Primitive value = ASN1TaggedObject.getInstance(other.getObjectAt(1)).getExplicitBaseObject()
                        .toASN1Primitive();
                if (value instanceof ASN1UTF8String u) {
                    return Optional.of(u.getString());
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
