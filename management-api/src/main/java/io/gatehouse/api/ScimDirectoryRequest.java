package io.gatehouse.api;

/**
 * The body of POST /orgs/{id}/scim-directories, all optional: a name, and the OAuth client whose
 * client-credentials tokens (scope scim) may call the directory besides its bearer tokens.
 */
record ScimDirectoryRequest(String name, String oauthClientId) {

    static final ScimDirectoryRequest EMPTY = new ScimDirectoryRequest(null, null);
}
