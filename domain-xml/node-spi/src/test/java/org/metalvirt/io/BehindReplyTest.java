package org.metalvirt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehindReplyTest {

    private final List<String> done = new ArrayList<>();

    @Test
    void aThreadServingNoCallRunsWorkAtOnce() throws IOException {
        BehindReply.put(() -> done.add("removed"));

        assertEquals(List.of("removed"), done);
    }

    @Test
    void workPutWhileServingACallRunsWhenTheCallIsDoneInTheOrderPut() throws IOException {
        BehindReply.serving(
                () -> {
                    BehindReply.put(() -> done.add("first"));
                    BehindReply.put(() -> done.add("second"));
                    done.add("replied");
                },
                e -> fail(e));
        assertEquals(List.of("replied", "first", "second"), done);

        BehindReply.put(() -> done.add("third"));
        assertEquals(List.of("replied", "first", "second", "third"), done, "at once again, and not twice");
    }

    @Test
    void aCallThatThrowsStillRunsItsWork() {
        assertThrows(
                IOException.class,
                () -> BehindReply.serving(
                        () -> {
                            BehindReply.put(() -> done.add("removed"));
                            throw new IOException("the call failed");
                        },
                        e -> fail(e)));

        assertEquals(List.of("removed"), done);
    }

    @Test
    void aFailureIsReportedAndTheRestStillRun() throws IOException {
        List<IOException> failures = new ArrayList<>();
        BehindReply.serving(
                () -> {
                    BehindReply.put(() -> {
                        throw new IOException("busy");
                    });
                    BehindReply.put(() -> done.add("after"));
                },
                failures::add);

        assertEquals(
                List.of("busy"), failures.stream().map(Throwable::getMessage).toList());
        assertEquals(List.of("after"), done);
    }

    @Test
    void eachThreadHoldsItsOwn() throws InterruptedException {
        BehindReply.serving(
                () -> {
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
                },
                e -> fail(e));
    }
}
