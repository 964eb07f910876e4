package org.metalvirt.shim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/**
 * The power seam counts a failure the hardware gave as a hardware error of its driver, and what is
 * not the hardware's fault (an NMI the wiring cannot send) as a failed operation only.
 */
class MeteredPowerTest {

    /** A BMC that refuses to power on and has no NMI; its class name makes the driver "refusingbmc". */
    static final class RefusingBmcPowerControl implements PowerControl {
        @Override
        public PowerState state() {
            return PowerState.OFF;
        }

        @Override
        public void powerOn() {
            throw new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN, "BMC said no");
        }

        @Override
        public void requestShutdown() {}

        @Override
        public void powerOff() {}

        @Override
        public void reset() {}

        @Override
        public void watch(PowerListener listener) {}
    }

    @Test
    void aRefusedPowerOnIsAHardwareErrorAndAMissingNmiIsNot() throws IOException {
        Metrics metrics = Metrics.counting();
        NodeDriver node = metrics.metered(
                NodeDriver.inventoryOnly("n1", () -> {
                            throw new UnsupportedOperationException();
                        })
                        .withPower(new RefusingBmcPowerControl()),
                "baremetal");

        assertEquals(PowerState.OFF, node.power().state());
        assertThrows(VirtException.class, node.power()::powerOn);
        assertThrows(VirtException.class, node.power()::injectNmi);

        String page = page(metrics);
        assertTrue(
                page.contains(
                        "metalvirt_hardware_errors_total{code=\"VIR_ERR_OPERATION_FAILED\",driver=\"refusingbmc\"} 1.0"),
                page);
        assertTrue(!page.contains("VIR_ERR_NO_SUPPORT"), page);
        assertTrue(
                page.contains(
                        "metalvirt_power_operations_total{backend=\"baremetal\",driver=\"refusingbmc\",operation=\"on\",result=\"error\"} 1.0"),
                page);
        assertTrue(
                page.contains(
                        "metalvirt_power_operations_total{backend=\"baremetal\",driver=\"refusingbmc\",operation=\"nmi\",result=\"error\"} 1.0"),
                page);
        assertTrue(
                page.contains(
                        "metalvirt_power_operations_total{backend=\"baremetal\",driver=\"refusingbmc\",operation=\"read\",result=\"ok\"} 1.0"),
                page);
        assertTrue(
                page.contains(
                        "metalvirt_power_operation_duration_seconds_count{backend=\"baremetal\",operation=\"on\"} 1"),
                page);
    }

    @Test
    void withoutAnEndpointThePowerSeamIsLeftAsItIsAndNothingIsCounted() {
        Metrics off = Metrics.off();
        NodeDriver node = NodeDriver.inventoryOnly("n1", () -> {
                    throw new UnsupportedOperationException();
                })
                .withPower(new RefusingBmcPowerControl());

        assertSame(node, off.metered(node, "baremetal"));
        off.call(0x20008086, "CONNECT_GET_VERSION", null, 1_000);
        off.connected("unix", false);
        assertThrows(
                IllegalStateException.class,
                () -> MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), off));
    }

    private static String page(Metrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create()
                .write(out, ((Meters) metrics).registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
