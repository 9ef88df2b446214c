package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.complex.BulkConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ChangePasswordConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ETagConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.SortConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.AuthenticationScheme;
import de.captaingoldfish.scim.sdk.server.endpoints.EndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;

import java.util.List;
import java.util.Optional;

/**
 * The SCIM protocol engine (scim-sdk-server), set up once per server with what Gatehouse really
 * does: Users and Groups, filter, sort, PATCH (with the engine's workarounds for Entra ID) and
 * ETags; no bulk and no password changes. Its discovery endpoints describe exactly this.
 */
final class ScimEngine {

    private final ResourceEndpoint endpoint;

    ScimEngine(int maxResults) {
        ServiceProvider serviceProvider = ServiceProvider.builder()
                .filterConfig(FilterConfig.builder().supported(true).maxResults(maxResults).build())
                .sortConfig(SortConfig.builder().supported(true).build())
                .patchConfig(PatchConfig.builder()
                        .supported(true)
                        .activateMsAzureFilterWorkaround(true)
                        .activateMsAzureValueSubAttributeWorkaround(true)
                        .activateMsAzureComplexSimpleValueWorkaround(true)
                        .build())
                .eTagConfig(ETagConfig.builder().supported(true).build())
                .changePasswordConfig(ChangePasswordConfig.builder().supported(false).build())
                .bulkConfig(BulkConfig.builder().supported(false).maxOperations(0).maxPayloadSize(0L).build())
                .authenticationSchemes(List.of(AuthenticationScheme.builder()
                        .name("OAuth Bearer Token")
                        .description("The directory's bearer token, or a client-credentials access token of the OAuth client bound to the directory, with scope scim")
                        .type("oauthbearertoken")
                        .specUri("https://www.rfc-editor.org/rfc/rfc6750")
                        .primary(true)
                        .build()))
                .caseInsensitiveValidation(true)
                .lenientContentTypeChecking(true)
                .build();
        endpoint = new ResourceEndpoint(serviceProvider);
        for (EndpointDefinition definition : List.of(new UserEndpointDefinition(new UserHandler()),
                new GroupEndpointDefinition(new GroupHandler()))) {
            endpoint.registerEndpoint(definition).getFeatures().getETagFeature().setEnabled(true);
        }
    }

    ResourceEndpoint endpoint() {
        return endpoint;
    }

    /** The resource type whose endpoint {@code path} (below a directory's base URL, such as {@code Users/{id}}) is under. */
    Optional<ResourceType> resourceType(String path) {
        String first = "/" + path.split("/", 2)[0];
        return endpoint.getRegisteredResourceTypes().stream()
                .map(ResourceType.class::cast)
                .filter(type -> type.getEndpoint().equalsIgnoreCase(first))
                .findFirst();
    }
}
