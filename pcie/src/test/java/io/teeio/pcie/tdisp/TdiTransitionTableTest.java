package io.teeio.pcie.tdisp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.codec.Bytes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole TDI state machine (PROTOCOLS.md §5.3, §5.6) as one table: every state x every TDISP request and
 * outside event -> the state after it and the response (message type, TDISP_ERROR code, or "-" for an outside
 * event, which has no response). Requests go through the TDISP responder as bytes.
 */
class TdiTransitionTableTest {

    enum Event {
        GET_TDISP_VERSION, GET_TDISP_CAPABILITIES, LOCK_INTERFACE_REQUEST, GET_DEVICE_INTERFACE_REPORT,
        GET_DEVICE_INTERFACE_STATE, START_INTERFACE_REQUEST, START_WITH_WRONG_NONCE, STOP_INTERFACE_REQUEST,
        BIND_P2P_STREAM_REQUEST, UNBIND_P2P_STREAM_REQUEST, SET_MMIO_ATTRIBUTE_REQUEST, VDM_REQUEST,
        CONFIG_WRITE, BAR_CHANGE, MSE_BME_CLEAR, REQUESTER_ID_CHANGE, FLR, BOUND_IDE_STREAM_INSECURE,
        OTHER_IDE_STREAM_INSECURE, LOCKING_SESSION_TERMINATED, OTHER_SESSION_TERMINATED, DEVICE_ERROR,
        CONVENTIONAL_RESET, ERROR_SCRUBBED
    }

