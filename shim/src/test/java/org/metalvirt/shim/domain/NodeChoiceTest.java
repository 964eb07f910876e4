package org.metalvirt.shim.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.metalvirt.shim.domain.SimNodes.fast;
import static org.metalvirt.shim.domain.SimNodes.xml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;

/** Which node a defined domain is bound to: the one its metadata names, else the first free one that fits. */
class NodeChoiceTest {

    @TempDir
    Path state;

    private final List<DomainService> services = new ArrayList<>();

    @AfterEach
    void close() {
        services.forEach(DomainService::close);
    }

    private DomainService open(NodeDriver... nodes) {
        DomainService service =
                DomainService.open(new NodePool(List.of(nodes)), state, DomainSettings.DEFAULT, event -> {});
        services.add(service);
        return service;
    }

    @Test
    void withSeveralNodesADomainBindsToTheNodeItsMetadataNames() {
        DomainService service = open(fast("a", 8, 16, state), fast("b", 8, 16, state));

        assertEquals("b", service.define(xml("x", 2, 4, "b")).node());
    }

    @Test
    void otherwiseToTheFirstFreeNodeThatFits() {
        DomainService service =
                open(fast("small", 2, 4, state), fast("big-1", 32, 256, state), fast("big-2", 32, 256, state));

        assertEquals("big-1", service.define(xml("first", 16, 64, null)).node());
        assertEquals("big-2", service.define(xml("second", 16, 64, null)).node());
        assertEquals("small", service.define(xml("tiny", 1, 1, null)).node());
        assertEquals(
                "big-1", service.define(xml("third", 16, 64, null)).node(), "no free node fits: the first that fits");
    }

    @Test
    void aNodeIsFreeAgainOnceItsDomainIsUndefined() {
        DomainService service = open(fast("a", 8, 16, state), fast("b", 8, 16, state));
        DomainRecord first = service.define(xml("first", 2, 4, null));
        service.define(xml("second", 2, 4, null));
        service.undefine(first.uuid());

        assertEquals("a", service.define(xml("third", 2, 4, null)).node());
    }

    @Test
    void concurrentDefinesTakeDifferentFreeNodes() throws Exception {
        int count = 8;
        NodeDriver[] nodes = new NodeDriver[count];
        for (int i = 0; i < count; i++) {
            nodes[i] = fast("n" + i, 8, 16, state);
        }
        DomainService service = open(nodes);
        CyclicBarrier together = new CyclicBarrier(count);
        ExecutorService definers = Executors.newFixedThreadPool(count);
        try {
            List<CompletableFuture<String>> defines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "d" + i;
                defines.add(CompletableFuture.supplyAsync(
                        () -> {
                            awaitTogether(together);
                            return service.define(xml(name, 2, 4, null)).node();
                        },
                        definers));
            }
            Set<String> chosen = new TreeSet<>();
            for (CompletableFuture<String> define : defines) {
                chosen.add(define.get(30, TimeUnit.SECONDS));
            }

            assertEquals(count, chosen.size(), "a node another define is still saving a domain on is taken: " + chosen);
        } finally {
            definers.shutdownNow();
        }
    }

    private static void awaitTogether(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDomainThatFitsNoNodeIsRefused() {
        DomainService service = open(fast("a", 8, 16, state), fast("b", 8, 16, state));

        VirtException e = assertThrows(VirtException.class, () -> service.define(xml("huge", 64, 4, null)));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertEquals("unsupported configuration: no node fits domain 'huge' (64 vCPUs, 4194304 KiB)", e.getMessage());
    }

    @Test
    void onOneNodeTheDomainMustFitIt() {
        DomainService service = open(fast("only", 8, 16, state));

        VirtException e = assertThrows(VirtException.class, () -> service.define(xml("big", 4, 32, null)));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertEquals(
                "unsupported configuration: <memory>: 33554432 KiB exceed the 16777216 KiB of the server",
                e.getMessage());
    }
}
