package io.teeio.platform.kernel.iommufd;

/** iommufd object types the model has. */
public enum ObjectType {
    IOAS,
    HWPT_PAGING,
    DEVICE,
    VIOMMU,
    VDEVICE
}
