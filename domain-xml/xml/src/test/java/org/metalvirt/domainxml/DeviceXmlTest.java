package org.metalvirt.domainxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.VirtioBlkDisk;

/** attach-device and detach-device payloads, applied to a definition (AFFECT_CONFIG). */
class DeviceXmlTest {

    private static final String DOMAIN = """
            <domain type='kvm'>
              <name>web-1</name>
              <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>
              <memory unit='GiB'>4</memory>
              <vcpu>2</vcpu>
              <os>
                <type arch='x86_64'>hvm</type>
              </os>
              <devices>
                <disk type='network' device='disk'>
                  <source protocol='rbd' name='volumes/root'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <interface type='bridge'>
                  <mac address='52:54:00:aa:bb:01'/>
                  <source bridge='br0'/>
                </interface>
                <serial type='pty'/>
              </devices>
            </domain>
            """;

    /** What Nova sends to attach a Cinder RBD volume. */
    private static final String VOLUME = """
            <disk type="network" device="disk">
              <driver name="qemu" type="raw" cache="none"/>
              <source protocol="rbd" name="volumes/volume-5d1e">
                <host name="10.0.0.11" port="6789"/>
              </source>
              <auth username="cinder">
                <secret type="ceph" uuid="457eb676-33da-42ec-9a8c-9293d545c337"/>
              </auth>
              <target dev="vdb" bus="virtio"/>
              <serial>5d1e</serial>
              <alias name="ua-5d1e"/>
            </disk>
            """;

    @Test
    void anAttachPayloadReadsIntoTheDomainModel() {
        Device device = DeviceXml.parse(VOLUME);

        Device.Disk disk = (Device.Disk) device;
        assertEquals("vdb", disk.target());
        assertEquals(Optional.of("ua-5d1e"), disk.alias());
        assertEquals(
                new Device.DiskSource.Network(
                        "rbd",
                        Optional.of("volumes/volume-5d1e"),
                        List.of("10.0.0.11:6789"),
                        Optional.of(new Device.SecretRef(
                                Optional.of("cinder"),
                                "ceph",
                                Optional.of("457eb676-33da-42ec-9a8c-9293d545c337"),
                                Optional.empty()))),
                disk.source());
    }

    @Test
    void anAttachedDiskGoesAfterTheLastDiskAndIntoThePlan() {
        DomainDefinition attached = DeviceXml.attach(DomainXml.parse(DOMAIN), VOLUME);

        assertTrue(
                attached.xml().contains("<target dev='vda' bus='virtio'/>\n    </disk>\n    <disk type='network'"),
                attached.xml());
        VirtioBlkDisk disk = plan(attached).disks().get(1);
        assertEquals("ua-5d1e", disk.id());
        assertEquals(Optional.of("type=ceph,uuid=457eb676-33da-42ec-9a8c-9293d545c337,username=cinder"), disk.secret());
    }

    /** What CloudStack's NFS primary storage gives a VM: a qcow2 file on the mount; a file without a driver type is raw. */
    @Test
    void aFileDiskIsPlannedWithItsFormatNeverProbed() {
        String qcow2 = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                + "<source file='/mnt/primary/f6c1.qcow2'/><target dev='vdb' bus='virtio'/></disk>";
        String raw = "<disk type='file' device='disk'><source file='/mnt/primary/r.img'/>"
                + "<target dev='vdc' bus='virtio'/><readonly/></disk>";

        List<VirtioBlkDisk> disks = plan(DeviceXml.attach(DeviceXml.attach(DomainXml.parse(DOMAIN), qcow2), raw))
                .disks();

        assertEquals(
                VirtioBlkDisk.file("vdb", Optional.empty(), "/mnt/primary/f6c1.qcow2", "qcow2", false), disks.get(1));
        assertEquals(Optional.of("raw"), disks.get(2).format());
        assertTrue(disks.get(2).readOnly());
    }

