package io.teeio.pcie.tdisp;

import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.SecuredVendorChannel;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The TSM's TDISP requester over a secured vendor channel: one call per request, each checking that the answer
 * is the matching response for the same INTERFACE_ID, and turning TDISP_ERROR into {@link TdispException}.
 */
public final class TdispClient {
    private final SecuredVendorChannel channel;
    private final int reportChunkSize;
    private final Tracer tracer;

    /** @param reportChunkSize LENGTH asked for in each GET_DEVICE_INTERFACE_REPORT (1..0xFFFF) */
    public TdispClient(SecuredVendorChannel channel, int reportChunkSize, Tracer tracer) {
        if (reportChunkSize < 1 || reportChunkSize > 0xFFFF) {
            throw new IllegalArgumentException("report chunk size must be 1..65535: " + reportChunkSize);
        }
        this.channel = channel;
        this.reportChunkSize = reportChunkSize;
        this.tracer = tracer;
    }

    public List<Integer> version(InterfaceId id) throws TdispException, VendorChannelException {
        return exchange(new TdispRequest.GetTdispVersion(id), TdispResponse.TdispVersion.class).versions();
    }

    public TdispResponse.TdispCapabilities capabilities(InterfaceId id)
            throws TdispException, VendorChannelException {
        return exchange(new TdispRequest.GetTdispCapabilities(id, 0), TdispResponse.TdispCapabilities.class);
    }

    /** @return START_INTERFACE_NONCE, to hand to {@link #start} */
    public Bytes lock(InterfaceId id, LockInterfaceFlags flags, int defaultStreamId, long mmioReportingOffset,
            long bindP2pAddressMask) throws TdispException, VendorChannelException {
        return exchange(new TdispRequest.LockInterfaceRequest(id, flags, defaultStreamId, mmioReportingOffset,
                bindP2pAddressMask), TdispResponse.LockInterfaceResponse.class).startInterfaceNonce();
    }

    /** The whole TDI report as bytes (what a verifier hashes), fetched in chunks of the configured size. */
    public Bytes reportBytes(InterfaceId id) throws TdispException, VendorChannelException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int offset = 0;
        int expectedTotal = -1;
        while (true) {
            TdispResponse.DeviceInterfaceReport part = exchange(
                    new TdispRequest.GetDeviceInterfaceReport(id, offset, reportChunkSize),
                    TdispResponse.DeviceInterfaceReport.class);
            int portion = part.portion().length();
            int total = offset + portion + part.remainderLength();
            if (portion > reportChunkSize) {
                throw bad("portion of " + portion + " bytes exceeds the " + reportChunkSize + " asked for");
            }
            if (expectedTotal >= 0 && total != expectedTotal) {
                throw bad("report size changed from " + expectedTotal + " to " + total + " between portions");
            }
            expectedTotal = total;
            all.writeBytes(part.portion().toByteArray());
            if (part.remainderLength() == 0) {
                return Bytes.of(all.toByteArray());
            }
            if (portion == 0) {
                throw bad("empty portion with " + part.remainderLength() + " bytes remaining");
            }
            offset += portion;
            if (offset > 0xFFFF) {
                throw bad("report longer than a 16-bit OFFSET can reach");
            }
        }
    }

    public TdiReport report(InterfaceId id) throws TdispException, VendorChannelException {
        try {
            return TdiReportCodec.decode(reportBytes(id).toByteArray());
        } catch (SpdmDecodeException e) {
            throw new TdispException(TdispMessageType.GET_DEVICE_INTERFACE_REPORT, "malformed report: "
                    + e.getMessage(), e);
        }
    }

    public TdiState state(InterfaceId id) throws TdispException, VendorChannelException {
        return exchange(new TdispRequest.GetDeviceInterfaceState(id), TdispResponse.DeviceInterfaceState.class)
                .state();
    }

    public void start(InterfaceId id, Bytes startInterfaceNonce) throws TdispException, VendorChannelException {
        exchange(new TdispRequest.StartInterfaceRequest(id, startInterfaceNonce),
                TdispResponse.StartInterfaceResponse.class);
    }

    public void stop(InterfaceId id) throws TdispException, VendorChannelException {
        exchange(new TdispRequest.StopInterfaceRequest(id), TdispResponse.StopInterfaceResponse.class);
    }

    public void bindP2pStream(InterfaceId id, int p2pStreamId) throws TdispException, VendorChannelException {
        exchange(new TdispRequest.BindP2pStreamRequest(id, p2pStreamId), TdispResponse.BindP2pStreamResponse.class);
    }

    public void unbindP2pStream(InterfaceId id, int p2pStreamId) throws TdispException, VendorChannelException {
        exchange(new TdispRequest.UnbindP2pStreamRequest(id, p2pStreamId),
                TdispResponse.UnbindP2pStreamResponse.class);
    }

    public void setMmioAttribute(InterfaceId id, MmioRange range) throws TdispException, VendorChannelException {
        exchange(new TdispRequest.SetMmioAttributeRequest(id, range), TdispResponse.SetMmioAttributeResponse.class);
    }

    public TdispResponse.VdmResponse vdm(InterfaceId id, VendorIdentity vendor, Bytes data)
            throws TdispException, VendorChannelException {
        return exchange(new TdispRequest.VdmRequest(id, vendor, data), TdispResponse.VdmResponse.class);
    }

    private static TdispException bad(String why) {
        return new TdispException(TdispMessageType.GET_DEVICE_INTERFACE_REPORT, why);
    }

    private <T extends TdispResponse> T exchange(TdispRequest request, Class<T> expected)
            throws TdispException, VendorChannelException {
        tracer.event("pcie", "TSM", "DSM", request.type().name(), request.interfaceId().toString());
        byte[] answer = channel.exchange(PciSigProtocol.TDISP, TdispCodec.encode(request));
        TdispResponse response;
        try {
            response = TdispCodec.decodeResponse(answer);
        } catch (SpdmDecodeException e) {
            throw new TdispException(request.type(), "undecodable answer: " + e.getMessage(), e);
        }
        if (response instanceof TdispResponse.TdispError error) {
            throw new TdispException(request.type(), error.errorCode(), error.errorData());
        }
        if (!response.interfaceId().equals(request.interfaceId())) {
            throw new TdispException(request.type(), "answer is for " + response.interfaceId() + ", asked "
                    + request.interfaceId());
        }
        if (!expected.isInstance(response)) {
            throw new TdispException(request.type(), "answered with " + response.type() + ", expected "
                    + request.type().response());
        }
        return expected.cast(response);
    }
}
