package io.gatehouse.org;

/** One of the operator's regions: the id organizations store, the name people see, and the backend URL it sends them to. */
public record Region(String id, String displayName, String backendUrl) {
}
