package io.teeio.pcie.idekm;

/** Direction of a key, from the point of view of the port that holds it. */
public enum IdeDirection {
    RX, TX;

    public int bit() {
        return ordinal();
    }

    public IdeDirection opposite() {
        return this == RX ? TX : RX;
    }
}
