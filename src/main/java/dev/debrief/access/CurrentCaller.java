package dev.debrief.access;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being handled, set by {@link AccessGate} before any /v1 resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            // A /v1 resource reached without the gate would be a wiring bug; never answer it as anyone.
            throw new IllegalStateException("No caller: the request did not pass the access gate");
        }
        return caller;
    }

    public String school() {
        return get().school();
    }
}
