"""Nova's own view of the host (Debian's python3-nova, Zed), as nova-compute builds it at start
and in its periodic resource update: Host's queries, LibvirtDriver.init_host(hostname),
get_available_resource(nodename) and the traits it reports. Prints JSON of what Nova returned
or raised, call by call.

Usage: nova_host.py URI

Patched: nova_harness.COMPUTE_HOST_SEAMS (the compute host's OS and Nova's database), listed
in the output under "patched". Nothing the daemon answers is patched.
"""
import nova_harness as nh  # first: Nova's eventlet patching

import sys

uri = sys.argv[1]
seen = nh.configure(uri)
host, drv = nh.host_and_driver(uri, nh.Events())

# 1. Host, as the driver and the resource tracker query it
caps = host.get_capabilities()
seen["capabilities"] = {"arch": caps.host.cpu.arch, "model": caps.host.cpu.model,
                        "vendor": caps.host.cpu.vendor,
                        "cells": len(caps.host.topology.cells) if caps.host.topology else 0}
seen["domainCapabilities"] = nh.attempt(lambda: {
    arch: {machine: {"machine_type": dc.machine_type,
                     "uefi": dc.os.uefi_supported if dc.os else None,
                     "secure_boot": dc.os.secure_boot_supported if dc.os else None,
                     "loaders": dc.os.loader_paths if dc.os else []}
           for machine, dc in by_machine.items()}
    for arch, by_machine in host.get_domain_capabilities().items()})
seen["supportsUefi"] = nh.attempt(lambda: host.supports_uefi)
seen["supportsSecureBoot"] = nh.attempt(lambda: host.supports_secure_boot)
seen["onlineCpus"] = nh.attempt(lambda: sorted(host.get_online_cpus()))
seen["memoryMbTotal"] = nh.attempt(host.get_memory_mb_total)
seen["cpuStats"] = nh.attempt(host.get_cpu_stats)
seen["guests"] = nh.attempt(lambda: [g.uuid for g in host.list_guests()])
seen["version"] = nh.attempt(lambda: [host.get_driver_type(), host.get_version(), host.get_hostname()])

# 2. the driver, as nova-compute starts it and updates its resources
with nh.compute_host_patched() as patched:
    seen["patched"] = patched
    seen["initHost"] = nh.attempt(lambda: drv.init_host("compute-1") or "done")
    resources = nh.attempt(lambda: drv.get_available_resource("compute-1"))
    seen["availableResource"] = resources
    seen["cpuInfo"] = nh.attempt(drv._get_cpu_info)
    seen["numaCells"] = nh.attempt(lambda: [{"id": cell.id, "cpus": sorted(cell.cpuset), "memory": cell.memory,
                                             "siblings": [sorted(s) for s in cell.siblings]}
                                            for cell in drv._get_host_numa_topology().cells])
    seen["storageBusTraits"] = nh.attempt(drv._get_storage_bus_traits)
    seen["videoModelTraits"] = nh.attempt(drv._get_video_model_traits)
    seen["cpuTraits"] = nh.attempt(lambda: sorted(t for t, on in drv._get_cpu_feature_traits().items() if on))
    seen["staticTraits"] = nh.attempt(lambda: sorted(t for t, on in drv.static_traits.items() if on))
nh.emit(seen)
