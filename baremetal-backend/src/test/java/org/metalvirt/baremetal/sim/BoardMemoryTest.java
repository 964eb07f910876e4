package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.PowerState;

class BoardMemoryTest {

    @TempDir
    Path dir;

    private String level() throws IOException {
        return Files.readString(dir.resolve("n0.sim-power"), StandardCharsets.US_ASCII);
    }

    @Test
    void aBoardNeverSwitchedWasOffAndLeavesNoFile() {
        assertFalse(new BoardMemory(dir, "n0").wasOn());
        assertFalse(Files.exists(dir.resolve("n0.sim-power")));
    }

    @Test
    void eachEdgeIsInTheFileAtOnceForTheNextDaemonToRead() throws IOException {
        BoardMemory memory = new BoardMemory(dir, "n0");

        memory.powerChanged(PowerState.ON);
        assertEquals("on \n", level(), "read by another reader, without a close or a sync");
        assertTrue(new BoardMemory(dir, "n0").wasOn());

        memory.powerChanged(PowerState.OFF);
        assertEquals("off\n", level());
        assertFalse(new BoardMemory(dir, "n0").wasOn());

        memory.powerChanged(PowerState.ON);
        assertTrue(new BoardMemory(dir, "n0").wasOn());
    }

    @Test
    void aLevelWrittenByHandIsReadAndThenOverwrittenWhole() throws IOException {
        Files.writeString(dir.resolve("n0.sim-power"), "on\n");
        BoardMemory memory = new BoardMemory(dir, "n0");
        assertTrue(memory.wasOn());

        memory.powerChanged(PowerState.OFF);
        assertEquals("off\n", level());
    }

    @Test
    void boardsKeepTheirOwnLevels() {
        BoardMemory first = new BoardMemory(dir, "n0");
        BoardMemory second = new BoardMemory(dir, "n1");
        first.powerChanged(PowerState.ON);
        second.powerChanged(PowerState.OFF);
        assertTrue(new BoardMemory(dir, "n0").wasOn());
        assertFalse(new BoardMemory(dir, "n1").wasOn());
    }
}
