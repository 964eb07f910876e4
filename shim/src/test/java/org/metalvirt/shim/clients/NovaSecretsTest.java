package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * Nova's own {@code Host.create_secret}, {@code find_secret} and {@code delete_secret}
 * (python3-nova) against the daemon, with python3-libvirt reading each secret back and receiving
 * its events on Nova's connection.
 */
class NovaSecretsTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static JsonNode seen;
    private static String told;

    @BeforeAll
    static void askNova() {
        seen = Python.run(Duration.ofSeconds(120), "nova_secrets.py", DAEMON.tcpUri("qemu"));
        told = seen.toPrettyString();
    }

    @Test
    void aCephSecretIsCreatedFoundByUsageAndKeepsItsKey() {
        String uuid = seen.get("ceph").get("uuid").asText();
        assertEquals(2, seen.get("ceph").get("usageType").asInt(), "VIR_SECRET_USAGE_TYPE_CEPH\n" + told);
        assertEquals("pool/volume", seen.get("ceph").get("usageID").asText(), told);
        assertEquals(uuid, seen.get("found").asText(), told);
        assertEquals(CinderSecret.KEY, seen.get("value").asText(), told);
        assertTrue(seen.get("xml").asText().contains("<usage type='ceph'>"), told);
        assertTrue(seen.get("missing").get("ok").asBoolean(), told);
        assertTrue(seen.get("missing").get("value").isNull(), "find_secret: None for VIR_ERR_NO_SECRET\n" + told);
    }

    @Test
    void aVtpmSecretIsPrivateAndEphemeralAndItsValueIsRefused() {
        String vtpm = seen.get("vtpm").asText();
        assertEquals(65, seen.get("vtpmValue").get("code").asInt(), "VIR_ERR_INVALID_SECRET\n" + told);
        assertEquals("[\"" + vtpm + "\"]", seen.get("private").toString(), told);
        assertEquals("[\"" + vtpm + "\"]", seen.get("ephemeral").toString(), told);
    }

    @Test
    void deleteSecretUndefinesAndEventsTellEachStep() {
        assertTrue(seen.get("afterDelete").get("value").isNull(), told);
        assertEquals(0, seen.get("count").asInt(), told);
        String ceph = seen.get("ceph").get("uuid").asText();
        String vtpm = seen.get("vtpm").asText();
        assertEquals(
                "[[\"lifecycle\",\"%s\",0],[\"value-changed\",\"%s\"],[\"lifecycle\",\"%s\",0],[\"value-changed\",\"%s\"],"
                                .formatted(ceph, ceph, vtpm, vtpm)
                        + "[\"lifecycle\",\"%s\",1],[\"lifecycle\",\"%s\",1]]".formatted(ceph, vtpm),
                seen.get("events").toString(),
                told);
    }
}
