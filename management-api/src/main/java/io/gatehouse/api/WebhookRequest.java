package io.gatehouse.api;

import java.util.List;

/** The body of POST /webhooks: where to post, which event types (all when absent), and one organization's events only, or the realm's. */
record WebhookRequest(String url, List<String> types, String organizationId) {
}