    // state | event | state after | response
    static final String TABLE = """
            CONFIG_UNLOCKED | GET_TDISP_VERSION           | CONFIG_UNLOCKED | TDISP_VERSION
            CONFIG_UNLOCKED | GET_TDISP_CAPABILITIES      | CONFIG_UNLOCKED | TDISP_CAPABILITIES
            CONFIG_UNLOCKED | LOCK_INTERFACE_REQUEST      | CONFIG_LOCKED   | LOCK_INTERFACE_RESPONSE
            CONFIG_UNLOCKED | GET_DEVICE_INTERFACE_REPORT | CONFIG_UNLOCKED | INVALID_INTERFACE_STATE
            CONFIG_UNLOCKED | GET_DEVICE_INTERFACE_STATE  | CONFIG_UNLOCKED | DEVICE_INTERFACE_STATE
            CONFIG_UNLOCKED | START_INTERFACE_REQUEST     | CONFIG_UNLOCKED | INVALID_INTERFACE_STATE
            CONFIG_UNLOCKED | START_WITH_WRONG_NONCE      | CONFIG_UNLOCKED | INVALID_INTERFACE_STATE
            CONFIG_UNLOCKED | STOP_INTERFACE_REQUEST      | CONFIG_UNLOCKED | STOP_INTERFACE_RESPONSE
            CONFIG_UNLOCKED | BIND_P2P_STREAM_REQUEST     | CONFIG_UNLOCKED | INVALID_INTERFACE_STATE
            CONFIG_UNLOCKED | UNBIND_P2P_STREAM_REQUEST   | CONFIG_UNLOCKED | INVALID_INTERFACE_STATE
            CONFIG_UNLOCKED | SET_MMIO_ATTRIBUTE_REQUEST  | CONFIG_UNLOCKED | INVALID_INTERFACE_STATE
            CONFIG_UNLOCKED | VDM_REQUEST                 | CONFIG_UNLOCKED | VDM_RESPONSE
            CONFIG_UNLOCKED | CONFIG_WRITE                | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | BAR_CHANGE                  | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | MSE_BME_CLEAR               | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | REQUESTER_ID_CHANGE         | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | FLR                         | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | BOUND_IDE_STREAM_INSECURE   | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | OTHER_IDE_STREAM_INSECURE   | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | LOCKING_SESSION_TERMINATED  | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | OTHER_SESSION_TERMINATED    | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | DEVICE_ERROR                | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | CONVENTIONAL_RESET          | CONFIG_UNLOCKED | -
            CONFIG_UNLOCKED | ERROR_SCRUBBED              | CONFIG_UNLOCKED | INVALID_INTERFACE_STATE

            CONFIG_LOCKED   | GET_TDISP_VERSION           | CONFIG_LOCKED   | TDISP_VERSION
            CONFIG_LOCKED   | GET_TDISP_CAPABILITIES      | CONFIG_LOCKED   | TDISP_CAPABILITIES
            CONFIG_LOCKED   | LOCK_INTERFACE_REQUEST      | CONFIG_LOCKED   | INVALID_INTERFACE_STATE
            CONFIG_LOCKED   | GET_DEVICE_INTERFACE_REPORT | CONFIG_LOCKED   | DEVICE_INTERFACE_REPORT
            CONFIG_LOCKED   | GET_DEVICE_INTERFACE_STATE  | CONFIG_LOCKED   | DEVICE_INTERFACE_STATE
            CONFIG_LOCKED   | START_INTERFACE_REQUEST     | RUN             | START_INTERFACE_RESPONSE
            CONFIG_LOCKED   | START_WITH_WRONG_NONCE      | CONFIG_LOCKED   | INVALID_NONCE
            CONFIG_LOCKED   | STOP_INTERFACE_REQUEST      | CONFIG_UNLOCKED | STOP_INTERFACE_RESPONSE
            CONFIG_LOCKED   | BIND_P2P_STREAM_REQUEST     | CONFIG_LOCKED   | INVALID_INTERFACE_STATE
            CONFIG_LOCKED   | UNBIND_P2P_STREAM_REQUEST   | CONFIG_LOCKED   | INVALID_INTERFACE_STATE
            CONFIG_LOCKED   | SET_MMIO_ATTRIBUTE_REQUEST  | CONFIG_LOCKED   | INVALID_INTERFACE_STATE
            CONFIG_LOCKED   | VDM_REQUEST                 | CONFIG_LOCKED   | VDM_RESPONSE
            CONFIG_LOCKED   | CONFIG_WRITE                | ERROR           | -
            CONFIG_LOCKED   | BAR_CHANGE                  | ERROR           | -
            CONFIG_LOCKED   | MSE_BME_CLEAR               | ERROR           | -
            CONFIG_LOCKED   | REQUESTER_ID_CHANGE         | ERROR           | -
            CONFIG_LOCKED   | FLR                         | ERROR           | -
            CONFIG_LOCKED   | BOUND_IDE_STREAM_INSECURE   | ERROR           | -
            CONFIG_LOCKED   | OTHER_IDE_STREAM_INSECURE   | CONFIG_LOCKED   | -
            CONFIG_LOCKED   | LOCKING_SESSION_TERMINATED  | ERROR           | -
            CONFIG_LOCKED   | OTHER_SESSION_TERMINATED    | CONFIG_LOCKED   | -
            CONFIG_LOCKED   | DEVICE_ERROR                | ERROR           | -
            CONFIG_LOCKED   | CONVENTIONAL_RESET          | CONFIG_UNLOCKED | -
            CONFIG_LOCKED   | ERROR_SCRUBBED              | CONFIG_LOCKED   | INVALID_INTERFACE_STATE

            RUN             | GET_TDISP_VERSION           | RUN             | TDISP_VERSION
            RUN             | GET_TDISP_CAPABILITIES      | RUN             | TDISP_CAPABILITIES
            RUN             | LOCK_INTERFACE_REQUEST      | RUN             | INVALID_INTERFACE_STATE
            RUN             | GET_DEVICE_INTERFACE_REPORT | RUN             | DEVICE_INTERFACE_REPORT
            RUN             | GET_DEVICE_INTERFACE_STATE  | RUN             | DEVICE_INTERFACE_STATE
            RUN             | START_INTERFACE_REQUEST     | RUN             | INVALID_INTERFACE_STATE
            RUN             | START_WITH_WRONG_NONCE      | RUN             | INVALID_INTERFACE_STATE
            RUN             | STOP_INTERFACE_REQUEST      | CONFIG_UNLOCKED | STOP_INTERFACE_RESPONSE
            RUN             | BIND_P2P_STREAM_REQUEST     | RUN             | BIND_P2P_STREAM_RESPONSE
            RUN             | UNBIND_P2P_STREAM_REQUEST   | RUN             | UNBIND_P2P_STREAM_RESPONSE
            RUN             | SET_MMIO_ATTRIBUTE_REQUEST  | RUN             | SET_MMIO_ATTRIBUTE_RESPONSE
            RUN             | VDM_REQUEST                 | RUN             | VDM_RESPONSE
            RUN             | CONFIG_WRITE                | ERROR           | -
            RUN             | BAR_CHANGE                  | ERROR           | -
            RUN             | MSE_BME_CLEAR               | ERROR           | -
            RUN             | REQUESTER_ID_CHANGE         | ERROR           | -
            RUN             | FLR                         | ERROR           | -
            RUN             | BOUND_IDE_STREAM_INSECURE   | ERROR           | -
            RUN             | OTHER_IDE_STREAM_INSECURE   | RUN             | -
            RUN             | LOCKING_SESSION_TERMINATED  | ERROR           | -
            RUN             | OTHER_SESSION_TERMINATED    | RUN             | -
            RUN             | DEVICE_ERROR                | ERROR           | -
            RUN             | CONVENTIONAL_RESET          | CONFIG_UNLOCKED | -
            RUN             | ERROR_SCRUBBED              | RUN             | INVALID_INTERFACE_STATE

            ERROR           | GET_TDISP_VERSION           | ERROR           | TDISP_VERSION
            ERROR           | GET_TDISP_CAPABILITIES      | ERROR           | TDISP_CAPABILITIES
            ERROR           | LOCK_INTERFACE_REQUEST      | ERROR           | INVALID_INTERFACE_STATE
            ERROR           | GET_DEVICE_INTERFACE_REPORT | ERROR           | INVALID_INTERFACE_STATE
            ERROR           | GET_DEVICE_INTERFACE_STATE  | ERROR           | DEVICE_INTERFACE_STATE
            ERROR           | START_INTERFACE_REQUEST     | ERROR           | INVALID_INTERFACE_STATE
            ERROR           | START_WITH_WRONG_NONCE      | ERROR           | INVALID_INTERFACE_STATE
            ERROR           | STOP_INTERFACE_REQUEST      | CONFIG_UNLOCKED | STOP_INTERFACE_RESPONSE
            ERROR           | BIND_P2P_STREAM_REQUEST     | ERROR           | INVALID_INTERFACE_STATE
            ERROR           | UNBIND_P2P_STREAM_REQUEST   | ERROR           | INVALID_INTERFACE_STATE
            ERROR           | SET_MMIO_ATTRIBUTE_REQUEST  | ERROR           | INVALID_INTERFACE_STATE
            ERROR           | VDM_REQUEST                 | ERROR           | VDM_RESPONSE
            ERROR           | CONFIG_WRITE                | ERROR           | -
            ERROR           | BAR_CHANGE                  | ERROR           | -
            ERROR           | MSE_BME_CLEAR               | ERROR           | -
            ERROR           | REQUESTER_ID_CHANGE         | ERROR           | -
            ERROR           | FLR                         | ERROR           | -
            ERROR           | BOUND_IDE_STREAM_INSECURE   | ERROR           | -
            ERROR           | OTHER_IDE_STREAM_INSECURE   | ERROR           | -
            ERROR           | LOCKING_SESSION_TERMINATED  | ERROR           | -
            ERROR           | OTHER_SESSION_TERMINATED    | ERROR           | -
            ERROR           | DEVICE_ERROR                | ERROR           | -
            ERROR           | CONVENTIONAL_RESET          | CONFIG_UNLOCKED | -
            ERROR           | ERROR_SCRUBBED              | CONFIG_UNLOCKED | -
            """;

