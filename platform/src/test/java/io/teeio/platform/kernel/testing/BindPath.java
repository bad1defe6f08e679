package io.teeio.platform.kernel.testing;

import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmOp;
import io.teeio.platform.kernel.vfio.VfioPciTsmBind;
import io.teeio.platform.kernel.vfio.VfioPciTsmUnbind;

/** The two ways a VMM binds a TDI: the seed RFC's VFIO ioctls, or iommufd's vDEVICE TSM op. */
public enum BindPath {
    VFIO_DEVICE_TSM_BIND {
        @Override
        public void bind(Assigned a, int vdeviceId) {
            a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(vdeviceId));
        }

        @Override
        public void unbind(Assigned a) {
            a.dev.vfioDeviceTsmUnbind(VfioPciTsmUnbind.of());
        }
    },
    IOMMU_VDEVICE_TSM_OP {
        @Override
        public void bind(Assigned a, int vdeviceId) {
            a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(vdeviceId));
        }

        @Override
        public void unbind(Assigned a) {
            a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.unbind(a.vdeviceId));
        }
    };

    public abstract void bind(Assigned a, int vdeviceId);

    public void bind(Assigned a) {
        bind(a, a.vdeviceId);
    }

    public abstract void unbind(Assigned a);
}
