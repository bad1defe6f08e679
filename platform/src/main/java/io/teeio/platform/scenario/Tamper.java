package io.teeio.platform.scenario;

/** What makes the evidence a device presents differ from what the CVM's policy holds. */
public enum Tamper {
    /**
     * The device runs modified DSM firmware: its measurement 2 differs from the genuine device's, and the CVMs
     * hold the genuine device's reference values. The device signs what it really measures.
     */
    MEASUREMENTS("measurements"),
    /**
     * The interface report's MMIO layout differs from what the CVMs expect: their policy expects BAR 0 one page
     * larger than the device reports it, which a verifier cannot tell from a report altered on the way.
     */
    REPORT("report");

    private final String scriptName;

    Tamper(String scriptName) {
        this.scriptName = scriptName;
    }

    public String scriptName() {
        return scriptName;
    }
}
