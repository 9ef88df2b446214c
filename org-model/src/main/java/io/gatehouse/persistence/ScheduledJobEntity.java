package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** When a scheduled job last ran anywhere in the cluster: one row per job, seeded by the changelog. */
@Entity
@Table(name = "GH_SCHEDULED_JOB")
public class ScheduledJobEntity {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "LAST_RUN_AT", nullable = false)
    private long lastRunAt;

    protected ScheduledJobEntity() {
    }

    public String getName() {
        return name;
    }

    public long getLastRunAt() {
        return lastRunAt;
    }
}
