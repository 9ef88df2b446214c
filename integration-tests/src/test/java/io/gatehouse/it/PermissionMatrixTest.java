package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.it.support.AdminTokens;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgAdminPermissions;
import io.gatehouse.it.support.OrgFixture;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.SamlIdpMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every route of the management API, called by each kind of admin on two organizations: the API
 * authorizes per organization, as Keycloak's own organization endpoints do, and where Keycloak has
 * the same endpoint, Keycloak answers the same admin the same way.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class PermissionMatrixTest {

    /**
     * Who may do what on org A and on org B. AB: allowed on both; A: on A only; -: on neither. An
     * allowed call answers its 2xx; a refused one 403 {"error": "forbidden"} and changes nothing.
     * For the two lists a cell names the orgs the list holds, and "-" is a 403. POST /orgs acts on
     * no org: AB means allowed. Deleting an org deletes its connections, so with one it also needs
     * manage-identity-providers (Keycloak's own DELETE does not ask for it).
     */
    static final String MATRIX = """
            route                                                  nobody  viewer  manager  realmManager  full  onlyA  allButB
            POST /orgs                                             -       -       AB       AB            AB    -      AB
            GET /orgs                                              -       AB      AB       AB            AB    A      A
            GET /orgs?externalId=                                  -       AB      AB       AB            AB    A      A
            GET /orgs/{O}                                          -       AB      AB       AB            AB    A      A
            PUT /orgs/{O}                                          -       -       AB       AB            AB    A      A
            DELETE /orgs/{O}                                       -       -       AB       AB            AB    A      A
            DELETE /orgs/{O} (with a connection)                   -       -       -        -             AB    A      A
            POST /orgs/{O}/domains/{d}/verification                -       -       AB       AB            AB    A      A
            GET /orgs/{O}/domains/{d}/verification                 -       -       AB       AB            AB    A      A
            GET /orgs/{O}/connections                              -       -       -        -             AB    A      A
            POST /orgs/{O}/connections                             -       -       -        -             AB    A      A
            DELETE /orgs/{O}/connections/{c}                       -       -       -        -             AB    A      A
            GET /orgs/{O}/scim-directories                         -       AB      AB       AB            AB    A      A
            POST /orgs/{O}/scim-directories                        -       -       -        -             AB    A      A
            DELETE /orgs/{O}/scim-directories/{d}                  -       -       AB       AB            AB    A      A
            POST /orgs/{O}/scim-directories/{d}/tokens             -       -       -        -             AB    A      A
            DELETE /orgs/{O}/scim-directories/{d}/tokens/{t}       -       -       AB       AB            AB    A      A
            GET /orgs/{O}/setup-links                              -       AB      AB       AB            AB    A      A
            POST /orgs/{O}/setup-links [domain]                    -       -       AB       AB            AB    A      A
            POST /orgs/{O}/setup-links [sso]                       -       -       -        -             AB    A      A
            POST /orgs/{O}/setup-links [scim]                      -       -       -        -             AB    A      A
            DELETE /orgs/{O}/setup-links/{l}                       -       -       AB       AB            AB    A      A
            GET /orgs/{O}/invitations                              -       -       AB       AB            AB    A      A
            POST /orgs/{O}/invitations                             -       -       -        -             AB    A      A
            DELETE /orgs/{O}/invitations/{i}                       -       -       AB       AB            AB    A      A
            GET /orgs/{O}/members                                  -       -       -        -             AB    A      A
            POST /orgs/{O}/members/{userId}/roles                  -       -       -        -             AB    A      A
            POST /orgs/{O}/support-account                         -       -       -        -             AB    A      A
            POST /orgs/{O}/sso-notice                              -       -       -        -             AB    A      A
            GET /orgs/{O}/activity                                 -       -       -        -             AB    A      A
            """;

    private static final String PASSWORD = "Passw0rd!-long-enough";
    private static final String BREAK_GLASS_ROLE = "gatehouse-break-glass";
    private static final int SMTP_PORT = 3027;
    private static final Map<Route, Map<Admin, Set<Side>>> EXPECTED = parse(MATRIX);

    /** The admins, each a user of the test realm with these realm-management roles. */
    enum Admin {
        NOBODY("nobody", false),
        VIEWER("viewer", true, "view-organizations"),
        MANAGER("manager", true, "manage-organizations"),
        REALM_MANAGER("realmManager", true, "manage-realm"),
        FULL("full", true, "manage-organizations", "manage-users", "query-users", "manage-identity-providers", "view-events", "manage-realm"),
        /** Plus an FGAP permission to view and manage org A. */
        ONLY_A("onlyA", true, "query-organizations", "manage-users", "query-users", "manage-identity-providers", "view-events"),
        /** Plus an FGAP permission to view and manage all orgs, which B's own permission overrides. */
        ALL_BUT_B("allButB", true, "query-organizations", "manage-users", "query-users", "manage-identity-providers", "view-events");

        final String username;
        /** May query organizations, so a missing org is a 404 to them, not a 403 (as Keycloak answers). */
        final boolean queriesOrganizations;
        final String[] roles;

        Admin(String username, boolean queriesOrganizations, String... roles) {
            this.username = username;
            this.queriesOrganizations = queriesOrganizations;
            this.roles = roles;
        }

        @Override
        public String toString() {
            return username;
        }
    }

    enum Side {
        A, B
    }

    /** One cell of the matrix: a route, an admin and an org (null for POST /orgs). */
    record Cell(Route route, Admin admin, Side org, Set<Side> allowedOn) {

        boolean allowed() {
            return org == null ? !allowedOn.isEmpty() : allowedOn.contains(org);
        }

        @Override
        public String toString() {
            return route.label + " · " + admin + (org == null ? "" : " · org " + org) + " → " + (allowed() ? "allow" : "deny");
        }
    }

    /** What a call acts on: the org in its path, the ids of the objects the path's other {names} stand for, and what a refusal must leave as it was. */
    record Prepared(OrgFixture org, Map<String, String> ids, Runnable unchanged) {

        Prepared(OrgFixture org, Map<String, String> ids) {
            this(org, ids, () -> {
            });
        }
    }

    /** The routes, named as in {@link #MATRIX}; each makes ready, as the super admin, what its call needs. */
    enum Route {
        CREATE_ORG("POST /orgs", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                return new Prepared(null, Map.of(), () -> assertEquals(0,
                        orgs.superAdmin.get("/orgs?search=" + query(orgName(unique))).body().size(), "no org was created"));
            }

            @Override
            String body(String unique) {
                return json(Map.of("name", orgName(unique), "domains", List.of("new-" + unique + ".test")));
            }

            private String orgName(String unique) {
                return "Matrix new " + unique;
            }
        },
        LIST_ORGS("GET /orgs", 200) {
            @Override
            String path(MatrixOrgs orgs, Prepared prepared) {
                return "/orgs?search=" + orgs.run + "&max=100";
            }
        },
        FIND_BY_EXTERNAL_ID("GET /orgs?externalId=", 200) {
            @Override
            String path(MatrixOrgs orgs, Prepared prepared) {
                return "/orgs?externalId=" + query(prepared.org().externalId);
            }
        },
        GET_ORG("GET /orgs/{O}", 200),
        UPDATE_ORG("PUT /orgs/{O}", 200) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                return new Prepared(org, Map.of(), () -> assertFalse(unique.equals(org.attribute("touchedBy")), "the org was not changed"));
            }

            @Override
            String body(String unique) {
                return json(Map.of("attributes", Map.of("touchedBy", List.of(unique))));
            }
        },
        DELETE_ORG("DELETE /orgs/{O}", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.fresh(side);
                return new Prepared(org, Map.of(), () -> assertTrue(org.exists(), "the org is still there"));
            }
        },
        DELETE_ORG_WITH_CONNECTION("DELETE /orgs/{O} (with a connection)", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.fresh(side);
                String connection = org.newConnection();
                return new Prepared(org, Map.of(), () -> {
                    assertTrue(org.exists(), "the org is still there");
                    assertTrue(org.connectionIds().contains(connection), "its connection is still there");
                });
            }
        },
        START_VERIFICATION("POST /orgs/{O}/domains/{d}/verification", 200) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                return new Prepared(orgs.of(side), Map.of("d", orgs.of(side).domain));
            }
        },
        CHECK_VERIFICATION("GET /orgs/{O}/domains/{d}/verification", 200) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                return new Prepared(orgs.of(side), Map.of("d", orgs.of(side).domain));
            }
        },
        LIST_CONNECTIONS("GET /orgs/{O}/connections", 200),
        CREATE_CONNECTION("POST /orgs/{O}/connections", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                List<String> before = org.connectionIds();
                return new Prepared(org, Map.of(), () -> assertEquals(before, org.connectionIds(), "no connection was created"));
            }

            @Override
            String body(String unique) {
                return json(Map.of("type", "saml", "metadataXml", SamlIdpMetadata.of("https://idp-" + unique + ".test/entity")));
            }
        },
        DELETE_CONNECTION("DELETE /orgs/{O}/connections/{c}", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                String connection = org.newConnection();
                return new Prepared(org, Map.of("c", connection), () -> assertTrue(org.connectionIds().contains(connection), "the connection is still there"));
            }
        },
        LIST_SCIM_DIRECTORIES("GET /orgs/{O}/scim-directories", 200),
        CREATE_SCIM_DIRECTORY("POST /orgs/{O}/scim-directories", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                List<String> before = org.directoryIds();
                return new Prepared(org, Map.of(), () -> assertEquals(before, org.directoryIds(), "no directory was created"));
            }

            @Override
            String body(String unique) {
                return json(Map.of("name", "directory-" + unique));
            }
        },
        DELETE_SCIM_DIRECTORY("DELETE /orgs/{O}/scim-directories/{d}", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                String directory = org.newDirectory();
                return new Prepared(org, Map.of("d", directory), () -> assertTrue(org.directoryIds().contains(directory), "the directory is still there"));
            }
        },
        MINT_SCIM_TOKEN("POST /orgs/{O}/scim-directories/{d}/tokens", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                List<String> before = org.tokenIds();
                return new Prepared(org, Map.of("d", org.directoryId), () -> assertEquals(before, org.tokenIds(), "no token was minted"));
            }
        },
        REVOKE_SCIM_TOKEN("DELETE /orgs/{O}/scim-directories/{d}/tokens/{t}", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                String token = org.newToken();
                return new Prepared(org, Map.of("d", org.directoryId, "t", token), () -> assertTrue(org.tokenIds().contains(token), "the token still works"));
            }
        },
        LIST_SETUP_LINKS("GET /orgs/{O}/setup-links", 200),
        CREATE_DOMAIN_SETUP_LINK("POST /orgs/{O}/setup-links [domain]", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                return setupLinkUnchanged(orgs.of(side));
            }

            @Override
            String body(String unique) {
                return json(Map.of("intents", List.of("domain")));
            }
        },
        CREATE_SSO_SETUP_LINK("POST /orgs/{O}/setup-links [sso]", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                return setupLinkUnchanged(orgs.of(side));
            }

            @Override
            String body(String unique) {
                return json(Map.of("intents", List.of("sso")));
            }
        },
        CREATE_SCIM_SETUP_LINK("POST /orgs/{O}/setup-links [scim]", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                return setupLinkUnchanged(orgs.of(side));
            }

            @Override
            String body(String unique) {
                return json(Map.of("intents", List.of("scim")));
            }
        },
        REVOKE_SETUP_LINK("DELETE /orgs/{O}/setup-links/{l}", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                String link = org.newSetupLink();
                return new Prepared(org, Map.of("l", link), () -> assertTrue(org.activeSetupLinkIds().contains(link), "the link still works"));
            }
        },
        LIST_INVITATIONS("GET /orgs/{O}/invitations", 200),
        INVITE("POST /orgs/{O}/invitations", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                List<String> before = org.invitationIds();
                return new Prepared(org, Map.of(), () -> assertEquals(before, org.invitationIds(), "no one was invited"));
            }

            @Override
            String body(String unique) {
                return json(Map.of("email", "invitee-" + unique + "@example.test"));
            }
        },
        DELETE_INVITATION("DELETE /orgs/{O}/invitations/{i}", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                String invitation = org.newInvitation();
                return new Prepared(org, Map.of("i", invitation), () -> assertTrue(org.invitationIds().contains(invitation), "the invitation still stands"));
            }
        },
        LIST_MEMBERS("GET /orgs/{O}/members", 200),
        GRANT_ROLE("POST /orgs/{O}/members/{userId}/roles", 204) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                return new Prepared(org, Map.of("userId", org.memberId), () -> assertFalse(orgs.rolesOf(org, org.memberId).contains(roleName(unique)),
                        "the member did not get the role"));
            }

            @Override
            String body(String unique) {
                return json(Map.of("role", roleName(unique)));
            }

            private String roleName(String unique) {
                return "role-" + unique;
            }
        },
        CREATE_SUPPORT_ACCOUNT("POST /orgs/{O}/support-account", 201) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.fresh(side);
                return new Prepared(org, Map.of(), () -> assertTrue(orgs.supportAccountOf(org).isEmpty(), "no support account was created"));
            }
        },
        SEND_SSO_NOTICE("POST /orgs/{O}/sso-notice", 200) {
            @Override
            Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
                OrgFixture org = orgs.of(side);
                org.linkedConnection(); // active: the notice's link needs a connection that signs people in
                return new Prepared(org, Map.of());
            }
        },
        ACTIVITY("GET /orgs/{O}/activity", 200);

        final String label;
        final String method;
        final String template;
        final int okStatus;

        Route(String label, int okStatus) {
            this.label = label;
            this.method = label.substring(0, label.indexOf(' '));
            this.template = pathOf(label);
            this.okStatus = okStatus;
        }

        Prepared prepare(MatrixOrgs orgs, Side side, String unique) {
            return new Prepared(orgs.of(side), Map.of());
        }

        String body(String unique) {
            return null;
        }

        String path(MatrixOrgs orgs, Prepared prepared) {
            String path = prepared.org() == null ? template : template.replace("{O}", prepared.org().id);
            for (Map.Entry<String, String> id : prepared.ids().entrySet()) {
                path = path.replace("{" + id.getKey() + "}", id.getValue());
            }
            return path;
        }

        /** The path for an org that does not exist: every id in it names nothing. */
        String pathForMissingOrg(String unique) {
            return template.replace("{O}", "no-such-org-" + unique).replace("/domains/{d}", "/domains/missing-" + unique + ".test")
                    .replaceAll("\\{[A-Za-z]+}", "no-such-" + unique);
        }

        boolean isList() {
            return this == LIST_ORGS || this == FIND_BY_EXTERNAL_ID;
        }

        boolean actsOnAnOrg() {
            return template.contains("{O}");
        }

        /** The path a label names: what follows the method, without a note such as "[sso]" or "(with a connection)". */
        static String pathOf(String label) {
            return label.substring(label.indexOf(' ') + 1).replaceAll(" [\\[(].*$", "");
        }

        private static Prepared setupLinkUnchanged(OrgFixture org) {
            List<String> before = org.activeSetupLinkIds();
            return new Prepared(org, Map.of(), () -> assertEquals(before, org.activeSetupLinkIds(), "no setup link was created"));
        }
    }

    /**
     * Keycloak's own endpoints that match one of the routes, to compare with the same admin's answer
     * there: made ready as that route, and answering as its row of the matrix, or as the row
     * {@code answersAs} names where Gatehouse asks for more than Keycloak.
     */
    enum KeycloakRoute {
        LIST_ORGS("GET /organizations", Route.LIST_ORGS, 200),
        GET_ORG("GET /organizations/{O}", Route.GET_ORG, 200),
        UPDATE_ORG("PUT /organizations/{O}", Route.UPDATE_ORG, 204),
        DELETE_ORG("DELETE /organizations/{O}", Route.DELETE_ORG, 204),
        DELETE_ORG_WITH_CONNECTION("DELETE /organizations/{O} (with a connection)", Route.DELETE_ORG_WITH_CONNECTION, Route.DELETE_ORG, 204),
        LIST_IDENTITY_PROVIDERS("GET /organizations/{O}/identity-providers", Route.LIST_CONNECTIONS, 200),
        LIST_INVITATIONS("GET /organizations/{O}/invitations", Route.LIST_INVITATIONS, 200),
        LIST_MEMBERS("GET /organizations/{O}/members", Route.LIST_MEMBERS, 200);

        final String label;
        final Route row;
        final Route answersAs;
        final int okStatus;

        KeycloakRoute(String label, Route row, int okStatus) {
            this(label, row, row, okStatus);
        }

        KeycloakRoute(String label, Route row, Route answersAs, int okStatus) {
            this.label = label;
            this.row = row;
            this.answersAs = answersAs;
            this.okStatus = okStatus;
        }

        String method() {
            return label.substring(0, label.indexOf(' '));
        }

        String path(MatrixOrgs orgs, OrgFixture org) {
            return this == LIST_ORGS ? "/organizations?search=" + orgs.run + "&max=100"
                    : Route.pathOf(label).replace("{O}", org.id);
        }

        /** PUT sends the org as Keycloak has it, so an allowed update changes nothing else. */
        String body(RealmResource realm, OrgFixture org) {
            if (this != UPDATE_ORG) {
                return null;
            }
            try {
                return JsonSerialization.writeValueAsString(realm.organizations().get(org.id).toRepresentation());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record KeycloakCell(KeycloakRoute route, Admin admin, Side org, Set<Side> allowedOn) {

        boolean allowed() {
            return allowedOn.contains(org);
        }

        @Override
        public String toString() {
            return "Keycloak's " + route.label + " · " + admin + " · org " + org + " → " + (allowed() ? "allow" : "deny")
                    + " (as " + route.answersAs.label + ")";
        }
    }

    private static GreenMail smtp;
    private static MatrixOrgs orgs;
    private static AdminTokens tokens;

    @InjectRealm(config = RealmWithAdmins.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** Orgs A and B, their permissions and the admins' tokens, once for the class: cells that use something up get a fresh one. */
    @BeforeEach
    void prepareOrgs() {
        if (orgs == null || !orgs.realmId.equals(realm.getId())) {
            GatehouseApi superAdmin = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
            orgs = MatrixOrgs.create(superAdmin, realm);
            tokens = new AdminTokens(urls.getBase(), realm.getName(), PASSWORD);
        }
    }

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        EXPECTED.forEach((route, row) -> row.forEach((admin, allowedOn) -> {
            if (route.actsOnAnOrg() || route.isList()) {
                cells.add(new Cell(route, admin, Side.A, allowedOn));
                cells.add(new Cell(route, admin, Side.B, allowedOn));
            } else {
                cells.add(new Cell(route, admin, null, allowedOn));
            }
        }));
        return cells.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void each_admin_may_do_on_each_org_what_the_matrix_says_and_nothing_else(Cell cell) {
        String unique = OrgFixture.unique();
        Prepared prepared = cell.route().prepare(orgs, cell.org(), unique);

        ApiResponse answer = send(api(cell.admin()), cell.route().method, cell.route().path(orgs, prepared), cell.route().body(unique));

        if (cell.route().isList()) {
            assertListAnswer(cell.toString(), cell.allowedOn().isEmpty(), cell.allowed(), prepared.org(), answer, true);
        } else if (cell.allowed()) {
            assertEquals(cell.route().okStatus, answer.status(), cell + ": " + answer);
        } else {
            assertForbidden(cell.toString(), answer);
            prepared.unchanged().run();
        }
    }

    static Stream<KeycloakCell> keycloakCells() {
        List<KeycloakCell> cells = new ArrayList<>();
        for (KeycloakRoute route : KeycloakRoute.values()) {
            EXPECTED.get(route.answersAs).forEach((admin, allowedOn) -> {
                cells.add(new KeycloakCell(route, admin, Side.A, allowedOn));
                cells.add(new KeycloakCell(route, admin, Side.B, allowedOn));
            });
        }
        return cells.stream();
    }

    /** The reference: Keycloak's own organization endpoints, called by the same admin, agree with the matrix. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("keycloakCells")
    void keycloaks_own_endpoint_answers_each_admin_as_the_matrix_says(KeycloakCell cell) {
        Prepared prepared = cell.route().row.prepare(orgs, cell.org(), OrgFixture.unique());
        GatehouseApi keycloak = GatehouseApi.keycloakAdmin(urls.getBase(), realm.getName(), tokens.of(cell.admin().username));

        ApiResponse answer = send(keycloak, cell.route().method(), cell.route().path(orgs, prepared.org()),
                cell.route().body(realm.admin(), prepared.org()));

        if (cell.route() == KeycloakRoute.LIST_ORGS) {
            assertListAnswer(cell.toString(), cell.allowedOn().isEmpty(), cell.allowed(), prepared.org(), answer, false);
        } else if (cell.allowed()) {
            assertEquals(cell.route().okStatus, answer.status(), cell + ": " + answer);
        } else {
            assertEquals(403, answer.status(), cell + ": " + answer);
            prepared.unchanged().run();
        }
    }

    static Stream<Object[]> missingOrgCells() {
        return Arrays.stream(Route.values()).filter(route -> route.actsOnAnOrg() && !route.isList())
                .flatMap(route -> Arrays.stream(Admin.values()).map(admin -> new Object[]{route.label, route, admin}));
    }

    @ParameterizedTest(name = "{0} · {2} · missing org")
    @MethodSource("missingOrgCells")
    void a_missing_org_is_404_to_who_may_query_organizations_and_403_to_anyone_else(String label, Route route, Admin admin) {
        String unique = OrgFixture.unique();

        ApiResponse answer = send(api(admin), route.method, route.pathForMissingOrg(unique), route.body(unique));

        if (admin.queriesOrganizations) {
            assertEquals(404, answer.status(), label + " · " + admin + ": " + answer);
            assertNotNull(answer.error(), "a JSON error: " + answer);
        } else {
            assertForbidden(label + " · " + admin, answer);
        }
    }

    @ParameterizedTest(name = "Keycloak's GET /organizations/{missing} · {0}")
    @EnumSource(Admin.class)
    void keycloak_answers_a_missing_org_the_same_way(Admin admin) {
        ApiResponse answer = GatehouseApi.keycloakAdmin(urls.getBase(), realm.getName(), tokens.of(admin.username))
                .get("/organizations/no-such-org-" + OrgFixture.unique());

        assertEquals(admin.queriesOrganizations ? 404 : 403, answer.status(), admin + ": " + answer);
    }

    /**
     * Why A's permission names allButB too: in Keycloak's FGAP v2, a permission on one org decides
     * that org for everyone, even for an admin the permission on all orgs lets in.
     */
    @Test
    void in_keycloak_a_permission_on_one_org_overrules_the_permission_on_all_orgs() {
        OrgFixture forOnlyA = orgs.freshForOnlyA();
        GatehouseApi keycloak = GatehouseApi.keycloakAdmin(urls.getBase(), realm.getName(), tokens.of(Admin.ALL_BUT_B.username));

        assertEquals(403, keycloak.get("/organizations/" + forOnlyA.id).status(), "allButB on an org whose permission names only onlyA");
        assertEquals(200, keycloak.get("/organizations/" + orgs.of(Side.A).id).status(), "allButB on A, whose permission names it");
        assertEquals(200, keycloak.get("/organizations/" + orgs.fresh(Side.A).id).status(), "allButB on a fresh org like A");
    }

    /**
     * An org denied to an admin because its own permission does not name them (the usual "this org
     * for its own admins" permission) is not in their lists either: a list shows only what GET shows.
     * Keycloak 26.7's own GET /organizations does list such an org (its list filters out only orgs
     * whose policies name the admin); the matrix's org B names allButB, so there both agree.
     */
    @Test
    void the_lists_leave_out_an_org_whose_own_permission_does_not_name_the_admin() {
        OrgFixture forOnlyA = orgs.freshForOnlyA();
        GatehouseApi allButB = api(Admin.ALL_BUT_B);
        assertForbidden("allButB on an org whose permission names only onlyA", allButB.get(forOnlyA.path()));

        ApiResponse search = allButB.get("/orgs?search=" + query(forOnlyA.name));
        ApiResponse byExternalId = allButB.get("/orgs?externalId=" + query(forOnlyA.externalId));
        assertAll(
                () -> assertEquals("200 []", search.status() + " " + search.body(), "the search leaves it out"),
                () -> assertEquals("200 []", byExternalId.status() + " " + byExternalId.body(), "the look-up by external ID leaves it out"));
    }

    /**
     * The support account holds Gatehouse's break-glass realm role. Gatehouse creates it empty on first
     * use, which grants nothing by itself (no manage-realm needed, so the overview page can do it);
     * mapping it is Keycloak's role-mapping check, and a role someone gave composites is refused to
     * everyone (a support account's password is handed out).
     */
    @Test
    void the_first_support_account_creates_the_empty_break_glass_role_and_a_composite_one_is_refused() {
        realm.admin().roles().deleteRole(BREAK_GLASS_ROLE);
        try {
            OrgFixture first = orgs.fresh(Side.A);
            ApiResponse created = api(Admin.ONLY_A).post(first.path() + "/support-account", "");
            assertEquals(201, created.status(), "onlyA (manage A and users, not the realm), role missing: " + created);
            assertTrue(orgs.breakGlassRoleExists(), "the role was created");
            assertFalse(realm.admin().roles().get(BREAK_GLASS_ROLE).toRepresentation().isComposite(), "empty: it grants nothing by itself");

            RoleRepresentation realmAdmin = realm.admin().clients().get(realm.admin().clients().findByClientId("realm-management").get(0).getId())
                    .roles().get("realm-admin").toRepresentation();
            realm.admin().roles().get(BREAK_GLASS_ROLE).addComposites(List.of(realmAdmin));
            OrgFixture second = orgs.fresh(Side.A);
            for (Admin admin : List.of(Admin.ONLY_A, Admin.FULL)) {
                ApiResponse refused = api(admin).post(second.path() + "/support-account", "");
                assertEquals(409, refused.status(), admin + ", the role made a composite of realm-admin: " + refused);
                assertEquals("break_glass_role_composite", refused.error());
                assertTrue(orgs.supportAccountOf(second).isEmpty(), "no support account was created");
            }
        } finally {
            realm.admin().roles().deleteRole(BREAK_GLASS_ROLE);
            realm.admin().roles().create(new RoleRepresentation(BREAK_GLASS_ROLE, null, false));
        }
    }

    private GatehouseApi api(Admin admin) {
        return new GatehouseApi(urls.getBase(), realm.getName(), tokens.of(admin.username));
    }

    private static ApiResponse send(GatehouseApi api, String method, String path, String body) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, body == null ? "" : body);
            case "PUT" -> api.put(path, body == null ? "" : body);
            case "DELETE" -> api.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static void assertForbidden(String cell, ApiResponse answer) {
        assertEquals(403, answer.status(), cell + ": " + answer);
        assertEquals("forbidden", answer.error(), cell + ": " + answer);
        assertTrue(answer.message() != null && !answer.message().isBlank(), cell + " says why: " + answer);
    }

    /** A list the admin may not query at all is a 403; otherwise it holds the org exactly when the admin may view it. */
    private static void assertListAnswer(String cell, boolean refused, boolean listed, OrgFixture org, ApiResponse answer, boolean gatehouse) {
        if (refused) {
            if (gatehouse) {
                assertForbidden(cell, answer);
            } else {
                assertEquals(403, answer.status(), cell + ": " + answer);
            }
            return;
        }
        assertEquals(200, answer.status(), cell + ": " + answer);
        List<String> ids = StreamSupport.stream(answer.body().spliterator(), false).map(o -> o.path("id").asText()).toList();
        assertEquals(listed, ids.contains(org.id), cell + (listed ? ": the list lacks " : ": the list shows ") + org + ": " + answer);
    }

    private static Map<Route, Map<Admin, Set<Side>>> parse(String matrix) {
        Map<Route, Map<Admin, Set<Side>>> expected = new EnumMap<>(Route.class);
        List<String> lines = matrix.lines().filter(line -> !line.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.strip().split("\\s{2,}");
            Route route = Arrays.stream(Route.values()).filter(r -> r.label.equals(columns[0])).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No route is named '" + columns[0] + "'"));
            if (columns.length != Admin.values().length + 1) {
                throw new IllegalStateException("'" + columns[0] + "' needs one cell per admin");
            }
            Map<Admin, Set<Side>> row = new EnumMap<>(Admin.class);
            for (Admin admin : Admin.values()) {
                String cell = columns[admin.ordinal() + 1];
                Set<Side> allowedOn = EnumSet.noneOf(Side.class);
                if (!cell.equals("-")) {
                    for (char side : cell.toCharArray()) {
                        allowedOn.add(Side.valueOf(String.valueOf(side)));
                    }
                }
                row.put(admin, allowedOn);
            }
            if (expected.put(route, row) != null) {
                throw new IllegalStateException("'" + columns[0] + "' is in the matrix twice");
            }
        }
        for (Route route : Route.values()) {
            if (!expected.containsKey(route)) {
                fail("The matrix lacks '" + route.label + "'");
            }
        }
        return expected;
    }

    /**
     * Orgs A and B, furnished by the super admin, and the FGAP v2 permissions that make onlyA and
     * allButB. allButB: view and manage on all orgs. A: a permission for onlyA and allButB (a
     * permission on one org decides it for everyone, so it must name allButB too). B: a permission
     * whose policies are "not allButB" and "bAdmin", so it denies B to allButB by name and grants it
     * to no admin of the matrix (a NEGATIVE policy alone would grant B to everyone else, nobody
     * included). By name, because Keycloak 26.7's own list (GET /organizations) filters out only
     * orgs whose policies name the admin: with "bAdmin" alone it still lists B to allButB, while
     * its GET of B answers 403. A fresh org gets A's or B's permission.
     */
    static final class MatrixOrgs {

        final String realmId;
        final String run = OrgFixture.unique();
        final GatehouseApi superAdmin;
        private final RealmResource realm;
        private final OrgAdminPermissions permissions;
        private final Map<Side, OrgFixture> orgs = new EnumMap<>(Side.class);
        private final Map<Side, List<String>> policies = new EnumMap<>(Side.class);

        private MatrixOrgs(GatehouseApi superAdmin, ManagedRealm realm) {
            this.realmId = realm.getId();
            this.superAdmin = superAdmin;
            this.realm = realm.admin();
            this.permissions = new OrgAdminPermissions(realm.admin());
        }

        static MatrixOrgs create(GatehouseApi superAdmin, ManagedRealm managedRealm) {
            MatrixOrgs matrix = new MatrixOrgs(superAdmin, managedRealm);
            for (Side side : Side.values()) {
                matrix.orgs.put(side, OrgFixture.createFurnished(superAdmin, matrix.realm, side.name().toLowerCase() + "-" + matrix.run, PASSWORD));
            }
            String onlyA = matrix.userId(Admin.ONLY_A.username);
            String allButB = matrix.userId(Admin.ALL_BUT_B.username);
            String bAdmin = matrix.userId(RealmWithAdmins.B_ADMIN);
            OrgAdminPermissions permissions = matrix.permissions;
            permissions.viewAndManageAll("allButB on all organizations", permissions.usersPolicy("allButB", allButB));
            matrix.policies.put(Side.A, List.of(permissions.usersPolicy("onlyA and allButB", onlyA, allButB)));
            matrix.policies.put(Side.B, List.of(permissions.allUsersBut("not allButB", allButB), permissions.usersPolicy("bAdmin", bAdmin)));
            for (Side side : Side.values()) {
                permissions.viewAndManage("admins of " + side + " on " + matrix.of(side), matrix.policies.get(side), matrix.of(side).id);
            }
            return matrix;
        }

        OrgFixture of(Side side) {
            return orgs.get(side);
        }

        /** A new org, with A's or B's permission: for a call that uses its org up. */
        OrgFixture fresh(Side side) {
            OrgFixture org = OrgFixture.create(superAdmin, realm, "fresh-" + side.name().toLowerCase());
            permissions.viewAndManage("admins of " + side + " on " + org, policies.get(side), org.id);
            return org;
        }

        /** A new org whose own permission names onlyA alone, so it denies the org to allButB without naming them. */
        OrgFixture freshForOnlyA() {
            OrgFixture org = OrgFixture.create(superAdmin, realm, "for-onlya");
            permissions.viewAndManage("onlyA alone on " + org, List.of(permissions.usersPolicy("onlyA alone for " + org, userId(Admin.ONLY_A.username))),
                    org.id);
            return org;
        }

        List<String> rolesOf(OrgFixture org, String memberId) {
            JsonNode members = superAdmin.get(org.path() + "/members?max=100").body();
            return StreamSupport.stream(members.spliterator(), false)
                    .filter(member -> member.path("id").asText().equals(memberId))
                    .flatMap(member -> StreamSupport.stream(member.path("roles").spliterator(), false))
                    .map(JsonNode::asText)
                    .toList();
        }

        List<String> supportAccountOf(OrgFixture org) {
            return realm.users().search("support." + org.alias, true).stream().map(user -> user.getId()).toList();
        }

        boolean breakGlassRoleExists() {
            return realm.roles().list(BREAK_GLASS_ROLE, true).stream().anyMatch(role -> role.getName().equals(BREAK_GLASS_ROLE));
        }

        private String userId(String username) {
            return realm.users().search(username.toLowerCase(), true).get(0).getId();
        }
    }

    /** The test realm: organizations on, FGAP v2 on, SMTP to the loopback GreenMail, the admins and the break-glass role. */
    public static final class RealmWithAdmins implements RealmConfig {

        /** Holds the permission on B, so that it denies B to everyone else; not one of the matrix's admins. */
        static final String B_ADMIN = "bAdmin";

        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            RealmBuilder configured = new OrgRealm().configure(realm)
                    .adminPermissionsEnabled(true)
                    .smtp("127.0.0.1", SMTP_PORT, "matrix@vendor.test")
                    .realmRoles(BREAK_GLASS_ROLE)
                    .users(user(B_ADMIN));
            for (Admin admin : Admin.values()) {
                UserBuilder user = user(admin.username);
                configured.users(admin.roles.length == 0 ? user : user.clientRoles("realm-management", admin.roles));
            }
            return configured;
        }

        private static UserBuilder user(String name) {
            return UserBuilder.create().username(name).email(name.toLowerCase() + "@example.test").firstName(name).lastName("Admin")
                    .emailVerified(true).enabled(true).password(PASSWORD);
        }
    }
}
