package org.metalvirt.domainxml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One child of {@code <devices>}, as the domain XML describes it: what it is, not yet what the
 * server does with it (that is {@link NodePlan}'s job). Read from the XML, never the other way
 * round: the XML stays the source of truth.
 */
public sealed interface Device {

    /** The element name: {@code disk}, {@code interface}, {@code hostdev}, {@code serial}… */
    String element();

    /** A user alias ({@code ua-…}); libvirt drops every other alias at define time. */
    Optional<String> alias();

    /** The per-device {@code <boot order>}, if any. */
    OptionalInt bootOrder();

    /**
     * A {@code <disk>}.
     *
     * @param type     {@code network}, {@code block}, {@code volume}, {@code file}, {@code nvme}…
     * @param device   {@code disk}, {@code cdrom}, {@code lun} or {@code floppy}
     * @param source   where the data is
     * @param target   {@code <target dev>}
     * @param bus      {@code <target bus>}, if given
     * @param encrypted whether an {@code <encryption>} element asks for decryption by the host
     */
    record Disk(
            String type,
            String device,
            DiskSource source,
            String target,
            Optional<String> bus,
            Optional<String> serial,
            boolean readOnly,
            boolean encrypted,
            OptionalInt bootOrder,
            Optional<String> alias)
            implements Device {
        public Disk {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String element() {
            return "disk";
        }
    }

    /** Where a disk's data is. */
    sealed interface DiskSource {

        /** {@code <source protocol=… name=…>} with its hosts ({@code name:port}) and credentials. */
        record Network(String protocol, Optional<String> name, List<String> hosts, Optional<SecretRef> auth)
                implements DiskSource {
            public Network {
                hosts = List.copyOf(hosts);
            }
        }

        /** {@code <source dev=…>} of a {@code type='block'} disk. */
        record Block(String dev) implements DiskSource {}

        /** {@code <source pool=… volume=…>} of a {@code type='volume'} disk. */
        record Volume(String pool, String volume) implements DiskSource {}

        /** {@code <source file=…>}: an image file, in the format of {@code <driver type>} ({@code raw} without one). */
        record File(String path, String format) implements DiskSource {}

        /** No source: an empty CD-ROM drive, or a type we do not read further ({@code dir}, {@code nvme}…). */
        record None() implements DiskSource {}
    }

    /**
     * {@code <auth username=…><secret type=… uuid=…|usage=…/></auth>}: a reference to a libvirt
     * secret, never the credential itself.
     */
    record SecretRef(Optional<String> username, String type, Optional<String> uuid, Optional<String> usage) {

        /** How the plan names it: {@code type=ceph,uuid=…,username=nova}. */
        public String reference() {
            StringBuilder out = new StringBuilder("type=").append(type);
            uuid.ifPresent(u -> out.append(",uuid=").append(u));
            usage.ifPresent(u -> out.append(",usage=").append(u));
            username.ifPresent(u -> out.append(",username=").append(u));
            return out.toString();
        }
    }

    /**
     * An {@code <interface>}.
     *
     * @param type     {@code hostdev}, {@code direct}, {@code vdpa}, {@code network}, {@code bridge}…
     * @param mac      the MAC, lower case (generated at define time when the XML has none)
     * @param source   what the source names: the PCI address, netdev, vDPA device, network or bridge
     * @param vlanTags {@code <vlan><tag id>} values, in order
     * @param trunk    {@code <vlan trunk='yes'>}
     * @param trust    {@code trustGuestRxFilters='yes'}
     */
    record Interface(
            String type,
            Optional<String> mac,
            Optional<String> source,
            List<Integer> vlanTags,
            boolean trunk,
            boolean trust,
            OptionalInt bootOrder,
            Optional<String> alias)
            implements Device {
        public Interface {
            vlanTags = List.copyOf(vlanTags);
        }

        @Override
        public String element() {
            return "interface";
        }
    }

    /**
     * A {@code <hostdev>}.
     *
     * @param mode       {@code subsystem} or {@code capabilities}
     * @param type       {@code pci}, {@code usb}, {@code scsi}, {@code mdev}…
     * @param pciAddress the source PCI address as {@code dddd:bb:ss.f}, for {@code type='pci'}
     */
    record Hostdev(String mode, String type, Optional<String> pciAddress, OptionalInt bootOrder, Optional<String> alias)
            implements Device {
        @Override
        public String element() {
            return "hostdev";
        }
    }

    /** A {@code <serial>} or {@code <console>}: on a server, its serial port. */
    record Chr(String element, String type, Optional<String> targetType, Optional<String> alias) implements Device {
        @Override
        public OptionalInt bootOrder() {
            return OptionalInt.empty();
        }
    }

    /** Anything else under {@code <devices>}: kept in the XML; the plan ignores or refuses it by name. */
    record Other(String element, Optional<String> type, OptionalInt bootOrder, Optional<String> alias)
            implements Device {}
}
