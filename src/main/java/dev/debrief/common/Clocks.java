package dev.debrief.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock every feature reads the time from (UTC), injected so that time is never a hidden global. */
@Singleton
class Clocks {

    @Produces
    @Singleton
    Clock utc() {
        return Clock.systemUTC();
    }
}
