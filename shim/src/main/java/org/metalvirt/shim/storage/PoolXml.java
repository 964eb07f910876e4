package org.metalvirt.shim.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.storage.PoolAuth;
import org.metalvirt.storage.PoolFacts;
import org.metalvirt.storage.PoolSource;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;
import org.metalvirt.xml.XmlWriter;

/** libvirt's storage pool XML: read through the hardened reader, written as {@code pool-dumpxml} shows it. */
final class PoolXml {

    /** Pool types libvirt knows; of them the card serves {@link #SERVED}. */
    private static final Set<String> LIBVIRT_TYPES = Set.of(
            "dir",
            "fs",
            "netfs",
            "logical",
            "disk",
            "iscsi",
            "iscsi-direct",
            "scsi",
            "mpath",
            "rbd",
            "sheepdog",
            "gluster",
            "zfs",
            "vstorage");

    static final Set<String> SERVED = Set.of("dir", "netfs", "rbd", "iscsi", "iscsi-direct");

    private PoolXml() {}

    static PoolDefinition parse(String xml) {
        XmlElement root = XmlReader.parse(xml);
        if (!root.localName().equals("pool")) {
            throw xmlError("unexpected root element <" + root.localName() + ">, expecting <pool>");
        }
        String type = root.attribute("type").orElseThrow(() -> xmlError("storage pool missing type attribute"));
        if (!LIBVIRT_TYPES.contains(type)) {
            throw xmlError("unknown storage pool type " + type);
        }
        if (!SERVED.contains(type)) {
            throw new VirtException(
                    ErrorNumber.NO_SUPPORT,
                    ErrorDomain.STORAGE,
                    "this function is not supported by the connection driver: pool type '" + type
                            + "': the card serves dir, netfs, rbd, iscsi and iscsi-direct pools");
        }
        String name = root.childText("name")
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .orElseThrow(() -> xmlError("missing pool source name element"));
        if (name.contains("/")) {
            throw xmlError("name " + name + " cannot contain '/'");
        }
        UUID uuid = root.childText("uuid").map(String::strip).map(PoolXml::uuid).orElseGet(UUID::randomUUID);
        XmlElement source = root.child("source").orElseGet(() -> new XmlElement("source"));
        Optional<String> target =
                root.child("target").flatMap(t -> t.childText("path")).map(String::strip);
        List<String> hosts = new ArrayList<>();
        for (XmlElement host : source.children("host")) {
            String hostName = host.attribute("name").orElseThrow(() -> xmlError("missing storage pool host name"));
            hosts.add(host.attribute("port").map(port -> hostName + ":" + port).orElse(hostName));
        }
        PoolSource pool = new PoolSource(
                type,
                name,
                target,
                hosts,
                source.child("dir").flatMap(d -> d.attribute("path")),
                source.childText("name").map(String::strip),
                source.child("device").flatMap(d -> d.attribute("path")),
                source.child("initiator").flatMap(i -> i.child("iqn")).flatMap(i -> i.attribute("name")),
                source.child("auth").map(PoolXml::auth));
        check(pool);
        return new PoolDefinition(uuid, name, pool);
    }

    private static void check(PoolSource pool) {
        switch (pool.type()) {
            case "dir", "netfs" -> {
                String path = pool.target().orElseThrow(() -> xmlError("missing storage pool target path"));
                if (!Path.of(path).isAbsolute()
                        || !Path.of(path).normalize().toString().equals(path)) {
                    throw xmlError("storage pool target path '" + path + "' must be absolute and normalised");
                }
                if (pool.type().equals("netfs")) {
                    require(!pool.hosts().isEmpty(), "missing storage pool source host name");
                    require(pool.dir().isPresent(), "missing storage pool source path");
                }
            }
            case "rbd" -> {
                require(pool.name().isPresent(), "element 'name' is mandatory for RBD pool");
                require(!pool.hosts().isEmpty(), "missing storage pool source host name");
            }
            default -> {
                require(pool.hosts().size() == 1, "Expected exactly 1 host for the storage pool");
                require(pool.device().isPresent(), "missing storage pool source device path");
            }
        }
    }

    private static PoolAuth auth(XmlElement auth) {
        String type = auth.attribute("type").orElseThrow(() -> xmlError("missing auth type attribute"));
        String username = auth.attribute("username").orElseThrow(() -> xmlError("missing username for auth"));
        XmlElement secret = auth.child("secret").orElseThrow(() -> xmlError("missing auth secret node"));
        Optional<String> uuid = secret.attribute("uuid");
        Optional<String> usage = secret.attribute("usage");
        if (uuid.isPresent() == usage.isPresent()) {
            throw xmlError("either auth secret uuid or usage expected");
        }
        uuid.ifPresent(PoolXml::uuid);
        return new PoolAuth(type, username, uuid, usage);
    }

    /** The pool's document; {@code facts} adds its space while it is active. */
    static String format(PoolDefinition definition, Optional<PoolFacts> facts) {
        PoolSource pool = definition.source();
        XmlElement root = new XmlElement("pool").attribute("type", pool.type());
        root.add("name").text(definition.name());
        root.add("uuid").text(definition.uuid().toString());
        PoolFacts space = facts.orElse(new PoolFacts(0, 0, 0, List.of()));
        root.add("capacity").attribute("unit", "bytes").text(Long.toString(space.capacity()));
        root.add("allocation").attribute("unit", "bytes").text(Long.toString(space.allocation()));
        root.add("available").attribute("unit", "bytes").text(Long.toString(space.available()));
        XmlElement source = root.add("source");
        for (String host : pool.hosts()) {
            XmlElement element = source.add("host");
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                element.attribute("name", host.substring(0, colon)).attribute("port", host.substring(colon + 1));
            } else {
                element.attribute("name", host);
            }
        }
        pool.device().ifPresent(device -> source.add("device").attribute("path", device));
        pool.dir().ifPresent(dir -> source.add("dir").attribute("path", dir));
        pool.name().ifPresent(name -> source.add("name").text(name));
        if (pool.type().equals("netfs")) {
            source.add("format").attribute("type", "auto");
        }
        pool.initiator().ifPresent(iqn -> source.add("initiator").add("iqn").attribute("name", iqn));
        pool.auth().ifPresent(auth -> {
            XmlElement element =
                    source.add("auth").attribute("type", auth.type()).attribute("username", auth.username());
            XmlElement secret = element.add("secret");
            auth.uuid().ifPresent(uuid -> secret.attribute("uuid", uuid));
            auth.usage().ifPresent(usage -> secret.attribute("usage", usage));
        });
        pool.target().ifPresent(path -> root.add("target").add("path").text(path));
        return XmlWriter.write(root);
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw xmlError("malformed uuid element");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw xmlError(message);
        }
    }

    static VirtException xmlError(String detail) {
        return new VirtException(ErrorNumber.XML_ERROR, ErrorDomain.STORAGE, "XML error: " + detail);
    }
}
