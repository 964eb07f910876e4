"""The statistics and status calls agents make, with python3-libvirt against one domain, and what
Nova's own Guest helpers (Debian's python3-nova) make of them. Prints JSON: each call's result, or
its libvirt error code. Usage: domain_stats.py URI DOMAIN"""
import json
import sys

import libvirt

uri, name = sys.argv[1], sys.argv[2]
libvirt.registerErrorHandler(lambda ctx, err: None, None)  # errors are reported in the JSON
conn = libvirt.open(uri)
dom = conn.lookupByName(name)


def call(fn):
    try:
        return {"ok": fn()}
    except libvirt.libvirtError as e:
        return {"error": e.get_error_code(), "message": e.get_error_message()}


result = {
    "allStats": call(lambda: [[d.name(), s] for d, s in conn.getAllDomainStats()]),
    "listStats": call(lambda: [[d.name(), s] for d, s in conn.domainListGetStats(
        [dom], libvirt.VIR_DOMAIN_STATS_STATE | libvirt.VIR_DOMAIN_STATS_VCPU)]),
    "enforced": call(lambda: conn.getAllDomainStats(
        libvirt.VIR_DOMAIN_STATS_PERF, libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS)),
    "vcpus": call(lambda: [list(dom.vcpus()[0]), [list(m) for m in dom.vcpus()[1]]]),
    "pinInfo": call(lambda: [list(m) for m in dom.vcpuPinInfo(0)]),
    "jobInfo": call(lambda: dom.jobInfo()),
    "jobStats": call(lambda: dom.jobStats()),
    "cpuStats": call(lambda: dom.getCPUStats(True)),
    "nodeCpuStats": call(lambda: conn.getCPUStats(libvirt.VIR_NODE_CPU_STATS_ALL_CPUS)),
    "nodeMemoryStats": call(lambda: conn.getMemoryStats(libvirt.VIR_NODE_MEMORY_STATS_ALL_CELLS)),
    "leases": call(lambda: dom.interfaceAddresses(libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE)),
    "agent": call(lambda: dom.interfaceAddresses(libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT)),
    "hostname": call(lambda: dom.hostname()),
    "badFlags": call(lambda: dom.jobStats(0x40)),
}

# Nova's own readers of the same calls.
from nova.virt.libvirt import guest as nova_guest  # noqa: E402

g = nova_guest.Guest(dom)
result["novaVcpus"] = call(lambda: [[v.id, v.cpu, v.state, v.time] for v in g.get_vcpus_info()])
result["novaJob"] = call(lambda: g.get_job_info().type)
conn.close()
print(json.dumps(result))
