package io.teeio.platform.tsm;

import io.teeio.spdm.codec.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** What a guest asks the TSM about its TDI (encoded by {@link GuestRequestCodec}). */
public sealed interface GuestRequest {
    GuestRequestType type();

    /** The TDI's DEVICE_INTERFACE_REPORT, fetched from the DSM now. */
    record GetInterfaceReport() implements GuestRequest {
        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_INTERFACE_REPORT;
        }
    }

    /** The DSM's certificate chain (slot 0) as the TSM received and verified it at connect. */
    record GetCertificateChain() implements GuestRequest {
        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_CERTIFICATE_CHAIN;
        }
    }

    /** The DSM's measurements as the TSM received them, signed, at connect. */
    record GetMeasurements() implements GuestRequest {
        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_MEASUREMENTS;
        }
    }

    /** The TDI state, asked of the DSM now. */
    record GetTdiState() implements GuestRequest {
        @Override
        public GuestRequestType type() {
            return GuestRequestType.GET_TDI_STATE;
        }
    }

    /**
     * Accept the TDI: CONFIG_LOCKED -> RUN. Carries the SHA-384 digest of the interface report the guest validated;
     * the TSM starts the TDI only if it served that report since the LOCK its nonce came from.
     */
    record StartInterface(Bytes reportDigest) implements GuestRequest {
        public static final int DIGEST_LENGTH = 48;

        public StartInterface {
            Objects.requireNonNull(reportDigest, "reportDigest");
            if (reportDigest.length() != DIGEST_LENGTH) {
                throw new IllegalArgumentException("report digest must be " + DIGEST_LENGTH + " bytes (SHA-384), was "
                        + reportDigest.length());
            }
        }

        /** START for the report the guest validated. */
        public static StartInterface accepting(Bytes report) {
            return new StartInterface(digest(report));
        }

        @Override
        public GuestRequestType type() {
            return GuestRequestType.START_INTERFACE;
        }
    }

    /** Give the TDI up: any state -> CONFIG_UNLOCKED (it stays assigned to the VM until unbind). */
    record StopInterface() implements GuestRequest {
        @Override
        public GuestRequestType type() {
            return GuestRequestType.STOP_INTERFACE;
        }
    }

    /** SHA-384 of a report, as {@link StartInterface} carries it. */
    static Bytes digest(Bytes report) {
        try {
            return Bytes.of(MessageDigest.getInstance("SHA-384").digest(report.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is required of every Java platform", e);
        }
    }
}
