package org.metalvirt.shim.server;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where a key of a YAML document is: the line of {@code nodes[1].inventory.uuid}, or of the
 * nearest enclosing key the file has when that one is absent (a default was used).
 */
final class YamlLines {

    private final Node root;

    YamlLines(Node root) {
        this.root = root;
    }

    /** The 1-based line of the path's deepest part the file has; 0 for an empty file. */
    int line(Object... path) {
        Node at = root;
        int line = at == null ? 0 : at.getStartMark().getLine() + 1;
        for (Object step : path) {
            Node next = child(at, step);
            if (next == null) {
                break;
            }
            at = next;
            line = at.getStartMark().getLine() + 1;
        }
        return line;
    }

    private static Node child(Node node, Object step) {
        if (node instanceof MappingNode mapping && step instanceof String key) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar
                        && scalar.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        if (node instanceof SequenceNode sequence
                && step instanceof Integer index
                && index < sequence.getValue().size()) {
            return sequence.getValue().get(index);
        }
        return null;
    }
}
