package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * libvirt-java through JNA, calling the pool API as CloudStack's KVM agent does for a primary
 * storage: the pool named by its UUID is looked up, defined and started when missing, refreshed
 * and measured; volumes are created from CloudStack's volume XML (its {@code <permissions>}, a
 * template as {@code <backingStore>}), found by name and deleted.
 */
class LibvirtJavaStorageTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @TempDir
    Path tmp;

    @Test
    void cloudStacksPrimaryStorageCalls() throws LibvirtException, IOException {
        String uuid = UUID.randomUUID().toString();
        Path dir = tmp.resolve(uuid);
        Connect connect = new Connect(DAEMON.tcpUri("qemu"));
        try {
            // The agent asks for its pool first, and defines it when the lookup fails.
            LibvirtException missing =
                    assertThrows(LibvirtException.class, () -> connect.storagePoolLookupByUUIDString(uuid));
            assertEquals(ErrorNumber.VIR_ERR_NO_STORAGE_POOL, missing.getError().getCode());
            assertThrows(LibvirtException.class, () -> connect.storagePoolLookupByName(uuid));

            StoragePool defined = connect.storagePoolDefineXML("""
                    <pool type='dir'>
                    <name>%s</name>
                    <uuid>%s</uuid>
                    <target>
                    <path>%s</path>
                    </target>
                    </pool>
                    """.formatted(uuid, uuid, dir), 0);
            defined.build(0);
            defined.create(0);

            StoragePool pool = connect.storagePoolLookupByUUIDString(uuid);
            assertEquals(uuid, pool.getName());
            assertEquals(1, pool.isPersistent());
            pool.refresh(0);
            StoragePoolInfo info = pool.getInfo();
            assertEquals(StoragePoolInfo.StoragePoolState.VIR_STORAGE_POOL_RUNNING, info.state);
            assertTrue(info.capacity > 0 && info.available > 0 && info.available <= info.capacity, info.toString());
            assertTrue(pool.getXMLDesc(0).contains("<path>" + dir + "</path>"));
            assertArrayEquals(new String[0], pool.listVolumes());

            String volumeUuid = UUID.randomUUID().toString();
            StorageVol created = pool.storageVolCreateXML("""
                    <volume>
                    <name>%s</name>
                    <capacity>%d</capacity>
                    <target>
                    <format type='qcow2'/>
                    <permissions><mode>0744</mode></permissions>
                    </target>
                    </volume>
                    """.formatted(volumeUuid, 64L << 20), 0);
            Path file = dir.resolve(volumeUuid);
            assertEquals(file.toString(), created.getPath());
            assertEquals(file.toString(), created.getKey());
            assertTrue(Files.isRegularFile(file));
            assertEquals(0744, (Integer) Files.getAttribute(file, "unix:mode") & 0777, "CloudStack's <mode>");
            assertArrayEquals(new String[] {volumeUuid}, pool.listVolumes());

            // A root disk from a template: CloudStack's volume XML with the template as backing store.
            StorageVol fromTemplate = pool.storageVolCreateXML("""
                    <volume>
                    <name>%s-root</name>
                    <capacity>%d</capacity>
                    <target>
                    <format type='qcow2'/>
                    <permissions><mode>0744</mode></permissions>
                    </target>
                    <backingStore>
                    <path>%s</path>
                    <format type='qcow2'/>
                    </backingStore>
                    </volume>
                    """.formatted(volumeUuid, 128L << 20, file), 0);
            String rootXml = fromTemplate.getXMLDesc(0);
            assertTrue(rootXml.contains("<backingStore>") && rootXml.contains("<path>" + file + "</path>"), rootXml);
            assertEquals(128L << 20, fromTemplate.getInfo().capacity);
            fromTemplate.delete(0);

            StorageVol found = pool.storageVolLookupByName(volumeUuid);
            StorageVolInfo volInfo = found.getInfo();
            assertEquals(StorageVolInfo.VirStorageVolType.VIR_STORAGE_VOL_FILE, volInfo.type);
            assertEquals(64L << 20, volInfo.capacity);
            assertTrue(found.getXMLDesc(0).contains("<format type='qcow2'/>"), found.getXMLDesc(0));
            assertEquals(uuid, found.storagePoolLookupByVolume().getName());

            found.delete(0);
            assertFalse(Files.exists(file));
            LibvirtException gone = assertThrows(LibvirtException.class, () -> pool.storageVolLookupByName(volumeUuid));
            assertEquals(ErrorNumber.VIR_ERR_NO_STORAGE_VOL, gone.getError().getCode());

            // Removing a primary storage: stopped, then forgotten.
            pool.destroy();
            assertEquals(StoragePoolInfo.StoragePoolState.VIR_STORAGE_POOL_INACTIVE, pool.getInfo().state);
            pool.undefine();
            assertThrows(LibvirtException.class, () -> connect.storagePoolLookupByUUIDString(uuid));
        } finally {
            connect.close();
        }
    }
}
