package org.metalvirt.shim.domain;

import java.io.IOException;
import org.metalvirt.domainxml.DomainXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time work of a fresh daemon's first define, done once at start on a thread of its own
 * that then ends: the JDK's StAX factory lookup and its parser's classes, the domain XML model and
 * its records, the method handles of a record's equals and hashCode, and the JSON writer of a
 * definition file's header ({@link DefinitionFile#format}: jackson-jr's look at the record). The
 * first define paid it (about 20 ms of its 50, measured in testbeds/bench/README.md). Nothing is
 * defined or stored: the same code runs on a sample.
 */
public final class DefineWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(DefineWarmUp.class);
    private static final String SAMPLE = "<domain type='kvm'><name>warm-up</name><memory unit='MiB'>128</memory>"
            + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";

    private DefineWarmUp() {}

    /** Runs it on the calling thread (the daemon's short-lived warm-up thread); never fails. */
    public static void run() {
        try {
            DefinitionFile.Defined defined = new DefinitionFile.Defined(false, "node");
            DefinitionFile.format(defined, DomainXml.parse(SAMPLE).xml());
            // A record's first equals and hashCode make the JDK generate their method handles (ms).
            DomainStore.warmUp(defined);
        } catch (IOException | RuntimeException e) {
            LOG.debug("define warm-up: {}", e.toString()); // only time is lost: the first define does it
        }
    }
}
