package io.gatehouse.api;

import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.GatehouseOrganizationsFactory;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.org.Region;
import io.gatehouse.org.Regions;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.AdminRoot;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * "gatehouse-onboarding" under Configure in the Keycloak admin console (Keycloak's declarative UI,
 * {@code --features=declarative-ui}): the form an admin fills in to onboard a customer. Saving it
 * creates the organization exactly as {@code POST /orgs} does, with safe defaults (automatic
 * membership by email domain off, MFA for users who don't use SSO on), and sends Keycloak's
 * invitation email to each admin listed. Editing it later updates the organization and invites
 * admins newly listed. The saved item shows the organization's id and the address of its
 * overview page, where an admin sees its status and creates setup links and SCIM directories.
 */
public final class ConsoleOnboardingPage implements UiPageProviderFactory<UiPageProvider> {

    public static final String ID = "gatehouse-onboarding";
    static final String NAME = "name";
    static final String DOMAINS = "domains";
    static final String EXTERNAL_ID = "externalId";
    static final String REGION = Regions.REGION;
    static final String BACKEND_URL = Regions.BACKEND_URL;
    static final String ADMINS = "admins";
    static final String SSO_REQUIRED = "ssoRequired";
    static final String MFA = "mfaForNonSsoUsers";
    static final String AUTO_JOIN = "autoJoinByDomain";
    static final String ORG_ID = "organizationId";
    static final String OVERVIEW = "overview";
    private static final String ON = "on";
    private static final String OFF = "off";
    /** Set while Gatehouse itself writes an item's organization, the one write that may set it. */
    private static final String LINKING = ConsoleOnboardingPage.class.getName() + ".linking";

    /** The operator's regions, read once at start as every Gatehouse option is. */
    private Regions regions = Regions.NONE;

    @Override
    public String getHelpText() {
        return "Onboard a customer: create its organization with safe defaults and invite its admins. "
                + "Open an item's overview page for its domains, connections, SCIM directories, members, activity and setup links.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigurationBuilder form = ProviderConfigurationBuilder.create()
                .property().name(NAME).label("Organization name").type(ProviderConfigProperty.STRING_TYPE).required(true)
                .helpText("The customer's name, as its users will see it.").add()
                .property().name(DOMAINS).label("Email domains").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).required(true)
                .helpText("The customer's email domains, such as acme.com. SSO and SCIM accept only users of these domains.").add()
                .property().name(EXTERNAL_ID).label("External ID").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The customer's id in your own systems (optional, unique).").add();
        return regionProperties(form)
                .property().name(ADMINS).label("Admins to invite").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Email addresses. Each gets Keycloak's organization invitation email; the first to accept becomes the organization's admin. "
                        + "Needs the realm's SMTP settings.").add()
                .property().name(MFA).label("MFA for users who don't use SSO").type(ProviderConfigProperty.LIST_TYPE)
                .options(ON, OFF).defaultValue(ON)
                .helpText("on (the safe default): members who sign in with a password must set up OTP.").add()
                .property().name(AUTO_JOIN).label("Automatic membership by email domain").type(ProviderConfigProperty.LIST_TYPE)
                .options(OFF, ON).defaultValue(OFF)
                .helpText("off (the safe default): joining by email domain would bypass the roles and groups SSO and SCIM assign.").add()
                .property().name(SSO_REQUIRED).label("Require SSO").type(ProviderConfigProperty.LIST_TYPE)
                .options(OFF, ON).defaultValue(OFF)
                .helpText("on: the organization's members must sign in through its IdP. Turn on once a connection works.").add()
                .property().name(ORG_ID).label("Organization ID (set when saved)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Filled in by Gatehouse when the organization is created.").add()
                .property().name(OVERVIEW).label("Overview page (set when saved)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Filled in by Gatehouse: open this address for the organization's status, setup links and SCIM directories.").add()
                .build();
    }

    /**
     * With the operator's regions, a dropdown of their ids, and the backend URL follows; without them,
     * both are free text.
     */
    private ProviderConfigurationBuilder regionProperties(ProviderConfigurationBuilder form) {
        if (!regions.configured()) {
            return form
                    .property().name(REGION).label("Region").type(ProviderConfigProperty.STRING_TYPE)
                    .helpText("Stored as the organization attribute 'region'.").add()
                    .property().name(BACKEND_URL).label("Backend URL").type(ProviderConfigProperty.STRING_TYPE)
                    .helpText("Stored as the organization attribute 'backendUrl'.").add();
        }
        List<Region> list = regions.list();
        return form
                .property().name(REGION).label("Region").type(ProviderConfigProperty.LIST_TYPE).required(true)
                .options(list.stream().map(Region::id).toList()).defaultValue(list.get(0).id())
                .helpText("Where the customer's data lives; it sets the organization's backendUrl. "
                        + String.join("; ", list.stream().map(r -> r.id() + ": " + r.displayName() + ", " + r.backendUrl()).toList()) + ".")
                .add();
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(NAME, DOMAINS, OVERVIEW));
    }

    /**
     * The organization an item belongs to is set by Gatehouse alone, when it creates the organization.
     * Whatever a request sends for it is replaced by what is stored (nothing, for a new item), so no
     * item can be pointed at another organization, and saving an item again with the fields empty keeps them.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (Boolean.TRUE.equals(session.getAttribute(LINKING))) {
            return;
        }
        ComponentModel stored = model.getId() == null ? null : realm.getComponent(model.getId());
        for (String gatehouseSets : List.of(ORG_ID, OVERVIEW)) {
            String kept = stored == null ? null : stored.get(gatehouseSets);
            if (kept == null) {
                model.getConfig().remove(gatehouseSets);
            } else {
                model.put(gatehouseSets, kept);
            }
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        Caller caller = Caller.of(session, realm, null);
        GatehouseOrganizations orgs = session.getProvider(GatehouseOrganizations.class);
        Org org = refusalsAsValidation(() -> orgs.create(request(model, null).toNewDraft(orgs, false)));
        caller.event(OperationType.CREATE, org);
        invite(session, caller, org.id(), model.getConfig().getList(ADMINS));
        model.put(ORG_ID, org.id());
        model.put(OVERVIEW, OrgOverviewPage.url(session, realm, org.id()));
        session.setAttribute(LINKING, Boolean.TRUE);
        try {
            realm.updateComponent(model);
        } finally {
            session.removeAttribute(LINKING);
        }
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        String orgId = oldModel.get(ORG_ID);
        if (orgId == null) {
            return; // onCreate linking the item to its new organization
        }
        Caller caller = Caller.of(session, realm, session.getProvider(OrganizationProvider.class).getById(orgId));
        GatehouseOrganizations orgs = session.getProvider(GatehouseOrganizations.class);
        Org org = refusalsAsValidation(() -> OrgUpdate.apply(session, orgId,
                current -> request(newModel, current).toUpdateDraft(current, orgs, false),
                caller.name()));
        caller.event(OperationType.UPDATE, org);
        Set<String> added = new LinkedHashSet<>(newModel.getConfig().getList(ADMINS));
        added.removeAll(oldModel.getConfig().getList(ADMINS));
        invite(session, caller, orgId, new ArrayList<>(added));
    }

    private OrgRequest request(ComponentModel model, Org current) {
        Map<String, List<String>> attributes = new HashMap<>(current == null ? Map.of() : current.attributes());
        putOrRemove(attributes, REGION, model.get(REGION));
        // With regions, the backend URL is the region's: the request leaves it out and Regions fills it in.
        putOrRemove(attributes, BACKEND_URL, regions.configured() ? null : model.get(BACKEND_URL));
        List<String> domains = model.getConfig().getList(DOMAINS).stream().filter(d -> d != null && !d.isBlank()).toList();
        return new OrgRequest(model.get(NAME), null, domains, blankToNull(model.get(EXTERNAL_ID)), attributes,
                new OrgRequest.PoliciesRequest(ON.equals(model.get(SSO_REQUIRED)), !OFF.equals(model.get(MFA)), ON.equals(model.get(AUTO_JOIN)),
                        null, null, null, null, null, null));
    }

    private static void invite(KeycloakSession session, Caller caller, String orgId, List<String> admins) {
        if (admins.stream().allMatch(admin -> admin == null || admin.isBlank())) {
            return;
        }
        if (!Right.MANAGE_USERS.grantedTo(caller.permissions())) {
            throw refusal("Inviting admins needs manage-users: the first to accept joins the organization's admin group.");
        }
        OrganizationModel org = session.getProvider(OrganizationProvider.class).getById(orgId);
        AdminInvitationEmail email = new AdminInvitationEmail(session, caller.adminEvent(), caller.permissions());
        for (String admin : admins) {
            if (admin != null && !admin.isBlank()) {
                refusalsAsValidation(() -> email.send(org, admin, null, null));
            }
        }
    }

    private static void putOrRemove(Map<String, List<String>> attributes, String name, String value) {
        if (value == null || value.isBlank()) {
            attributes.remove(name);
        } else {
            attributes.put(name, List.of(value.strip()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The console shows a ComponentValidationException's message in its "could not save" alert, and nothing is saved. */
    private static <T> T refusalsAsValidation(Supplier<T> action) {
        try {
            return action.get();
        } catch (OrgRequestException e) {
            throw refusal(e.getMessage());
        } catch (ApiException e) {
            throw refusal(e.getMessage());
        }
    }

    /** Keycloak formats the message with MessageFormat, where a single quote would vanish. */
    private static ComponentValidationException refusal(String message) {
        return new ComponentValidationException(message.replace("'", "''"));
    }

    /** The admin saving the form, authorized as the management API authorizes them. */
    private record Caller(KeycloakSession session, AdminPermissionEvaluator permissions, AdminEventBuilder adminEvent) {

        /** @param org the organization the item belongs to, or null for a new one */
        static Caller of(KeycloakSession session, RealmModel realm, OrganizationModel org) {
            AdminAuth auth = AdminRoot.authenticateRealmAdminRequest(session);
            session.getContext().setRealm(realm); // authenticating set it to the admin's own realm
            AdminPermissionEvaluator permissions = AdminPermissions.evaluator(session, realm, auth);
            if (org == null ? !permissions.orgs().canManage() : !permissions.orgs().canManage(org)) {
                throw refusal("You need the manage-organizations role (or manage-realm, or a fine-grained permission on this organization) "
                        + "to onboard or change an organization.");
            }
            return new Caller(session, permissions, new AdminEventBuilder(realm, auth, session, session.getContext().getConnection()));
        }

        String name() {
            return Answers.nameOf(permissions.adminAuth());
        }

        void event(OperationType operation, Org org) {
            adminEvent.resource(ResourceType.ORGANIZATION).operation(operation)
                    .resourcePath("organizations", org.id())
                    .representation(org)
                    .success();
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        regions = GatehouseOrganizationsFactory.regions(factory);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
