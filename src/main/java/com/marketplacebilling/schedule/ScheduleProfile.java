package com.marketplacebilling.schedule;

/** The Spring profile of {@code bin/billing schedule}'s beans (Quartz, health, metrics); other commands never create them. */
public final class ScheduleProfile {
    public static final String NAME = "schedule";

    private ScheduleProfile() {}
}
