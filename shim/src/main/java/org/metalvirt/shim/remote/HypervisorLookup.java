package org.metalvirt.shim.remote;

import java.util.Optional;
import java.util.Set;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.hostxml.DomainCapsTarget;
import org.metalvirt.hostxml.GuestSupport;
import org.metalvirt.node.NodeInventory;

/**
 * Which hypervisor a domain-capabilities or hypervisor-CPU call names (emulator, arch, machine,
 * virt type, each optional), resolved as libvirt's QEMU driver resolves them, against what the
 * connection's personality advertises for the server — with libvirt's errors for what it lacks.
 */
final class HypervisorLookup {

    /** libvirt's {@code virArch} names; any other name is an unknown architecture. */
    private static final Set<String> ARCHES = Set.of(
            "alpha",
            "armv6l",
            "armv7l",
            "armv7b",
            "aarch64",
            "cris",
            "i686",
            "ia64",
            "lm32",
            "m68k",
            "microblaze",
            "microblazeel",
            "mips",
            "mipsel",
            "mips64",
            "mips64el",
            "openrisc",
            "parisc",
            "parisc64",
            "ppc",
            "ppcle",
            "ppc64",
            "ppc64le",
            "ppcemb",
            "riscv32",
            "riscv64",
            "s390",
            "s390x",
            "sh4",
            "sh4eb",
            "sparc",
            "sparc64",
            "unicore32",
            "x86_64",
            "xtensa",
            "xtensaeb");

    /** libvirt's {@code virDomainVirtType} names. */
    private static final Set<String> VIRT_TYPES = Set.of(
            "qemu",
            "kqemu",
            "kvm",
            "xen",
            "lxc",
            "uml",
            "openvz",
            "test",
            "vmware",
            "hyperv",
            "vbox",
            "phyp",
            "parallels",
            "bhyve",
            "vz",
            "hvf");

    private HypervisorLookup() {}

    /** Whether libvirt knows an architecture of this name. */
    static boolean knownArch(String arch) {
        return ARCHES.contains(arch);
    }

    static DomainCapsTarget resolve(
            Personality personality,
            NodeInventory node,
            Optional<String> emulator,
            Optional<String> arch,
            Optional<String> machine,
            Optional<String> virttype) {
        GuestSupport guest = personality.guestSupport(node.arch());
        if (virttype.isPresent()
                && !VIRT_TYPES.contains(virttype.get())
                && !guest.domainTypes().contains(virttype.get())) {
            throw invalid("unknown virttype: " + virttype.get());
        }
        if (arch.isPresent() && !knownArch(arch.get())) {
            throw invalid("unknown architecture: " + arch.get());
        }
        String wanted = arch.orElse(node.arch());
        String binary = emulator.or(guest::emulator).orElse(personality.scheme());
        if (emulator.isPresent() && !emulator.equals(guest.emulator())) {
            throw new VirtException(
                    ErrorNumber.SYSTEM_ERROR,
                    ErrorDomain.QEMU,
                    "Cannot check QEMU binary " + emulator.get() + ": No such file or directory");
        }
        if (!wanted.equals(node.arch())) {
            if (emulator.isPresent()) {
                throw invalid("architecture from emulator '" + node.arch() + "' doesn't match given architecture '"
                        + wanted + "'");
            }
            throw new VirtException(
                    ErrorNumber.CONFIG_UNSUPPORTED,
                    ErrorDomain.QEMU,
                    "unsupported configuration: unable to find any emulator to serve '" + wanted + "' architecture");
        }
        String type = virttype.orElse(
                guest.domainTypes().contains("kvm")
                        ? "kvm"
                        : guest.domainTypes().get(0));
        if (!guest.domainTypes().contains(type)) {
            throw invalid("the accel '" + accel(type) + "' is not supported by '" + binary + "' on this host");
        }
        String canonical = guest.canonicalMachine(
                        machine.orElse(guest.machines().get(0)))
                .orElseThrow(() -> invalid(
                        "the machine '" + machine.orElseThrow() + "' is not supported by emulator '" + binary + "'"));
        return new DomainCapsTarget(guest.emulator(), type, canonical, wanted);
    }

    private static String accel(String virttype) {
        return switch (virttype) {
            case "kvm", "hvf" -> virttype;
            default -> "tcg";
        };
    }

    private static VirtException invalid(String detail) {
        return new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, "invalid argument: " + detail);
    }
}
