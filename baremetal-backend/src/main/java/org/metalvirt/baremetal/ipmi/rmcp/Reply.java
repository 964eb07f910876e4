package org.metalvirt.baremetal.ipmi.rmcp;

/**
 * A BMC's answer to an IPMI request: its completion code (IPMI v2.0 table 5-2) and the data after it.
 *
 * @param rqSeq the requester's sequence number it answers (6 bits), matching it to its request
 */
public record Reply(int netFn, int cmd, int rqSeq, int completionCode, byte[] data) {

    /** The spec's names of the generic completion codes, as messages give them. */
    public String completionText() {
        return CompletionCodes.describe(completionCode);
    }

    /** Whether the code says the BMC was busy rather than wrong: worth asking again. */
    public boolean busy() {
        return CompletionCodes.transientCode(completionCode);
    }
}
