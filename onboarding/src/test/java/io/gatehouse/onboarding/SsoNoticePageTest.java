package io.gatehouse.onboarding;

import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SsoNoticePageTest {

    @Test
    void a_failed_mail_is_counted_and_the_members_after_it_are_still_mailed() {
        List<String> sent = new ArrayList<>();
        List<String> reported = new ArrayList<>();

        SsoNoticePage page = SsoNoticePage.mail(List.of("ann", "broken", "crash", "dan"), member -> true, member -> {
            if (member.equals("broken")) {
                throw new EmailException("550 mailbox unavailable");
            }
            if (member.equals("crash")) {
                throw new IllegalStateException("template failed");
            }
            sent.add(member);
        }, (member, e) -> reported.add(member));

        assertEquals(List.of("ann", "dan"), sent);
        assertEquals(List.of("broken", "crash"), reported);
        assertEquals(new SsoNoticePage(4, 2, 2), page);
    }

    @Test
    void only_recipients_are_mailed_but_every_member_read_counts_for_paging() {
        List<String> sent = new ArrayList<>();

        SsoNoticePage page = SsoNoticePage.mail(List.of("ann", "support.acme", "bob"), member -> !member.startsWith("support."),
                sent::add, (member, e) -> { });

        assertEquals(List.of("ann", "bob"), sent);
        assertEquals(new SsoNoticePage(3, 2, 0), page);
        assertEquals(new SsoNoticePage(5, 3, 1), page.plus(new SsoNoticePage(2, 1, 1)));
    }
}
