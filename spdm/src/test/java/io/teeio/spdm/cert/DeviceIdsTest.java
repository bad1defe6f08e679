package io.teeio.spdm.cert;

import static io.teeio.spdm.cert.CertFixtures.vectorChain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class DeviceIdsTest {

    @Test
    void sanStringHasLinuxCmaFormLowerCaseHexFixedWidths() {
        // Format of pci_cma_construct_san(): Vendor=%04hx:Device=%04hx:CC=%06x:REV=%02hhx:SSVID=%04hx:SSID=%04hx
        DeviceIds ids = new DeviceIds(0x8086, 0x0D5C, 0x120000, 0x01, 0x8086, 0x0000);
        assertEquals("Vendor=8086:Device=0d5c:CC=120000:REV=01:SSVID=8086:SSID=0000", ids.sanString());
    }

    @Test
    void smallValuesAreZeroPadded() {
        assertEquals("Vendor=0001:Device=0002:CC=000003:REV=04:SSVID=0005:SSID=0006",
                new DeviceIds(1, 2, 3, 4, 5, 6).sanString());
    }

    @Test
    void aDeviceSerialNumberIsAppendedAsSixteenHexDigits() {
        DeviceIds ids = new DeviceIds(0x1af4, 0x10ff, 0x010802, 0x00, 0x1af4, 0x1100, 0x00A1B2C3D4E5F607L);
        assertEquals("Vendor=1af4:Device=10ff:CC=010802:REV=00:SSVID=1af4:SSID=1100:00a1b2c3d4e5f607", ids.sanString());
    }

    @Property(tries = 200)
    void fromSanStringInvertsSanString(@ForAll @IntRange(max = 0xFFFF) int vendor, @ForAll @IntRange(max = 0xFFFF) int device,
                                       @ForAll @IntRange(max = 0xFFFFFF) int cc, @ForAll @IntRange(max = 0xFF) int rev,
                                       @ForAll @IntRange(max = 0xFFFF) int ssvid, @ForAll @IntRange(max = 0xFFFF) int ssid,
                                       @ForAll long dsn) {
        DeviceIds ids = new DeviceIds(vendor, device, cc, rev, ssvid, ssid, dsn);
        assertEquals(ids, DeviceIds.fromSanString(ids.sanString()));
    }

    @Test
    void fromSanStringRejectsUpperCaseHex() {
        assertThrows(IllegalArgumentException.class,
                () -> DeviceIds.fromSanString("Vendor=8086:Device=0D5C:CC=120000:REV=01:SSVID=8086:SSID=0000"));
    }

    @Test
    void outOfRangeFieldsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceIds(0x10000, 0, 0, 0, 0, 0));
        assertEquals("vendorId 0x10000 out of range 0..0xffff", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DeviceIds(0, 0, 0x1000000, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeviceIds(0, 0, 0, 0x100, 0, 0));
    }

    @Test
    void generalNameIsAnOtherNameOfTheCmaOidWithAnExplicitUtf8String() {
        DeviceIds ids = CertFixtures.IDS;
        GeneralName name = ids.generalName();
        assertEquals(GeneralName.otherName, name.getTagNo());
        ASN1Sequence other = ASN1Sequence.getInstance(name.getName());
        assertEquals(new ASN1ObjectIdentifier("2.23.147"), other.getObjectAt(0));
        ASN1TaggedObject value = ASN1TaggedObject.getInstance(other.getObjectAt(1));
        assertEquals(0, value.getTagNo());
        assertEquals(ids.sanString(),
                assertInstanceOf(ASN1UTF8String.class, value.getExplicitBaseObject().toASN1Primitive()).getString());
    }

    @Test
    void aLeafWhoseOtherNameUsesAnotherOidHasNoCmaName() {
        // libspdm's sample leaf names the device under the DMTF OID 1.3.6.1.4.1.412.274.1, not the CMA one.
        assertEquals(Optional.empty(), DeviceIds.sanStringIn(vectorChain(Run.A_ECDSA_P384, 0).leaf()));
    }

    @Test
    void aCertificateWithoutSubjectAltNameHasNoCmaName() {
        assertEquals(Optional.empty(), DeviceIds.sanStringIn(vectorChain(Run.A_ECDSA_P384, 0).root()));
    }
}
