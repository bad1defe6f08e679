/**
 * vfio-pci: the device cdev and its ioctls, region access and revocable mmaps, dma-buf export, and the single TSM
 * bind/unbind core that both the seed RFC's VFIO_DEVICE_TSM_BIND and iommufd's vDEVICE op run through, under the
 * host's region and bound-device policies.
 */
package io.teeio.platform.kernel.vfio;
