package io.gatehouse.onboarding;

import org.keycloak.email.EmailException;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One page of members told about SSO: how many were read, mailed, and could not be mailed. A
 * member whose mail fails is counted and reported, and the others are still mailed.
 */
record SsoNoticePage(int read, int mailed, int failed) {

    static final SsoNoticePage NONE = new SsoNoticePage(0, 0, 0);

    /** Sends one member's email. */
    interface Mailer<T> {
        void send(T member) throws EmailException;
    }

    static <T> SsoNoticePage mail(List<T> members, Predicate<T> recipient, Mailer<T> mailer, BiConsumer<T, Exception> failure) {
        int mailed = 0;
        int failed = 0;
        for (T member : members) {
            if (!recipient.test(member)) {
                continue;
            }
            try {
                mailer.send(member);
                mailed++;
            } catch (EmailException | RuntimeException e) {
                failed++;
                failure.accept(member, e);
            }
        }
        return new SsoNoticePage(members.size(), mailed, failed);
    }

    SsoNoticePage plus(SsoNoticePage other) {
        return new SsoNoticePage(read + other.read, mailed + other.mailed, failed + other.failed);
    }
}
