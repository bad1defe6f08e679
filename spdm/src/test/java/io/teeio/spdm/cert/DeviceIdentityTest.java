package io.teeio.spdm.cert;

import static io.teeio.spdm.cert.CertFixtures.IDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceIdentityTest {
    private final BouncyCastleProvider bc = new BouncyCastleProvider();
    private final IdentityGenerator generator = new IdentityGenerator(bc, new CachingKeyPairSource(KeyPairSource.seeded(bc)));
    private final DeviceIdentity p256 = generator.generate(
            IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, 1, IDS));
    private final DeviceIdentity other = generator.generate(
            IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, 2, IDS));
    private final DeviceIdentity rsa = generator.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_RSAPSS_2048, 1, IDS));

    @Test
    void toStringNamesTheLeafButNeverTheKey() {
        String s = p256.toString();
        String scalar = ((ECPrivateKey) p256.privateKey()).getS().toString(16);
        assertTrue(s.contains("CN=teeio P-256 responder"), s);
        assertFalse(s.contains(scalar), s);
        assertFalse(s.contains(Base64.getEncoder().encodeToString(p256.privateKey().getEncoded()).substring(0, 32)), s);
    }

    @Test
    void aPrivateKeyOfAnotherLeafIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceIdentity(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, p256.chain(), other.privateKey()));
        assertTrue(e.getMessage().startsWith("private key does not match the leaf certificate"), e.getMessage());
    }

    @Test
    void anAlgorithmTheLeafKeyDoesNotFitIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceIdentity(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, p256.chain(), p256.privateKey()));
        assertTrue(e.getMessage().contains("EC secp256r1 key, which does not fit TPM_ALG_ECDSA_ECC_NIST_P384"),
                e.getMessage());
    }

    @Test
    void anRsaIdentitySupportsBothSchemesOfItsSize() {
        assertEquals(EnumSet.of(BaseAsymAlgo.TPM_ALG_RSASSA_2048, BaseAsymAlgo.TPM_ALG_RSAPSS_2048), rsa.supportedAlgos());
        assertEquals(BaseAsymAlgo.TPM_ALG_RSASSA_2048, rsa.as(BaseAsymAlgo.TPM_ALG_RSASSA_2048).asym());
    }

    @Test
    void theGeneratedKeySignsWhatTheLeafKeyVerifies() {
        var crypto = CertFixtures.crypto();
        byte[] message = "transcript".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] sig = crypto.sign(rsa.asym(), io.teeio.spdm.crypto.BaseHashAlgo.TPM_ALG_SHA_256, rsa.privateKey(), message);
        assertTrue(crypto.verify(rsa.asym(), io.teeio.spdm.crypto.BaseHashAlgo.TPM_ALG_SHA_256, rsa.publicKey(), message, sig));
    }

    // ---- slots ----

    @Test
    void slotMaskHasOneBitPerProvisionedSlot() {
        SlotIdentities slots = SlotIdentities.of(Map.of(0, p256, 3, other, 7, rsa));
        assertEquals(0x89, slots.slotMask());
        assertEquals(java.util.List.of(0, 3, 7), slots.slots());
    }

    @Test
    void slotMaskForAnAlgorithmKeepsOnlySlotsWhoseKeysFitIt() {
        SlotIdentities slots = SlotIdentities.of(Map.of(0, p256, 1, rsa));
        assertEquals(0x01, slots.slotMaskFor(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256));
        assertEquals(0x02, slots.slotMaskFor(BaseAsymAlgo.TPM_ALG_RSASSA_2048));
        assertEquals(0x00, slots.slotMaskFor(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384));
    }

    @Test
    void slotsOutsideZeroToSevenAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SlotIdentities.of(Map.of(8, p256)));
        assertThrows(IllegalArgumentException.class, () -> SlotIdentities.of(Map.of(-1, p256)));
        assertThrows(IllegalArgumentException.class, () -> SlotIdentities.single(p256).with(8, rsa));
    }

    @Test
    void noSlotAtAllIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SlotIdentities.of(Map.of()));
    }

    @Test
    void withReplacesOrAddsOneSlot() {
        SlotIdentities slots = SlotIdentities.single(p256).with(0, other).with(2, rsa);
        assertEquals(other, slots.slot(0).orElseThrow());
        assertEquals(0x05, slots.slotMask());
        assertTrue(slots.slot(1).isEmpty());
    }

    @Test
    void slotsToStringShowsNoKey() {
        String s = SlotIdentities.single(p256).toString();
        assertFalse(s.contains(((ECPrivateKey) p256.privateKey()).getS().toString(16)), s);
    }
}
