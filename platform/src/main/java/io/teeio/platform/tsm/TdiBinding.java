package io.teeio.platform.tsm;

import io.teeio.pcie.tdisp.InterfaceId;
import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One bound TDI inside the TSM: owner VM, guest requester id, {@link BindingState}, the START_INTERFACE_NONCE
 * its LOCK returned (a secret: kept only while LOCKED, zeroed after, never printed), and the digests of the
 * reports served to the owner since that LOCK (what START may name).
 */
final class TdiBinding {
    final RoutingId tdi;
    final InterfaceId interfaceId;
    final VmId vm;
    final int guestRequesterId;
    private BindingState state = BindingState.LOCKED;
    private byte[] nonce;
    private final Set<Bytes> reportsServed = new HashSet<>();

    TdiBinding(RoutingId tdi, InterfaceId interfaceId, VmId vm, int guestRequesterId, byte[] nonce) {
        this.tdi = tdi;
        this.interfaceId = interfaceId;
        this.vm = vm;
        this.guestRequesterId = guestRequesterId;
        this.nonce = nonce.clone();
    }

    BindingState state() {
        return state;
    }

    void reportServed(Bytes report) {
        reportsServed.add(GuestRequest.digest(report));
    }

    boolean validated(Bytes reportDigest) {
        return reportsServed.contains(reportDigest);
    }

    /** The nonce for START_INTERFACE (only while LOCKED). */
    Bytes nonce() {
        if (nonce == null) {
            throw new IllegalStateException("the START nonce of " + tdi + " is gone (" + state + ")");
        }
        return Bytes.of(nonce);
    }

    /** LOCKED -> RUN: the nonce is used up. */
    void started() {
        destroyNonce();
        state = BindingState.RUN;
    }

    /** Any -> STOPPED. */
    void stopped() {
        destroyNonce();
        state = BindingState.STOPPED;
    }

    void destroyNonce() {
        if (nonce != null) {
            Arrays.fill(nonce, (byte) 0);
            nonce = null;
        }
    }

    BoundTdi snapshot(RoutingId dsm) {
        return new BoundTdi(tdi, dsm, vm, guestRequesterId, state);
    }

    @Override
    public String toString() {
        return "TdiBinding[" + tdi + ", " + vm + ", " + state + "]";
    }
}
