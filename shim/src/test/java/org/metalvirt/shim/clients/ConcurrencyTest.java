package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;

/** Eight clients race start and destroy on one domain: every call is answered, the end state is the truth. */
class ConcurrencyTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static final int CLIENTS = 8;
    private static final int ROUNDS = 10;

    @Test
    void racingStartAndDestroyEndsInTheStateTheServerIsIn() throws Exception {
        String uri = DAEMON.tcpUri("qemu");
        Connect setup = new Connect(uri);
        setup.domainDefineXML(Resources.text("domains/web-1.xml"));
        Set<Integer> errorCodes = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> succeeded = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                boolean starter = c % 2 == 0;
                succeeded.add(clients.submit(() -> race(uri, starter, errorCodes)));
            }
            int calls = 0;
            for (Future<Integer> client : succeeded) {
                calls += client.get(120, TimeUnit.SECONDS);
            }
            assertTrue(calls > 0, "no call succeeded");
        } finally {
            clients.shutdownNow();
        }
        // Only libvirt's answers to "wrong state" may come back: already running / not running.
        assertTrue(Set.of(55).containsAll(errorCodes), "unexpected error codes " + errorCodes);
        Domain domain = setup.domainLookupByName("web-1");
        boolean running = domain.getInfo().state == DomainInfo.DomainState.VIR_DOMAIN_RUNNING;
        assertEquals(running ? PowerState.ON : PowerState.OFF, DAEMON.power("node0"));
        assertEquals(running, domain.isActive() == 1);
        if (running) {
            domain.destroy();
        }
        domain.undefine();
        setup.close();
    }

    /** One client's rounds; returns how many of its calls succeeded. */
    private static int race(String uri, boolean starter, Set<Integer> errorCodes) throws LibvirtException {
        Connect connect = new Connect(uri);
        int ok = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Domain domain = connect.domainLookupByName("web-1");
                try {
                    if (starter) {
                        domain.create();
                    } else {
                        domain.destroy();
                    }
                    ok++;
                } catch (LibvirtException e) {
                    // libvirt-java numbers its codes by position, which matches libvirt's up to 55.
                    errorCodes.add(e.getError().getCode().ordinal());
                }
            }
        } finally {
            connect.close();
        }
        return ok;
    }
}
