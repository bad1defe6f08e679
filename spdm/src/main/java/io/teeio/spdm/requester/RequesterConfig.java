package io.teeio.spdm.requester;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.SpdmVersion;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a requester offers and trusts. With no trust anchors and {@code verifyChains} false the chain is
 * taken as sent — callers must say so in their output; nothing skips verification silently.
 */
public record RequesterConfig(List<SpdmVersion> versions, int capabilityFlags, int ctExponent, int dataTransferSize,
        int maxSpdmMsgSize, List<BaseHashAlgo> hashes, List<BaseAsymAlgo> asyms, List<DheGroup> dheGroups,
        List<AeadAlgo> aeads, List<X509Certificate> trustAnchors, boolean verifyChains, Supplier<Instant> clock,
        int certificatePortion, int responseNotReadyRetries, String name) {

    /** ENCRYPT, MAC, KEY_EX, HBEAT, KEY_UPD, HANDSHAKE_IN_THE_CLEAR: no certificate of its own, no mutual auth. */
    public static final int DEFAULT_FLAGS = CapabilityFlags.ENCRYPT_CAP | CapabilityFlags.MAC_CAP
            | CapabilityFlags.KEY_EX_CAP | CapabilityFlags.HBEAT_CAP | CapabilityFlags.KEY_UPD_CAP
            | CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP;

    public RequesterConfig {
        versions = List.copyOf(versions);
        hashes = List.copyOf(hashes);
        asyms = List.copyOf(asyms);
        dheGroups = List.copyOf(dheGroups);
        aeads = List.copyOf(aeads);
        trustAnchors = List.copyOf(trustAnchors);
        if (verifyChains && trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("chain verification needs at least one trust anchor");
        }
        if (certificatePortion < 1 || certificatePortion > 0xFFFF) {
            throw new IllegalArgumentException("certificate portion must be 1..65535");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().versions(versions).capabilityFlags(capabilityFlags).ctExponent(ctExponent)
                .dataTransferSize(dataTransferSize, maxSpdmMsgSize).hashes(hashes).asyms(asyms).dheGroups(dheGroups)
                .aeads(aeads).trustAnchors(trustAnchors).verifyChains(verifyChains).clock(clock)
                .certificatePortion(certificatePortion).responseNotReadyRetries(responseNotReadyRetries).name(name);
    }

    public static final class Builder {
        private List<SpdmVersion> versions = List.of(SpdmVersion.V1_2, SpdmVersion.V1_1);
        private int flags = DEFAULT_FLAGS;
        private int ctExponent = 0;
        private int dataTransferSize = 0x1200;
        private int maxSpdmMsgSize = 0x1200;
        private List<BaseHashAlgo> hashes = BaseHashAlgo.PRIORITY;
        private List<BaseAsymAlgo> asyms = BaseAsymAlgo.PRIORITY;
        private List<DheGroup> dheGroups = DheGroup.PRIORITY;
        private List<AeadAlgo> aeads = AeadAlgo.PRIORITY;
        private List<X509Certificate> trustAnchors = List.of();
        private boolean verifyChains = false;
        private Supplier<Instant> clock = Instant::now;
        private int certificatePortion = 0x400;
        private int responseNotReadyRetries = 3;
        private String name = "requester";

        public Builder versions(List<SpdmVersion> v) {
            versions = v;
            return this;
        }

        public Builder capabilityFlags(int f) {
            flags = f;
            return this;
        }

        public Builder ctExponent(int e) {
            ctExponent = e;
            return this;
        }

        public Builder dataTransferSize(int dts, int max) {
            dataTransferSize = dts;
            maxSpdmMsgSize = max;
            return this;
        }

        public Builder hashes(List<BaseHashAlgo> h) {
            hashes = h;
            return this;
        }

        public Builder asyms(List<BaseAsymAlgo> a) {
            asyms = a;
            return this;
        }

        public Builder dheGroups(List<DheGroup> d) {
            dheGroups = d;
            return this;
        }

        public Builder aeads(List<AeadAlgo> a) {
            aeads = a;
            return this;
        }

        /** Anchors to verify certificate chains against; turns verification on. */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            trustAnchors = anchors;
            verifyChains = !anchors.isEmpty();
            return this;
        }

        public Builder verifyChains(boolean v) {
            verifyChains = v;
            return this;
        }

        public Builder clock(Supplier<Instant> c) {
            clock = c;
            return this;
        }

        public Builder certificatePortion(int n) {
            certificatePortion = n;
            return this;
        }

        public Builder responseNotReadyRetries(int n) {
            responseNotReadyRetries = n;
            return this;
        }

        public Builder name(String n) {
            name = n;
            return this;
        }

        public RequesterConfig build() {
            return new RequesterConfig(versions, flags, ctExponent, dataTransferSize, maxSpdmMsgSize, hashes, asyms,
                    dheGroups, aeads, trustAnchors, verifyChains, clock, certificatePortion, responseNotReadyRetries,
                    name);
        }
    }
}
