package io.gatehouse.api;

/** The body of PUT or PATCH /webhooks/{id}: whether the endpoint is sent deliveries. */
record WebhookUpdate(Boolean enabled) {
}
