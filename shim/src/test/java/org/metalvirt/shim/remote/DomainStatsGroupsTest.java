package org.metalvirt.shim.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DeviceCounters;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.domain.DomainSettings;
import org.metalvirt.shim.domain.NodePool;
import org.metalvirt.shim.protocol.LibvirtFlags.StatsType;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.testing.TestHosts;

/** The groups of a domain's stats record: the card's counters where it counts, by libvirt's names. */
class DomainStatsGroupsTest {

    private static final String XML = "<domain type='kvm'><name>db</name><memory unit='GiB'>4</memory>"
            + "<vcpu>2</vcpu><os><type>hvm</type></os><devices>"
            + "<disk type='network' device='disk'><source protocol='rbd' name='volumes/v1'>"
            + "<host name='192.0.2.10' port='6789'/></source><target dev='vda' bus='virtio'/></disk>"
            + "<interface type='hostdev' managed='yes'><mac address='fa:16:3e:00:00:01'/><source>"
            + "<address type='pci' domain='0x0000' bus='0x5e' slot='0x02' function='0x1'/></source></interface>"
            + "</devices></domain>";

    /** A card that counts: fixed figures, as SPDK and the PF would report them. */
    private static final DeviceCounters COUNTING = new DeviceCounters() {
        @Override
        public Block block(String diskId) {
            return new Block(10, 4096, 20, 8192, 0);
        }

        @Override
        public Size size(String diskId) {
            return new Size(1 << 20, 1 << 30, 1 << 30);
        }

        @Override
        public Interface network(String vfId) {
            return new Interface(100, 1, 0, 0, 200, 2, 0, 0);
        }
    };

    @TempDir
    Path state;

    private DomainService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private DomainService open(boolean counts) {
        NodeDriver node = TestHosts.simNode(state);
        service = DomainService.open(
                new NodePool(List.of(counts ? node.withCounters(COUNTING) : node)),
                state,
                DomainSettings.DEFAULT,
                event -> {});
        return service;
    }

    private static Map<String, Object> named(List<TypedParam> params) {
        Map<String, Object> named = new LinkedHashMap<>();
        params.forEach(param -> named.put(param.field(), param.value()));
        return named;
    }

    @Test
    void aCountingCardsFiguresAreGivenUnderLibvirtsNames() {
        DomainService domains = open(true);
        DomainRecord record = domains.start(domains.define(XML).uuid(), false);

        Map<String, Object> stats =
                named(new DomainStatsGroups(domains).of(domains.lookup(record.uuid()), DomainStatsGroups.SUPPORTED));

        assertEquals(
                List.of(
                        "state.state",
                        "state.reason",
                        "balloon.current",
                        "balloon.maximum",
                        "vcpu.current",
                        "vcpu.maximum",
                        "vcpu.0.state",
                        "vcpu.1.state",
                        "net.count",
                        "net.0.name",
                        "net.0.rx.bytes",
                        "net.0.rx.pkts",
                        "net.0.rx.errs",
                        "net.0.rx.drop",
                        "net.0.tx.bytes",
                        "net.0.tx.pkts",
                        "net.0.tx.errs",
                        "net.0.tx.drop",
                        "block.count",
                        "block.0.name",
                        "block.0.rd.reqs",
                        "block.0.rd.bytes",
                        "block.0.wr.reqs",
                        "block.0.wr.bytes",
                        "block.0.allocation",
                        "block.0.capacity",
                        "block.0.physical"),
                List.copyOf(stats.keySet()));
        assertEquals("ULLongValue[value=100]", stats.get("net.0.rx.bytes").toString());
        assertEquals("ULLongValue[value=20]", stats.get("block.0.wr.reqs").toString());
    }

    @Test
    void aCardThatCannotCountGivesNamesOnly() {
        DomainService domains = open(false);
        DomainRecord record = domains.start(domains.define(XML).uuid(), false);

        Map<String, Object> stats = named(new DomainStatsGroups(domains)
                .of(domains.lookup(record.uuid()), StatsType.INTERFACE.code() | StatsType.BLOCK.code()));

        assertEquals(List.of("net.count", "net.0.name", "block.count", "block.0.name"), List.copyOf(stats.keySet()));
    }

    @Test
    void groupsAServerLacksAreDroppedOrRefusedWhenEnforced() {
        assertEquals(DomainStatsGroups.SUPPORTED, DomainStatsGroups.groups(0, true));
        assertEquals(
                StatsType.STATE.code(),
                DomainStatsGroups.groups(StatsType.STATE.code() | StatsType.PERF.code(), false));
        VirtException e = assertThrows(
                VirtException.class,
                () -> DomainStatsGroups.groups(StatsType.STATE.code() | StatsType.PERF.code(), true));
        assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, e.number());
    }
}
