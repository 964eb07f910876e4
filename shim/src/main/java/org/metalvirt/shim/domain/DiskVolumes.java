package org.metalvirt.shim.domain;

import java.util.ArrayList;
import java.util.List;
import org.metalvirt.domainxml.Device;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * What a {@code <disk type='volume'>} is when its domain starts or a device is plugged (never at
 * define): the source an equivalent {@code type='file'} or {@code type='network'} disk has, asked
 * of the storage pools. The storage service answers it.
 */
@FunctionalInterface
public interface DiskVolumes {

    /** A daemon without storage pools: every pool named is unknown. */
    DiskVolumes NONE = (pool, volume) -> {
        throw new VirtException(
                ErrorNumber.NO_STORAGE_POOL,
                ErrorDomain.STORAGE,
                "Storage pool not found: no storage pool with matching name '" + pool + "'");
    };

    /**
     * The volume's source: a {@link Device.DiskSource.File} or a {@link Device.DiskSource.Network};
     * libvirt's errors for a pool that is unknown or inactive and a volume that is not there.
     */
    Device.DiskSource source(String pool, String volume);

    /**
     * The definition with each volume disk replaced by its equivalent; {@code strict} false
     * leaves one that cannot be resolved as it is (taking a device back needs only its id).
     */
    default DomainDefinition resolve(DomainDefinition definition, boolean strict) {
        if (definition.devices().stream().noneMatch(DiskVolumes::isVolume)) {
            return definition;
        }
        List<Device> devices = new ArrayList<>();
        for (Device device : definition.devices()) {
            if (isVolume(device)) {
                Device.Disk disk = (Device.Disk) device;
                Device.DiskSource.Volume volume = (Device.DiskSource.Volume) disk.source();
                try {
                    Device.DiskSource resolved = source(volume.pool(), volume.volume());
                    devices.add(new Device.Disk(
                            resolved instanceof Device.DiskSource.File ? "file" : "network",
                            disk.device(),
                            resolved,
                            disk.target(),
                            disk.bus(),
                            disk.serial(),
                            disk.readOnly(),
                            disk.encrypted(),
                            disk.bootOrder(),
                            disk.alias()));
                } catch (VirtException e) {
                    if (strict) {
                        throw e;
                    }
                    devices.add(device);
                }
            } else {
                devices.add(device);
            }
        }
        return definition.withDevices(devices);
    }

    private static boolean isVolume(Device device) {
        return device instanceof Device.Disk disk && disk.source() instanceof Device.DiskSource.Volume;
    }
}
