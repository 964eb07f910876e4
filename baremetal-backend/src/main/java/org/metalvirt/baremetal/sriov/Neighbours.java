package org.metalvirt.baremetal.sriov;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.Failures;

/**
 * The card's IPv4 neighbour table, {@code ip -4 -j neigh show}: the addresses it has seen each MAC
 * use on any of its links. Entries that never resolved (FAILED, INCOMPLETE) name no address.
 */
final class Neighbours {

    private static final Set<String> UNRESOLVED = Set.of("FAILED", "INCOMPLETE");

    private Neighbours() {}

    static List<String> of(CommandRunner runner, String mac) {
        return parse(runner.check(Command.of(SriovNetworkAttachment.TIMEOUT, "ip", "-4", "-j", "neigh", "show")), mac);
    }

    static List<String> parse(String json, String mac) {
        List<String> addresses = new ArrayList<>();
        try {
            for (JsonNode entry : new ObjectMapper().readTree(json.isBlank() ? "[]" : json)) {
                boolean unresolved = false;
                for (JsonNode state : entry.path("state")) {
                    unresolved |= UNRESOLVED.contains(state.asText());
                }
                if (!unresolved && entry.path("lladdr").asText().equalsIgnoreCase(mac)) {
                    addresses.add(entry.path("dst").asText());
                }
            }
        } catch (IOException e) {
            throw Failures.failed("ip neigh printed something that is not JSON: " + e.getMessage(), e);
        }
        return addresses;
    }
}
