package io.gatehouse.api;

/** {@code POST /orgs/{id}/sso-notice}: which connection the emailed link connects to; the org's first by id if not named. */
record SsoNoticeRequest(String connectionId) {
}
