package io.gatehouse.api;

/** The body of POST /orgs/{id}/members/{userId}/roles: the organization role to grant. */
record RoleRequest(String role) {
}
