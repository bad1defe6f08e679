package io.teeio.platform.kernel.pcitsm;

/** A TSM driver's op groups; a TSM implements exactly one of them (either may be null here). */
public record PciTsmOps(PciTsmLinkOps link, PciTsmDevsecOps devsec) {
    public static PciTsmOps link(PciTsmLinkOps link) {
        return new PciTsmOps(link, null);
    }
}
