package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/** python3-libvirt's storage pool and volume calls on a dir pool of real image files. */
class PythonStoragePoolTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @TempDir
    Path tmp;

    @Test
    void aDirPoolAndItsVolumesThroughPythonLibvirt() {
        Path dir = tmp.resolve("py-images");
        JsonNode result = Python.run(Duration.ofSeconds(60), "storage_pools.py", DAEMON.tcpUri("qemu"), dir.toString());

        assertEquals(
                "{\"active\":0,\"persistent\":1,\"autostart\":0}",
                result.get("before").toString());
        assertEquals("[\"py-images\"]", result.get("all").toString());
        assertEquals("[\"py-images\"]", result.get("active").toString());
        assertEquals("[]", result.get("inactive").toString());
        assertEquals("[\"py-images\"]", result.get("dir").toString());
        assertEquals("[]", result.get("rbd").toString());
        assertEquals("[\"py-images\"]", result.get("autostart").toString());
        assertTrue(result.get("uuid").asBoolean());
        assertEquals("py-images", result.get("byUuid").asText());
        assertEquals(2, result.get("state").asInt()); // VIR_STORAGE_POOL_RUNNING
        assertTrue(result.get("capacityPositive").asBoolean());
        assertEquals(2, result.get("numOfVolumes").asInt());
        assertEquals("[\"root.qcow2\",\"swap.img\"]", result.get("volumes").toString());
        assertEquals("[\"root.qcow2\",\"swap.img\"]", result.get("allVolumes").toString());
        JsonNode volInfo = result.get("volInfo");
        assertEquals(0, volInfo.get(0).asInt()); // VIR_STORAGE_VOL_FILE
        assertEquals(32L << 20, volInfo.get(1).asLong());
        assertEquals(dir.resolve("root.qcow2").toString(), result.get("volPath").asText());
        assertEquals(dir.resolve("root.qcow2").toString(), result.get("volKey").asText());
        assertEquals("qcow2", result.get("volFormat").asText());
        assertEquals("root.qcow2", result.get("byPath").asText());
        assertEquals("swap.img", result.get("byKey").asText());
        assertEquals("py-images", result.get("poolOfVolume").asText());
        assertEquals("py-images", result.get("byTargetPath").asText());
        assertEquals(90, result.get("exists").get("code").asInt()); // VIR_ERR_STORAGE_VOL_EXIST
        assertEquals(18, result.get("exists").get("domain").asInt()); // VIR_FROM_STORAGE

        JsonNode overlay = result.get("overlay");
        assertEquals(32L << 20, overlay.get("capacity").asLong(), "the backing image's capacity");
        assertEquals("0640", overlay.get("mode").asText());
        assertEquals(
                dir.resolve("root.qcow2").toString(), overlay.get("backingPath").asText());
        assertEquals("qcow2", overlay.get("backingFormat").asText());
        assertEquals(3, result.get("rawWithBacking").get("code").asInt()); // VIR_ERR_NO_SUPPORT
        assertTrue(
                result.get("rawWithBacking").get("message").asText().contains("backing storage not supported for raw"));

        assertEquals("[\"root.qcow2\"]", result.get("afterDelete").toString());
        assertEquals(50, result.get("deletedLookup").get("code").asInt()); // VIR_ERR_NO_STORAGE_VOL
        assertEquals(49, result.get("unknownPool").get("code").asInt()); // VIR_ERR_NO_STORAGE_POOL
        assertEquals(18, result.get("unknownPool").get("domain").asInt());
        assertEquals(29, result.get("readOnlyDefine").get("code").asInt()); // VIR_ERR_OPERATION_DENIED
        assertEquals(55, result.get("inactiveVolumes").get("code").asInt()); // VIR_ERR_OPERATION_INVALID
        assertEquals("[]", result.get("afterUndefine").toString());
        assertFalse(Files.exists(dir), "pool.delete removed the directory");
    }
}