    @Test
    void anAttachedInterfaceWithoutMacGetsOneWrittenIn() {
        String vf = "<interface type='hostdev'><source><address type='pci' domain='0' bus='0x3b' slot='2' "
                + "function='1'/></source><vlan><tag id='42'/></vlan></interface>";

        DomainDefinition attached = DeviceXml.attach(DomainXml.parse(DOMAIN), vf);

        String mac = plan(attached).vfs().get(1).mac();
        assertTrue(mac.startsWith("52:54:00:"), mac);
        assertTrue(
                attached.xml().contains("<interface type='hostdev'>\n      <mac address='" + mac + "'/>"),
                attached.xml());
        assertEquals(OptionalInt.of(42), plan(attached).vfs().get(1).vlan());
    }

    @Test
    void aTakenTargetIsRefusedAsLibvirtRefusesIt() {
        VirtException e = assertThrows(
                VirtException.class, () -> DeviceXml.attach(DomainXml.parse(DOMAIN), VOLUME.replace("vdb", "vda")));

        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("Requested operation is not valid: target vda already exists", e.getMessage());
    }

    @Test
    void aTakenUserAliasIsRefused() {
        DomainDefinition attached = DeviceXml.attach(DomainXml.parse(DOMAIN), VOLUME);

        VirtException e =
                assertThrows(VirtException.class, () -> DeviceXml.attach(attached, VOLUME.replace("vdb", "vdc")));

        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertEquals("unsupported configuration: non unique alias detected: ua-5d1e", e.getMessage());
    }

    @Test
    void onlyDisksInterfacesAndHostDevicesAreAttached() {
        VirtException e = assertThrows(
                VirtException.class, () -> DeviceXml.attach(DomainXml.parse(DOMAIN), "<graphics type='vnc'/>"));

        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertEquals(
                "unsupported configuration: persistent attach of device 'graphics' is not supported", e.getMessage());
    }

    @Test
    void detachFindsTheDeviceByAliasTargetOrMac() {
        DomainDefinition attached = DeviceXml.attach(DomainXml.parse(DOMAIN), VOLUME);
        DomainDefinition original = DomainXml.parse(DOMAIN);

        assertEquals(
                original.xml(),
                DeviceXml.detach(attached, VOLUME.replace("vdb", "vdq")).xml(),
                "by alias");
        assertEquals(
                original.xml(),
                DeviceXml.detach(attached, "<disk><target dev='vdb'/></disk>").xml(),
                "by target");
        assertEquals(original.xml(), DeviceXml.detachAlias(attached, "ua-5d1e").xml(), "by alias only");
        String byMac = "<interface type='bridge'><mac address='52:54:00:AA:BB:01'/><source bridge='br0'/></interface>";
        assertEquals(0, plan(DeviceXml.detach(original, byMac)).vfs().size(), "by MAC");
    }

    @Test
    void detachingWhatIsNotThereIsDeviceMissing() {
        DomainDefinition definition = DomainXml.parse(DOMAIN);

        assertMissing(
                "device not found: no target device vdz",
                () -> DeviceXml.detach(definition, "<disk><target dev='vdz'/></disk>"));
        assertMissing(
                "device not found: no device matching MAC address 52:54:00:00:00:99 found",
                () -> DeviceXml.detach(
                        definition,
                        "<interface type='bridge'><mac address='52:54:00:00:00:99'/>"
                                + "<source bridge='br0'/></interface>"));
        assertMissing(
                "device not found: no device found with alias ua-gone",
                () -> DeviceXml.detachAlias(definition, "ua-gone"));
    }

    private static void assertMissing(String message, org.junit.jupiter.api.function.Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(ErrorNumber.DEVICE_MISSING, e.number());
        assertEquals(message, e.getMessage());
    }

    private static NodePlan plan(DomainDefinition definition) {
        return DomainXml.plan(definition, Fixtures.NODE, Fixtures.LIMITS);
    }
}
