package org.metalvirt.shim.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.NetworkAttachment;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtualFunction;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.domain.DomainSettings;
import org.metalvirt.shim.domain.NodePool;
import org.metalvirt.shim.protocol.Domain.Interface;
import org.metalvirt.shim.protocol.Domain.IpAddr;
import org.metalvirt.shim.testing.TestHosts;

/** libvirt's ARP source on a server: an entry per address the card's neighbour table has for a VF's MAC. */
class GuestProceduresTest {

    private static final String XML = "<domain type='kvm'><name>db</name><memory unit='GiB'>4</memory>"
            + "<vcpu>2</vcpu><os><type>hvm</type></os><devices>"
            + "<interface type='hostdev' managed='yes'><mac address='fa:16:3e:00:00:01'/><source>"
            + "<address type='pci' domain='0x0000' bus='0x5e' slot='0x02' function='0x1'/></source></interface>"
            + "<interface type='hostdev' managed='yes'><mac address='fa:16:3e:00:00:02'/><source>"
            + "<address type='pci' domain='0x0000' bus='0x5e' slot='0x02' function='0x2'/></source></interface>"
            + "</devices></domain>";

    @TempDir
    Path state;

    private DomainService service;

    @AfterEach
    void close() {
        service.close();
    }

    /** The sim's VFs, and a neighbour table that has seen the first MAC with two addresses. */
    private static NetworkAttachment seeing(NetworkAttachment vfs) {
        return new NetworkAttachment() {
            @Override
            public String attach(VirtualFunction vf) {
                return vfs.attach(vf);
            }

            @Override
            public void detach(String id) {
                vfs.detach(id);
            }

            @Override
            public List<String> attached() {
                return vfs.attached();
            }

            @Override
            public List<String> neighbours(String mac) {
                return mac.equals("fa:16:3e:00:00:01") ? List.of("192.0.2.21", "192.0.2.22") : List.of();
            }
        };
    }

    @Test
    void eachAddressSeenForAnInterfacesMacIsAnEntry() {
        NodeDriver node = TestHosts.simNode(state);
        service = DomainService.open(
                new NodePool(List.of(node.withNetwork(seeing(node.network())))),
                state,
                DomainSettings.DEFAULT,
                event -> {});
        DomainRecord record = service.start(service.define(XML).uuid(), false);

        List<Interface> found = new GuestProcedures(service).arp(record).ifaces();

        Optional<String> mac = Optional.of("fa:16:3e:00:00:01");
        assertEquals(
                List.of(
                        new Interface("fa:16:3e:00:00:01", mac, List.of(new IpAddr(0, "192.0.2.21", 0))),
                        new Interface("fa:16:3e:00:00:01", mac, List.of(new IpAddr(0, "192.0.2.22", 0)))),
                found);
    }
}