    static Stream<Arguments> table() {
        return TABLE.lines().filter(l -> !l.isBlank()).map(l -> {
            String[] c = Arrays.stream(l.split("\\|")).map(String::trim).toArray(String[]::new);
            return Arguments.of(TdiState.valueOf(c[0]), Event.valueOf(c[1]), TdiState.valueOf(c[2]), c[3]);
        });
    }

    @Test
    void tableHasExactlyOneRowForEveryStateAndEvent() {
        Set<String> seen = new HashSet<>();
        table().forEach(a -> seen.add(a.get()[0] + "/" + a.get()[1]));
        assertEquals(TdiState.values().length * Event.values().length, seen.size());
        assertEquals(seen.size(), table().count());
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}, {3}")
    @MethodSource("table")
    void stateAndEventGiveTheNextStateAndResponse(TdiState from, Event event, TdiState to, String response) {
        Dsm dsm = new Dsm();
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.keyStream(Dsm.SESSION, Dsm.OTHER_STREAM);
        Bytes nonce = enter(dsm, from);
        assertEquals(from, dsm.tdi.state());

        String got = apply(dsm, event, nonce);

        assertEquals(to, dsm.tdi.state());
        assertEquals(response, got);
    }

    /** Drives a fresh TDI into {@code state}; returns the nonce of its LOCK (zeros if none). */
    private static Bytes enter(Dsm dsm, TdiState state) {
        if (state == TdiState.CONFIG_UNLOCKED) {
            return Bytes.zeros(32);
        }
        Bytes nonce = dsm.lock();
        if (state == TdiState.RUN) {
            dsm.send(new TdispRequest.StartInterfaceRequest(Dsm.TDI, nonce));
            dsm.send(new TdispRequest.BindP2pStreamRequest(Dsm.TDI, 1));
        } else if (state == TdiState.ERROR) {
            dsm.tdi.functionLevelReset();
        }
        return nonce;
    }

