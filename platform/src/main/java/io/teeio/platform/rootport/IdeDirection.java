package io.teeio.platform.rootport;

/** Which direction a key protects, seen from the port that holds it. */
public enum IdeDirection {
    RX, TX
}
