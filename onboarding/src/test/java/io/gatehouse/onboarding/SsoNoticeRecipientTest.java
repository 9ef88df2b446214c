package io.gatehouse.onboarding;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsoNoticeRecipientTest {

    @Test
    void an_enabled_member_with_a_password_and_an_email_is_mailed() {
        assertTrue(new SsoNoticeRecipient(true, "ann@acme.test", true, false, false).isMailed());
    }

    @Test
    void a_member_without_a_password_is_not_mailed() {
        assertFalse(new SsoNoticeRecipient(true, "ann@acme.test", false, false, false).isMailed());
    }

    @Test
    void a_member_without_an_email_is_not_mailed() {
        assertFalse(new SsoNoticeRecipient(true, null, true, false, false).isMailed());
        assertFalse(new SsoNoticeRecipient(true, " ", true, false, false).isMailed());
    }

    @Test
    void a_disabled_member_is_not_mailed() {
        assertFalse(new SsoNoticeRecipient(false, "ann@acme.test", true, false, false).isMailed());
    }

    @Test
    void the_support_account_and_break_glass_accounts_are_not_mailed() {
        assertFalse(new SsoNoticeRecipient(true, "support.acme@support.invalid", true, true, true).isMailed());
        assertFalse(new SsoNoticeRecipient(true, "ops@acme.test", true, false, true).isMailed());
        assertFalse(new SsoNoticeRecipient(true, "ops@acme.test", true, true, false).isMailed());
    }
}
