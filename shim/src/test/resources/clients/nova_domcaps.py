"""OpenStack Nova's own libvirt driver (Debian's python3-nova, Zed) reading what a compute host
offers, as nova-compute does at init_host and when it reports traits: host capabilities (with
its baselineCPU expansion), domain capabilities per machine type, UEFI and Secure Boot support,
and the storage-bus, video-model, vif-model and CPU-feature traits. Prints JSON on stdout;
Nova's log goes to stderr.

Usage: nova_domcaps.py URI

Nothing of Nova is patched: these paths read only libvirt.
"""
import nova_harness as nh  # first: Nova's eventlet patching

import sys

uri = sys.argv[1]
nh.configure(uri)
host, drv = nh.host_and_driver(uri)


def granted(traits):
    return sorted(name for name, value in traits.items() if value)


caps = host.get_capabilities()
domain_caps = host.get_domain_capabilities()
seen = {
    "hostCpuModel": caps.host.cpu.model,
    "hostCpuFeatures": sorted(f.name for f in caps.host.cpu.features),
    "domainCaps": {
        arch: {machine: {"machine": dc.machine_type,
                         "buses": sorted(dc.devices.disk.buses),
                         "videoModels": sorted(dc.devices.video.models)}
               for machine, dc in machines.items()}
        for arch, machines in domain_caps.items()
    },
    "supportsUefi": host.supports_uefi,
    "supportsSecureBoot": host.supports_secure_boot,
    "supportsAmdSev": host.supports_amd_sev,
    "storageBusTraits": granted(drv._get_storage_bus_traits()),
    "videoModelTraits": granted(drv._get_video_model_traits()),
    "vifModelTraits": granted(drv._get_vif_model_traits()),
    "cpuFeatureTraits": granted(drv._get_cpu_feature_traits()),
}
nh.emit(seen)
