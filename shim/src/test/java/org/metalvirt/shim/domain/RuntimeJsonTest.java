package org.metalvirt.shim.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.objects.StoredJson;

/** A domain's runtime file as its own writer writes it: what jackson-jr wrote of the record, byte for byte. */
class RuntimeJsonTest {

    private static void sameAsJacksonJr(DomainStore.Runtime runtime) throws IOException {
        byte[] own = runtime.json();
        assertArrayEquals(StoredJson.FILES.asBytes(runtime), own, new String(own, StandardCharsets.UTF_8));
        assertEquals(runtime, StoredJson.FILES.beanFrom(DomainStore.Runtime.class, own));
    }

    @Test
    void aRunningDomainsStateWithTextToEscape() throws IOException {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("52:54:00:aa:bb:01", "0000:3b:00.2");
        addresses.put("vda", "nqn.2014-08.org:\u00e9\"x\"");
        sameAsJacksonJr(new DomainStore.Runtime(
                "web \u2028\t\"q\" \\ \u0001 \ud83d\ude00",
                true,
                "node0",
                7,
                "RUNNING",
                1,
                "<domain type='kvm'><name>web</name><description>&amp; \u00e9 \ud83d\ude00</description></domain>",
                addresses,
                true));
    }

    @Test
    void nullComponentsAreLeftOut() throws IOException {
        sameAsJacksonJr(new DomainStore.Runtime(null, false, null, -1, "SHUTOFF", 0, null, null, false));
        sameAsJacksonJr(new DomainStore.Runtime("db", false, "node1", 3, "PAUSED", 11, "<domain/>", Map.of(), false));
    }
}
