package org.metalvirt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehindReplyTest {

    private final List<String> done = new ArrayList<>();

    @Test
    void aThreadHoldingNothingRunsWorkAtOnce() throws IOException {
        BehindReply.put(() -> done.add("removed"));

        assertEquals(List.of("removed"), done);
    }

    @Test
    void heldWorkRunsInTheOrderPutWhenTheHeldWorkIsRunAndThenWorkRunsAtOnceAgain() throws IOException {
        BehindReply.hold();
        BehindReply.put(() -> done.add("first"));
        BehindReply.put(() -> done.add("second"));
        assertEquals(List.of(), done, "held");

        BehindReply.runHeld(e -> fail(e));
        assertEquals(List.of("first", "second"), done);

        BehindReply.put(() -> done.add("third"));
        BehindReply.runHeld(e -> fail(e));
        assertEquals(List.of("first", "second", "third"), done, "run at once, and not again");
    }

    @Test
    void aFailureIsReportedAndTheRestStillRun() throws IOException {
        List<IOException> failures = new ArrayList<>();
        BehindReply.hold();
        BehindReply.put(() -> {
            throw new IOException("busy");
        });
        BehindReply.put(() -> done.add("after"));

        BehindReply.runHeld(failures::add);

        assertEquals(
                List.of("busy"), failures.stream().map(Throwable::getMessage).toList());
        assertEquals(List.of("after"), done);
    }

    @Test
    void eachThreadHoldsItsOwn() throws Exception {
        BehindReply.hold();
        try {
            Thread other = new Thread(() -> {
                try {
                    BehindReply.put(() -> done.add("other thread, at once"));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            other.start();
            other.join();
            assertEquals(List.of("other thread, at once"), done);
        } finally {
            BehindReply.runHeld(e -> fail(e));
        }
    }
}
