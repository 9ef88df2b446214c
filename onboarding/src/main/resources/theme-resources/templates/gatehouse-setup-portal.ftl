<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false displayInfo=false; section>
    <#if section = "header">
        ${msg("gatehouseSetupPortalTitle", setup.orgName)}
    <#elseif section = "form">
        <#assign button = "${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}">
        <style>
            .gatehouse-step { border-top: 1px solid #d2d2d2; margin-top: 1.5rem; padding-top: 1rem; }
            .gatehouse-step h2 { font-size: 1.25rem; font-weight: 600; margin-bottom: .5rem; }
            .gatehouse-step h3 { font-size: 1rem; font-weight: 600; margin: 1rem 0 .25rem; }
            .gatehouse-step code { word-break: break-all; }
            .gatehouse-step form { margin: .5rem 0; }
            .gatehouse-step button { margin: .25rem .25rem .25rem 0; }
            .gatehouse-step summary { cursor: pointer; margin: .25rem 0; }
        </style>
        <#if setup.error??>
            <div id="gatehouse-setup-error" class="${properties.kcAlertClass!} pf-m-danger"><span class="${properties.kcAlertTitleClass!}">${setup.error}</span></div>
        <#elseif setup.limitReached??>
            <div id="gatehouse-setup-error" class="${properties.kcAlertClass!} pf-m-danger"><span class="${properties.kcAlertTitleClass!}">${msg(setup.limitReached, setup.limit)}</span></div>
        </#if>

        <#if setup.domainStep>
        <section id="gatehouse-setup-domain" class="gatehouse-step">
            <h2>${msg("gatehouseSetupDomainTitle")}</h2>
            <p>${msg("gatehouseSetupDomainText")}</p>
            <#list setup.domains as domain>
                <form class="${properties.kcFormClass!}" action="${setup.domainAction}" method="post">
                    <input type="hidden" name="csrf" value="${setup.csrf}"/>
                    <input type="hidden" name="domain" value="${domain.name}"/>
                    <p><strong>${domain.name}</strong>:
                        <span class="gatehouse-domain-status"><#if domain.verified>${msg("gatehouseSetupVerified")}<#else>${msg("gatehouseSetupNotVerified")}</#if></span></p>
                    <#if !domain.verified>
                        <button type="submit" name="action" value="start" class="${button}">${msg("gatehouseSetupDomainStart")}</button>
                        <button type="submit" name="action" value="check" class="${button}">${msg("gatehouseSetupDomainCheck")}</button>
                    </#if>
                </form>
            </#list>
            <#if setup.verification??>
                <div id="gatehouse-setup-verification">
                    <p>${msg("gatehouseSetupDomainRecord")}</p>
                    <p><code>${setup.verification.recordName}</code> TXT <code id="gatehouse-record-value">${setup.verification.recordValue}</code></p>
                    <p>${msg("gatehouseSetupDomainStatus")} <strong id="gatehouse-verification-status">${setup.verification.status}</strong>
                        <#if setup.verification.message??>: ${setup.verification.message}</#if></p>
                </div>
            </#if>
        </section>
        </#if>

        <#if setup.ssoStep>
        <section id="gatehouse-setup-sso" class="gatehouse-step">
            <h2>${msg("gatehouseSetupSsoTitle")}</h2>
            <#list setup.connections as connection>
                <div class="gatehouse-connection">
                    <p>${msg("gatehouseSetupConnected")} <strong>${connection.id}</strong> (${connection.type})</p>
                    <#if connection.acsUrl??>
                        <p>${msg("gatehouseSetupEntityId")} <code>${connection.spEntityId}</code><br/>${msg("gatehouseSetupAcsUrl")} <code>${connection.acsUrl}</code></p>
                    <#elseif connection.redirectUri??>
                        <p>${msg("gatehouseSetupRedirectUri")} <code>${connection.redirectUri}</code></p>
                    </#if>
                    <#if connection.state??><p class="gatehouse-connection-state" id="gatehouse-state-${connection.id}" data-state="${connection.state}">${msg("gatehouseSetupState_" + connection.state)}</p></#if>
                    <#if connection.lastLoginAt??><p>${msg("gatehouseSetupLastLogin")} ${connection.lastLoginAt}</p></#if>
                    <#if connection.lastError??><p>${msg("gatehouseSetupLastError")} ${connection.lastError}</p></#if>
                    <form method="post" action="${setup.testAction}">
                        <input type="hidden" name="csrf" value="${setup.csrf}"/>
                        <input type="hidden" name="connection" value="${connection.id}"/>
                        <button type="submit" id="gatehouse-test-${connection.id}" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}">${msg("gatehouseSetupTest")}</button>
                        <span class="gatehouse-help">${msg("gatehouseSetupTestHelp")}</span>
                    </form>
                    <#if connection.test??>
                        <div class="gatehouse-test-result" id="gatehouse-test-result-${connection.id}" data-outcome="${connection.test.outcome}">
                            <p><strong>${msg("gatehouseSetupTestOutcome_" + connection.test.outcome)}</strong>
                                <#if connection.test.reason??> <span class="gatehouse-test-reason">${connection.test.reason}</span></#if></p>
                            <#if connection.test.email?? || connection.test.username??>
                                <p>${msg("gatehouseSetupTestSent")}</p>
                                <ul class="gatehouse-test-claims">
                                    <li>${msg("gatehouseSetupTestEmail")}: <code>${connection.test.email!"—"}</code></li>
                                    <li>${msg("gatehouseSetupTestName")}: <code>${connection.test.firstName!""} ${connection.test.lastName!""}</code></li>
                                    <li>${msg("gatehouseSetupTestUsername")}: <code>${connection.test.username!"—"}</code></li>
                                    <li>${msg("gatehouseSetupTestGroups")}: <code>${connection.test.groups!"—"}</code></li>
                                </ul>
                            </#if>
                        </div>
                    </#if>
                </div>
            </#list>
            <#if setup.connected??>
                <div id="gatehouse-setup-connected">
                    <p>${msg("gatehouseSetupSsoDone")}</p>
                    <#if setup.connected.acsUrl??>
                        <p>${msg("gatehouseSetupEntityId")} <code>${setup.connected.spEntityId}</code></p>
                        <p>${msg("gatehouseSetupAcsUrl")} <code>${setup.connected.acsUrl}</code></p>
                    <#else>
                        <p>${msg("gatehouseSetupRedirectUri")} <code>${setup.connected.redirectUri}</code></p>
                    </#if>
                </div>
            </#if>
            <details id="gatehouse-setup-new-connection" <#if !setup.connections?has_content>open</#if>>
            <summary>${msg(setup.connections?has_content?then("gatehouseSetupAnotherConnection", "gatehouseSetupNewConnection"))}</summary>
            <details>
                <summary>${msg("gatehouseSetupOkta")}</summary>
                <p>${msg("gatehouseSetupOktaSteps")}</p>
            </details>
            <details>
                <summary>${msg("gatehouseSetupEntra")}</summary>
                <p>${msg("gatehouseSetupEntraSteps")}</p>
            </details>
            <details>
                <summary>${msg("gatehouseSetupGoogle")}</summary>
                <p>${msg("gatehouseSetupGoogleSteps")}</p>
            </details>
            <h3>SAML</h3>
            <p>${msg("gatehouseSetupEntityId")} <code id="gatehouse-sp-entity-id">${setup.samlPreview.spEntityId}</code></p>
            <p>${msg("gatehouseSetupAcsUrl")} <code id="gatehouse-acs-url">${setup.samlPreview.acsUrl}</code></p>
            <p>${msg("gatehouseSetupMetadataUrl")} <a href="${setup.samlPreview.spMetadataUrl}">${setup.samlPreview.spMetadataUrl}</a></p>
            <form id="gatehouse-setup-saml" class="${properties.kcFormClass!}" action="${setup.ssoAction}" method="post">
                <input type="hidden" name="csrf" value="${setup.csrf}"/>
                <input type="hidden" name="type" value="saml"/>
                <label for="metadataUrl" class="${properties.kcLabelClass!}">${msg("gatehouseSetupIdpMetadataUrl")}</label>
                <input id="metadataUrl" name="metadataUrl" type="url" class="${properties.kcInputClass!}"/>
                <label for="metadataXml" class="${properties.kcLabelClass!}">${msg("gatehouseSetupIdpMetadataXml")}</label>
                <textarea id="metadataXml" name="metadataXml" rows="4" class="${properties.kcInputClass!}"></textarea>
                <button id="gatehouse-connect-saml" type="submit" class="${button}">${msg("gatehouseSetupConnect")}</button>
            </form>
            <h3>OpenID Connect</h3>
            <p>${msg("gatehouseSetupRedirectUri")} <code id="gatehouse-redirect-uri">${setup.oidcPreview.redirectUri}</code></p>
            <form id="gatehouse-setup-oidc" class="${properties.kcFormClass!}" action="${setup.ssoAction}" method="post">
                <input type="hidden" name="csrf" value="${setup.csrf}"/>
                <input type="hidden" name="type" value="oidc"/>
                <label for="discoveryUrl" class="${properties.kcLabelClass!}">${msg("gatehouseSetupDiscoveryUrl")}</label>
                <input id="discoveryUrl" name="discoveryUrl" type="url" class="${properties.kcInputClass!}"/>
                <label for="clientId" class="${properties.kcLabelClass!}">${msg("gatehouseSetupClientId")}</label>
                <input id="clientId" name="clientId" type="text" class="${properties.kcInputClass!}"/>
                <label for="clientSecret" class="${properties.kcLabelClass!}">${msg("gatehouseSetupClientSecret")}</label>
                <input id="clientSecret" name="clientSecret" type="password" class="${properties.kcInputClass!}"/>
                <button id="gatehouse-connect-oidc" type="submit" class="${button}">${msg("gatehouseSetupConnect")}</button>
            </form>
            </details>
        </section>
        </#if>

        <#if setup.scimStep>
        <section id="gatehouse-setup-scim" class="gatehouse-step">
            <h2>${msg("gatehouseSetupScimTitle")}</h2>
            <#if setup.scimCreated??>
                <div id="gatehouse-setup-scim-created">
                    <p>${msg("gatehouseSetupScimOnce")}</p>
                    <p>${msg("gatehouseSetupScimBaseUrl")} <code id="gatehouse-scim-base-url">${setup.scimCreated.baseUrl}</code></p>
                    <p>${msg("gatehouseSetupScimToken")} <code id="gatehouse-scim-token">${setup.scimCreated.token}</code>
                        <button type="button" class="${properties.kcButtonClass!}" onclick="navigator.clipboard.writeText(document.getElementById('gatehouse-scim-token').textContent)">${msg("gatehouseSetupCopy")}</button></p>
                </div>
            </#if>
            <details>
                <summary>${msg("gatehouseSetupOkta")}</summary>
                <p>${msg("gatehouseSetupScimOktaSteps")}</p>
            </details>
            <details>
                <summary>${msg("gatehouseSetupEntra")}</summary>
                <p>${msg("gatehouseSetupScimEntraSteps")}</p>
            </details>
            <form id="gatehouse-setup-scim-form" class="${properties.kcFormClass!}" action="${setup.scimAction}" method="post">
                <input type="hidden" name="csrf" value="${setup.csrf}"/>
                <label for="scimName" class="${properties.kcLabelClass!}">${msg("gatehouseSetupScimName")}</label>
                <input id="scimName" name="name" type="text" class="${properties.kcInputClass!}"/>
                <button id="gatehouse-create-scim" type="submit" class="${button}">${msg("gatehouseSetupScimCreate")}</button>
            </form>
        </section>
        </#if>
    </#if>
</@layout.registrationLayout>
