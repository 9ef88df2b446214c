package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last cursor given to an event. One row, seeded by the changelog so that no two nodes race to
 * create it; the sequencer holds its row lock while it gives cursors out.
 */
@Entity
@Table(name = "GH_EVENT_COUNTER")
public class OutboxCounterEntity {

    public static final String EVENTS = "events";

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "LAST_CURSOR", nullable = false)
    private long lastCursor;

    protected OutboxCounterEntity() {
    }

    public long getLastCursor() { return lastCursor; }
    public void setLastCursor(long lastCursor) { this.lastCursor = lastCursor; }
}
