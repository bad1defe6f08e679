package io.teeio.pcie.idekm;

import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.SecuredVendorChannel;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;

/** TSM side of IDE_KM: one call per request, each checking that the answer echoes it. */
public final class IdeKmClient {
    private final SecuredVendorChannel channel;
    private final Tracer tracer;

    public IdeKmClient(SecuredVendorChannel channel, Tracer tracer) {
        this.channel = channel;
        this.tracer = tracer;
    }

    public IdeKmMessage.QueryResp query(int portIndex) throws IdeKmException, VendorChannelException {
        IdeKmMessage answer = exchange(new IdeKmMessage.Query(portIndex));
        if (!(answer instanceof IdeKmMessage.QueryResp resp)) {
            throw new IdeKmException(IdeKmObjectId.QUERY, "answered with " + answer.objectId());
        }
        if (resp.portIndex() != portIndex) {
            throw new IdeKmException(IdeKmObjectId.QUERY, "asked port " + portIndex + ", answer is for port "
                    + resp.portIndex());
        }
        return resp;
    }

    /** @throws IdeKmException with {@link IdeKmException#status()} when KP_ACK reports anything but success */
    public void keyProg(int streamId, KeySubStream keySubStream, int portIndex, IdeKey key, long ifv)
            throws IdeKmException, VendorChannelException {
        IdeKmMessage answer = exchange(new IdeKmMessage.KeyProg(streamId, keySubStream, portIndex, key, ifv));
        if (!(answer instanceof IdeKmMessage.KpAck ack)) {
            throw new IdeKmException(IdeKmObjectId.KEY_PROG, "answered with " + answer.objectId());
        }
        checkEcho(IdeKmObjectId.KEY_PROG, streamId, keySubStream, portIndex, ack.streamId(), ack.keySubStream(),
                ack.portIndex());
        if (ack.status() != KpAckStatus.SUCCESS) {
            throw new IdeKmException(IdeKmObjectId.KEY_PROG, ack.status(), "port " + portIndex + " stream "
                    + streamId + " " + keySubStream + " refused: " + ack.status());
        }
    }

    public void setGo(int streamId, KeySubStream keySubStream, int portIndex)
            throws IdeKmException, VendorChannelException {
        goStop(IdeKmObjectId.K_SET_GO, new IdeKmMessage.KSetGo(streamId, keySubStream, portIndex));
    }

    public void setStop(int streamId, KeySubStream keySubStream, int portIndex)
            throws IdeKmException, VendorChannelException {
        goStop(IdeKmObjectId.K_SET_STOP, new IdeKmMessage.KSetStop(streamId, keySubStream, portIndex));
    }

    private void goStop(IdeKmObjectId what, IdeKmMessage request) throws IdeKmException, VendorChannelException {
        IdeKmMessage answer = exchange(request);
        if (!(answer instanceof IdeKmMessage.KGoStopAck ack)) {
            throw new IdeKmException(what, "answered with " + answer.objectId());
        }
        int stream;
        KeySubStream kss;
        int port;
        if (request instanceof IdeKmMessage.KSetGo go) {
            stream = go.streamId();
            kss = go.keySubStream();
            port = go.portIndex();
        } else {
            IdeKmMessage.KSetStop stop = (IdeKmMessage.KSetStop) request;
            stream = stop.streamId();
            kss = stop.keySubStream();
            port = stop.portIndex();
        }
        checkEcho(what, stream, kss, port, ack.streamId(), ack.keySubStream(), ack.portIndex());
    }

    private static void checkEcho(IdeKmObjectId what, int stream, KeySubStream kss, int port, int gotStream,
            KeySubStream gotKss, int gotPort) throws IdeKmException {
        if (stream != gotStream || !kss.equals(gotKss) || port != gotPort) {
            throw new IdeKmException(what, "acknowledgement names port " + gotPort + " stream " + gotStream + " "
                    + gotKss + ", request was port " + port + " stream " + stream + " " + kss);
        }
    }

    private IdeKmMessage exchange(IdeKmMessage request) throws IdeKmException, VendorChannelException {
        tracer.event("pcie", "TSM", "DSM", request.objectId().name(), describe(request));
        byte[] response = channel.exchange(PciSigProtocol.IDE_KM, IdeKmCodec.encode(request));
        try {
            IdeKmMessage answer = IdeKmCodec.decode(response);
            if (answer.objectId().isRequest()) {
                throw new IdeKmException(request.objectId(), "answered with request " + answer.objectId());
            }
            return answer;
        } catch (SpdmDecodeException e) {
            throw new IdeKmException(request.objectId(), "undecodable answer: " + e.getMessage(), e);
        }
    }

    /** Never names the key. */
    private static String describe(IdeKmMessage m) {
        if (m instanceof IdeKmMessage.KeyProg kp) {
            return "port " + kp.portIndex() + " stream " + kp.streamId() + " " + kp.keySubStream();
        }
        return m.toString();
    }
}
