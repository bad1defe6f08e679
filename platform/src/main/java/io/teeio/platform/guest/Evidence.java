package io.teeio.platform.guest;

import io.teeio.pcie.tdisp.TdiReport;
import io.teeio.spdm.cert.SpdmCertChain;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.message.MeasurementBlock;
import java.util.List;

/** What the CVM fetched about its TDI through guest requests, to check against its policy. */
public record Evidence(Bytes reportBytes, TdiReport report, SpdmCertChain chain, List<MeasurementBlock> measurements) {
    public Evidence {
        measurements = List.copyOf(measurements);
    }
}
