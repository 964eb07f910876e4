package org.metalvirt.shim.secret;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.testing.Mutations;

/** Bounded fuzzing of the secret XML reader, seeded with Cinder's secret: a definition or libvirt's error. */
class SecretXmlFuzzTest {

    @Property
    void anySecretDocumentIsADefinitionOrLibvirtsError(@ForAll("secrets") String xml) {
        try {
            SecretXml.parse(xml);
        } catch (VirtException refused) {
            // libvirt's answer to a bad document
        }
    }

    @Provide
    Arbitrary<String> secrets() {
        List<String> seeds = Mutations.resources("secrets", ".xml").stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .toList();
        return Mutations.text(
                seeds,
                List.of(
                        "<usage type='ceph'><name>client.admin secret</name></usage>",
                        "<usage type='volume'><volume>/dev/x</volume></usage>",
                        "<usage type='tls'><name>t</name></usage>",
                        "<uuid>not-a-uuid</uuid>",
                        " ephemeral='maybe'",
                        " private='yes'",
                        "<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/shadow'>]>&e;"));
    }
}
