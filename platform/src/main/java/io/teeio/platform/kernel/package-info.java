/**
 * The host kernel model's shared vocabulary: {@link io.teeio.platform.kernel.Errno} and the unchecked
 * {@link io.teeio.platform.kernel.KernelException} every uAPI call fails with, the host
 * {@link io.teeio.platform.kernel.HostPolicies}, handles ({@link io.teeio.platform.kernel.KernelFile}), the
 * observable {@link io.teeio.platform.kernel.KernelMutex}, and the types other layers meet the kernel through
 * (the IOMMU DMA check {@link io.teeio.platform.kernel.IommuDma}, {@link io.teeio.platform.kernel.DmaBuf}).
 * Subpackages: pci, pcitsm, iommufd, vfio, kvm, and host (the assembly).
 */
package io.teeio.platform.kernel;