    private static String apply(Dsm dsm, Event event, Bytes nonce) {
        InterfaceId id = Dsm.TDI;
        Tdi tdi = dsm.tdi;
        switch (event) {
            case GET_TDISP_VERSION -> {
                return Dsm.outcome(dsm.send(new TdispRequest.GetTdispVersion(id)));
            }
            case GET_TDISP_CAPABILITIES -> {
                return Dsm.outcome(dsm.send(new TdispRequest.GetTdispCapabilities(id, 0)));
            }
            case LOCK_INTERFACE_REQUEST -> {
                return Dsm.outcome(dsm.send(new TdispRequest.LockInterfaceRequest(id, LockInterfaceFlags.NONE,
                        Dsm.STREAM, 0, 0)));
            }
            case GET_DEVICE_INTERFACE_REPORT -> {
                return Dsm.outcome(dsm.send(new TdispRequest.GetDeviceInterfaceReport(id, 0, 0x20)));
            }
            case GET_DEVICE_INTERFACE_STATE -> {
                return Dsm.outcome(dsm.send(new TdispRequest.GetDeviceInterfaceState(id)));
            }
            case START_INTERFACE_REQUEST -> {
                return Dsm.outcome(dsm.send(new TdispRequest.StartInterfaceRequest(id, nonce)));
            }
            case START_WITH_WRONG_NONCE -> {
                byte[] wrong = nonce.toByteArray();
                wrong[31] ^= 1;
                return Dsm.outcome(dsm.send(new TdispRequest.StartInterfaceRequest(id, Bytes.of(wrong))));
            }
            case STOP_INTERFACE_REQUEST -> {
                return Dsm.outcome(dsm.send(new TdispRequest.StopInterfaceRequest(id)));
            }
            case BIND_P2P_STREAM_REQUEST -> {
                return Dsm.outcome(dsm.send(new TdispRequest.BindP2pStreamRequest(id, 2)));
            }
            case UNBIND_P2P_STREAM_REQUEST -> {
                return Dsm.outcome(dsm.send(new TdispRequest.UnbindP2pStreamRequest(id, 1)));
            }
            case SET_MMIO_ATTRIBUTE_REQUEST -> {
                return Dsm.outcome(dsm.send(new TdispRequest.SetMmioAttributeRequest(id, new MmioRange(Dsm.BAR2 >>> 12,
                        1, MmioRange.IS_NON_TEE_MEM, 2))));
            }
            case VDM_REQUEST -> {
                return Dsm.outcome(dsm.send(new TdispRequest.VdmRequest(id, new VendorIdentity(0,
                        Bytes.fromHex("0100")), Bytes.fromHex("cafe"))));
            }
            case CONFIG_WRITE -> tdi.configurationChanged("Extended Tag Field Enable cleared");
            case BAR_CHANGE -> tdi.barChanged();
            case MSE_BME_CLEAR -> tdi.memorySpaceOrBusMasterCleared();
            case REQUESTER_ID_CHANGE -> tdi.requesterIdChanged();
            case FLR -> tdi.functionLevelReset();
            case BOUND_IDE_STREAM_INSECURE -> dsm.stopKey(Dsm.STREAM);
            case OTHER_IDE_STREAM_INSECURE -> dsm.stopKey(Dsm.OTHER_STREAM);
            case LOCKING_SESSION_TERMINATED -> dsm.tdisp.sessionTerminated(Dsm.SESSION);
            case OTHER_SESSION_TERMINATED -> dsm.tdisp.sessionTerminated(Dsm.SESSION + 1);
            case DEVICE_ERROR -> tdi.deviceError("poisoned TLP");
            case CONVENTIONAL_RESET -> tdi.conventionalReset();
            case ERROR_SCRUBBED -> {
                try {
                    tdi.errorScrubbed();
                } catch (TdiRejectedException e) {
                    return e.errorCode().name();
                }
            }
        }
        return "-";
    }
}
