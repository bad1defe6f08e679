package io.teeio.platform.fault;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The places a fault can be injected, with the stable names the command line and scenarios use.
 * Each point is queried by exactly one component, so "the Nth occurrence" has one meaning.
 */
public enum FaultPoint {
    /**
     * The DOE mailbox, at the first Status read after power-on/reset and after each fully read response
     * (in Linux's flow: once per successful exchange, the check before the next request; Abort does not
     * start a new count): the mailbox reports Busy, as if another entity's request were in flight, until
     * software writes Abort.
     */
    DOE_BUSY("doe-busy"),
    /** The DOE mailbox, at each accepted Go: the request is taken (Busy, then idle) but no response ever comes. */
    DOE_TIMEOUT("doe-timeout"),
    /**
     * The DOE mailbox, at each accepted Go: the device aborts the exchange on its own once software has
     * read the response header: the response is discarded and Data Object Ready clears mid-read.
     */
    DOE_ABORT("doe-abort"),
    /** The DOE mailbox, when a response object is placed: its first header DW (Vendor ID, type) is corrupted. */
    DOE_CORRUPT_OBJECT("doe-corrupt-object"),
    /** The DSM, at each SPDM request it would answer: it answers ERROR ResponseNotReady instead. */
    RESPONSE_NOT_READY("response-not-ready"),
    /** The TSM, between the steps of a connect/bind flow: the device takes a conventional reset there. */
    DEVICE_RESET_MID_FLOW("device-reset-mid-flow"),
    /** The DSM's IDE_KM responder, at each KEY_PROG: the key is not programmed and KP_ACK reports a failure. */
    IDE_KEY_PROG_FAILURE("ide-key-prog-failure"),
    /** The TSM, at each key it programs into the root port: the root port refuses the key. */
    ROOT_PORT_KEY_PROG_FAILURE("root-port-key-prog-failure");

    private final String cliName;

    FaultPoint(String cliName) {
        this.cliName = cliName;
    }

    /** The stable name, e.g. "doe-busy". */
    public String cliName() {
        return cliName;
    }

    public static FaultPoint byName(String name) {
        for (FaultPoint p : values()) {
            if (p.cliName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown fault point '" + name + "'; known: "
                + Arrays.stream(values()).map(FaultPoint::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
