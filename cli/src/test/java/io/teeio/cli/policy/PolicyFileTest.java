package io.teeio.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.guest.ExpectedMmioRange;
import io.teeio.platform.guest.GuestPolicy;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    @TempDir
    Path dir;

    private static GuestPolicy policy() {
        var root = new IdentityGenerator().generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256,
                3, new DeviceIds(0x8086, 1, 0x120000, 1, 0x8086, 0))).chain().root();
        return new GuestPolicy(List.of(root), Map.of(1, Bytes.fromHex("00112233"), 4, Bytes.fromHex("aabb")),
                List.of(new ExpectedMmioRange(0, 16, false), new ExpectedMmioRange(2, 1, true)), 0x2);
    }

    @Test
    void aWrittenPolicyReadsBackEqual() throws IOException {
        Path f = dir.resolve("p.json");
        GuestPolicy p = policy();
        PolicyFile.write(f, p);
        assertEquals(p, PolicyFile.read(f));
    }

    @Test
    void aMissingFileIsNamed() {
        IOException e = assertThrows(IOException.class, () -> PolicyFile.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("none.json: no such file"), e.getMessage());
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"trustAnchors\": [], \"mmioRanges\": []}");
        IOException e = assertThrows(IOException.class, () -> PolicyFile.read(f));
        assertTrue(e.getMessage().contains("\"referenceMeasurements\" is missing"), e.getMessage());
    }

    @Test
    void brokenJsonIsReportedAsSuch() throws IOException {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{ not json");
        IOException e = assertThrows(IOException.class, () -> PolicyFile.read(f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }
}
