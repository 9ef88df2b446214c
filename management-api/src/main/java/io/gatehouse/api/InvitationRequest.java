package io.gatehouse.api;

/** The body of POST /orgs/{id}/invitations: an admin of the customer to invite by email. */
record InvitationRequest(String email, String firstName, String lastName) {
}
