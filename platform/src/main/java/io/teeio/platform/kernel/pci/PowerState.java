package io.teeio.platform.kernel.pci;

/** PCI power management states the model uses. */
public enum PowerState {
    D0,
    D3HOT
}
