package io.teeio.platform.tsm;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.message.MeasurementBlock;
import java.util.List;
import java.util.Objects;

/** The TSM's answer to a {@link GuestRequest} (encoded by {@link GuestRequestCodec}); failures are exceptions. */
public sealed interface GuestResponse {
    GuestRequestType type();

    /** The report bytes exactly as the DSM sent them (what {@link GuestRequest.StartInterface} hashes). */
    record InterfaceReport(Bytes report) implements GuestResponse {
        public InterfaceReport {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_INTERFACE_REPORT;
        }
    }

    /** The certificates, DER, concatenated root first. */
    record CertificateChain(Bytes certificates) implements GuestResponse {
        public CertificateChain {
            Objects.requireNonNull(certificates, "certificates");
        }

        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_CERTIFICATE_CHAIN;
        }
    }

    record Measurements(List<MeasurementBlock> blocks) implements GuestResponse {
        public Measurements {
            blocks = List.copyOf(blocks);
            if (blocks.size() > 0xFF) {
                throw new IllegalArgumentException("at most 255 measurement blocks, got " + blocks.size());
            }
        }

        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_MEASUREMENTS;
        }
    }

    record TdiStateReport(TdiState state) implements GuestResponse {
        public TdiStateReport {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_TDI_STATE;
        }
    }

    /** START or STOP done; the TDI state the DSM reports afterwards. */
    record StateChanged(GuestRequestType type, TdiState state) implements GuestResponse {
        public StateChanged {
            Objects.requireNonNull(state, "state");
            if (type != GuestRequestType.START_INTERFACE && type != GuestRequestType.STOP_INTERFACE) {
                throw new IllegalArgumentException("a state change answers START_INTERFACE or STOP_INTERFACE, not " + type);
            }
        }
    }
}
