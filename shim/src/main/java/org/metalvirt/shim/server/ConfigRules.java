package org.metalvirt.shim.server;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link DaemonSettings#resolve} refuses, checked rule by rule so that every broken rule is
 * reported, each at the line of the key it is about. Nothing is opened or started.
 */
final class ConfigRules {

    private final YamlLines lines;
    private final List<ConfigCheck.Problem> problems;

    ConfigRules(YamlLines lines, List<ConfigCheck.Problem> problems) {
        this.lines = lines;
        this.problems = problems;
    }

    void check(DaemonConfig config) {
        rule(() -> DaemonSettings.parseTcp(config.listen.tcp), "listen", "tcp");
        rule(() -> DaemonSettings.limits(config), "limits");
        if (config.limits.workers <= 0) {
            add("limits: workers must be positive", "limits", "workers");
        }
        if (config.limits.priorityWorkers <= 0) {
            add("limits: priorityWorkers must be positive", "limits", "priorityWorkers");
        }
        if (config.domains.lockTimeoutSeconds <= 0) {
            add("domains: lockTimeoutSeconds must be positive", "domains", "lockTimeoutSeconds");
        }
        if (config.domains.shutdownTimeoutSeconds <= 0) {
            add("domains: shutdownTimeoutSeconds must be positive", "domains", "shutdownTimeoutSeconds");
        }
        if (config.domains.pollIntervalMillis <= 0) {
            add("domains: pollIntervalMillis must be positive", "domains", "pollIntervalMillis");
        }
        if (config.domains.pollConcurrency <= 0) {
            add("domains: pollConcurrency must be positive", "domains", "pollConcurrency");
        }
        nodes(config.nodes);
        networks(config.networks);
    }

    private void nodes(List<NodeConfig> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            add("nodes: at least one node is needed", "nodes");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeConfig node = nodes.get(i);
            if (node == null) {
                add("nodes: an empty entry", "nodes", i);
                continue;
            }
            if (node.name == null || node.name.isBlank() || !names.add(node.name)) {
                add("nodes: names must be present and unique, got '" + node.name + "'", "nodes", i, "name");
            }
            rule(node::backend, "nodes", i, "backend");
            rule(() -> node.spec(Path.of("/nonexistent"), Path.of("/nonexistent")), "nodes", i, "inventory");
        }
    }

    private void networks(List<NetworkConfig> networks) {
        if (networks == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < networks.size(); i++) {
            NetworkConfig network = networks.get(i);
            if (network == null) {
                add("networks: an empty entry", "networks", i);
                continue;
            }
            rule(() -> NetworkConfig.seeds(List.of(network)), "networks", i);
            if (network.name != null && !names.add(network.name)) {
                add("networks: names must be unique, got '" + network.name + "' twice", "networks", i, "name");
            }
        }
    }

    private void rule(Runnable rule, Object... path) {
        try {
            rule.run();
        } catch (ConfigException | IllegalArgumentException e) {
            add(e.getMessage(), path);
        }
    }

    private void add(String message, Object... path) {
        problems.add(new ConfigCheck.Problem(lines.line(path), 0, message));
    }
}
