package io.gatehouse.webhooks;

import io.gatehouse.persistence.WebhookEndpointEntity;

import java.util.List;

/**
 * An endpoint as the API shows it: never its secret. Its health is when it last answered 2xx, since
 * when it has been failing (null while it is not), and whether it is disabled, by an admin or because it
 * failed for {@link RetrySchedule#DISABLE_AFTER}.
 */
public record WebhookEndpoint(String id, String url, String organizationId, List<String> types, boolean enabled,
                              String disabledReason, Long disabledAt, long createdAt, Long lastSuccessAt, Long failingSince) {

    static WebhookEndpoint of(WebhookEndpointEntity e) {
        return new WebhookEndpoint(e.getId(), e.getUrl(), e.getOrgId(), EndpointTypes.parse(e.getTypes()), e.isEnabled(),
                e.getDisabledReason(), e.getDisabledAt(), e.getCreatedAt(), e.getLastSuccessAt(), e.getFailingSince());
    }

    /** The answer to creating an endpoint: the only place its signing secret is ever shown. */
    public record Created(String id, String url, String organizationId, List<String> types, boolean enabled, long createdAt,
                          String secret) {
    }
}
