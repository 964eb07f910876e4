package org.metalvirt.baremetal.ipmi.rmcp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * Whole sessions, both suites, against {@link FakeRmcpBmc}: a BMC side written from the spec with
 * its own HMAC and layouts. Suite 3 also passes against ipmi_sim (NativeIpmiTest), which vouches for
 * the fake; suite 17, which ipmi_sim lacks, is then proven end to end here.
 */
class FakeBmcSessionTest {

    private static BmcLogin login(FakeRmcpBmc bmc, CipherSuite suite, String user, String password) {
        return new BmcLogin(
                "127.0.0.1",
                bmc.port(),
                user,
                suite,
                () -> password.getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(3),
                3);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aSessionCarriesChassisCommandsAndIsClosed(CipherSuite suite) throws Exception {
        try (FakeRmcpBmc bmc = new FakeRmcpBmc(suite, "admin", "fake-pw")) {
            RmcpSessions.Lease lease = RmcpSessions.lease(login(bmc, suite, "admin", "fake-pw"));
            RmcpSession session = lease.session();
            assertEquals(0, session.request(0x00, 0x01).data()[0] & 1, "off");
            assertEquals(0, session.request(0x00, 0x02, (byte) 0x01).completionCode());
            assertEquals(1, session.request(0x00, 0x01).data()[0] & 1, "on");
            assertEquals(0xCC, session.request(0x00, 0x02, (byte) 0x04).completionCode());
            lease.close();

            assertTrue(bmc.on());
            // Close Session is sent without waiting for its answer: it arrives a moment later.
            await().atMost(Duration.ofSeconds(10)).until(() -> bmc.commands().size() == 6);
            assertEquals(List.of("06/3b", "00/01", "00/02", "00/01", "00/02", "06/3c"), bmc.commands());
            assertEquals(1, session.sessionsOpened());
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aWrongPasswordIsFoundInTheBmcsOwnCode(CipherSuite suite) throws Exception {
        try (FakeRmcpBmc bmc = new FakeRmcpBmc(suite, "admin", "fake-pw");
                RmcpSessions.Lease lease = RmcpSessions.lease(login(bmc, suite, "admin", "not-it"))) {
            VirtException refused =
                    assertThrows(VirtException.class, () -> lease.session().request(0x00, 0x01));
            assertEquals(ErrorNumber.OPERATION_FAILED, refused.number());
            assertTrue(refused.getMessage().contains("invalid password"), refused.getMessage());
            assertEquals(List.of(), bmc.commands());
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void anUnknownUserIsRefusedWithItsStatus(CipherSuite suite) throws Exception {
        try (FakeRmcpBmc bmc = new FakeRmcpBmc(suite, "admin", "fake-pw");
                RmcpSessions.Lease lease = RmcpSessions.lease(login(bmc, suite, "root", "fake-pw"))) {
            VirtException refused =
                    assertThrows(VirtException.class, () -> lease.session().request(0x00, 0x01));
            assertTrue(refused.getMessage().endsWith("unauthorized name (RAKP status 0x0d)"), refused.getMessage());
        }
    }

    /**
     * A reply captured off the wire and replayed later — authentic, answering the same command with
     * the same requester sequence number (they wrap at 64) — is dropped for its stale session
     * sequence number, as if lost: the request is resent and the BMC's fresh answer taken.
     */
    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aReplayedReplyIsDroppedAsLostAndTheRequestResent(CipherSuite suite) throws Exception {
        try (FakeRmcpBmc bmc = new FakeRmcpBmc(suite, "admin", "fake-pw")) {
            RmcpSession session = new RmcpSession(login(bmc, suite, "admin", "fake-pw"));
            try {
                assertEquals(0, session.request(0x00, 0x01).data()[0] & 1, "off: the reply to be replayed");
                assertEquals(0, session.request(0x00, 0x02, (byte) 0x01).completionCode());
                bmc.replayNext();
                // Past every requester sequence number once more: one of these gets the replay of "off".
                for (int i = 0; i < 64; i++) {
                    assertEquals(1, session.request(0x00, 0x01).data()[0] & 1, "on, request " + i);
                }
                assertTrue(bmc.replayed());
                long statuses = bmc.commands().stream().filter("00/01"::equals).count();
                assertEquals(1 + 64 + 1, statuses, "the request whose answer was a replay, sent again");
                assertEquals(1, session.sessionsOpened());
            } finally {
                session.close();
            }
        }
    }

    /** A session idle past what BMCs keep is closed and a new one opened before the next request. */
    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aSessionIdleLongerThanABmcKeepsOneIsReplacedBeforeTheNextRequest(CipherSuite suite) throws Exception {
        AtomicLong now = new AtomicLong();
        try (FakeRmcpBmc bmc = new FakeRmcpBmc(suite, "admin", "fake-pw")) {
            RmcpSession session = new RmcpSession(login(bmc, suite, "admin", "fake-pw"), now::get);
            try {
                session.request(0x00, 0x01);
                now.addAndGet(RmcpSession.IDLE_NANOS);
                session.request(0x00, 0x01);
                assertEquals(1, session.sessionsOpened(), "idle exactly as long as allowed: kept");
                now.addAndGet(RmcpSession.IDLE_NANOS + 1);
                assertEquals(0, session.request(0x00, 0x01).completionCode());
                assertEquals(2, session.sessionsOpened());
                assertEquals(List.of("06/3b", "00/01", "00/01", "06/3c", "06/3b", "00/01"), bmc.commands());
            } finally {
                session.close();
            }
        }
    }
}
