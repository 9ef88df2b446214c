package io.gatehouse.api;

import java.util.List;

/** The body of POST /orgs/{id}/setup-links: what the link may do, and for how long (default 24 hours). */
record SetupLinkRequest(List<String> intents, Long ttlSeconds) {
}
