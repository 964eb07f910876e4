package org.metalvirt.baremetal.sriov;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.Failures;
import org.metalvirt.node.NetworkAttachment;
import org.metalvirt.node.SriovNic;
import org.metalvirt.node.VirtualFunction;

/**
 * SR-IOV VFs of the card's PF given to the server: the lowest free VF is programmed with
 * {@code ip link set <pf> vf <n> …} (and, on a DPU managing the host's VFs, its MAC through
 * {@code devlink port function set … hw_addr}), and cleared on detach. Assignments survive a
 * daemon restart, not a reboot of the card ({@link VfAssignments}).
 */
public final class SriovNetworkAttachment implements NetworkAttachment {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CLEAR_MAC = "00:00:00:00:00:00";

    private final String node;
    private final SysfsNic nic;
    private final CommandRunner runner;
    private final VfAssignments assignments;
    private final Optional<Integer> devlinkController;

    /**
     * @param runtimeDir        where the assignments are kept: the runtime directory, as the NIC's
     *                          programming they describe is gone after a reboot of the card
     * @param devlinkController set on a DPU: the host's VFs are those of this devlink controller
     *                          (1 for the external host), programmed through their port functions
     */
    public SriovNetworkAttachment(
            String node, SysfsNic nic, CommandRunner runner, Path runtimeDir, Optional<Integer> devlinkController) {
        this(node, nic, runner, runtimeDir, runtimeDir, devlinkController);
    }

    /** As above, taking over the assignments an earlier version kept in {@code formerDir} (the state directory). */
    public SriovNetworkAttachment(
            String node,
            SysfsNic nic,
            CommandRunner runner,
            Path runtimeDir,
            Path formerDir,
            Optional<Integer> devlinkController) {
        this.node = node;
        this.nic = nic;
        this.runner = runner;
        this.assignments =
                new VfAssignments(runtimeDir.resolve(node + ".vfs.json"), formerDir.resolve(node + ".vfs.json"));
        this.devlinkController = devlinkController;
    }

    @Override
    public synchronized String attach(VirtualFunction vf) {
        if (assignments.all().containsKey(vf.id())) {
            throw Failures.invalid(
                    "interface '" + vf.id() + "' already holds a VF of " + nic.pf() + " on node " + node);
        }
        Set<Integer> taken = held();
        // Read now: a VF gone from sysfs (sriov_numvfs changed, the PF reset) is never handed out.
        List<SriovNic.Vf> enabled = nic.vfs();
        SriovNic.Vf free = vf.address().isPresent()
                ? named(enabled, taken, vf.address().get())
                : enabled.stream()
                        .filter(candidate -> !taken.contains(candidate.index()))
                        .min(Comparator.comparingInt(SriovNic.Vf::index))
                        .orElseThrow(() -> Failures.failed(
                                "no free VF on " + nic.pf() + " for node " + node + " (" + taken.size() + " in use)"));
        List<String> argv = new ArrayList<>(
                List.of("ip", "link", "set", nic.pf(), "vf", Integer.toString(free.index()), "mac", vf.mac()));
        vf.vlan().ifPresent(tag -> argv.addAll(List.of("vlan", Integer.toString(tag))));
        argv.addAll(List.of(
                "spoofchk", vf.spoofCheck() ? "on" : "off", "trust", vf.trust() ? "on" : "off", "state", "auto"));
        runner.check(Command.of(TIMEOUT, argv));
        if (devlinkController.isPresent()) {
            try {
                setHostMac(devlinkController.get(), free.index(), vf.mac());
            } catch (RuntimeException e) {
                // The VF is programmed but not recorded: clear it, or it would carry the MAC while counted free.
                try {
                    clear(free.index());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
        assignments.put(vf.id(), new VfAssignments.Assignment(free.index(), free.pciAddress(), vf.mac()));
        return free.pciAddress();
    }

    @Override
    public synchronized void detach(String id) {
        VfAssignments.Assignment held = assignments.all().get(id);
        if (held == null) {
            throw Failures.missing("no VF is attached as '" + id + "' on node " + node);
        }
        clear(held.vf());
        devlinkController.ifPresent(controller -> setHostMac(controller, held.vf(), CLEAR_MAC));
        assignments.remove(id);
    }

    @Override
    public synchronized List<String> attached() {
        return assignments.all().entrySet().stream()
                .sorted(Comparator.comparingInt(e -> e.getValue().vf()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The VF at {@code address}, enabled now and held by no interface. */
    private SriovNic.Vf named(List<SriovNic.Vf> enabled, Set<Integer> taken, String address) {
        SriovNic.Vf wanted = enabled.stream()
                .filter(candidate -> candidate.pciAddress().equals(address))
                .findFirst()
                .orElseThrow(() -> Failures.invalid(
                        ErrorDomain.NONE, "PCI device " + address + " is not a VF of " + nic.pf() + " enabled now"));
        if (taken.contains(wanted.index())) {
            throw Failures.invalid(ErrorDomain.NONE, "PCI device " + address + " is in use");
        }
        return wanted;
    }

    /** A free VF's programming cleared: no MAC, no VLAN. */
    @Override
    public synchronized void reset(String pciAddress) {
        SriovNic.Vf vf = named(nic.vfs(), held(), pciAddress);
        clear(vf.index());
        devlinkController.ifPresent(controller -> setHostMac(controller, vf.index(), CLEAR_MAC));
    }

    private Set<Integer> held() {
        Set<Integer> taken = new HashSet<>();
        assignments.all().values().forEach(a -> taken.add(a.vf()));
        return taken;
    }

    /** The card's neighbour table, read through the same command seam as the VFs are programmed. */
    @Override
    public List<String> neighbours(String mac) {
        return Neighbours.of(runner, mac);
    }

    private void clear(int vf) {
        runner.check(Command.of(
                TIMEOUT, "ip", "link", "set", nic.pf(), "vf", Integer.toString(vf), "mac", CLEAR_MAC, "vlan", "0"));
    }

    /** The VF's port on the DPU's eswitch, found in {@code devlink -j port show}, gets the MAC. */
    private void setHostMac(int controller, int vf, String mac) {
        String ports = runner.check(Command.of(TIMEOUT, "devlink", "-j", "port", "show"));
        String port = findPort(ports, controller, vf)
                .orElseThrow(() -> Failures.failed(
                        "devlink shows no port for VF " + vf + " of controller " + controller + " on " + nic.pf()));
        runner.check(Command.of(TIMEOUT, "devlink", "port", "function", "set", port, "hw_addr", mac));
    }

    static Optional<String> findPort(String devlinkJson, int controller, int vf) {
        try {
            JsonNode ports = new ObjectMapper().readTree(devlinkJson).path("port");
            for (Map.Entry<String, JsonNode> entry : ports.properties()) {
                JsonNode port = entry.getValue();
                if (port.path("flavour").asText().equals("pcivf")
                        && port.path("vfnum").asInt(-1) == vf
                        && port.path("controller").asInt(0) == controller) {
                    return Optional.of(entry.getKey());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw Failures.failed("devlink printed something that is not JSON: " + e.getMessage(), e);
        }
    }
}
