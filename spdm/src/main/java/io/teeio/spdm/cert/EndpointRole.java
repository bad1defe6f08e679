package io.teeio.spdm.cert;

/** Which SPDM side a leaf certificate authenticates; selects the DMTF extended key usage OID. */
public enum EndpointRole {
    /** id-DMTF-eku-responder-auth. */
    RESPONDER("1.3.6.1.4.1.412.274.3"),
    /** id-DMTF-eku-requester-auth. */
    REQUESTER("1.3.6.1.4.1.412.274.4");

    private final String ekuOid;

    EndpointRole(String ekuOid) {
        this.ekuOid = ekuOid;
    }

    public String ekuOid() {
        return ekuOid;
    }
}
