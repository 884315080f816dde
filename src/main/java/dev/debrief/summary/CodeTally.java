package dev.debrief.summary;

import java.util.List;
import java.util.UUID;

/**
 * One code across the batch: how its catalog context reads, and which reports missed it.
 *
 * @param reports the reports containing the code, each once, in batch order
 */
record CodeTally(String code, String area, String task, String description, List<UUID> reports) {

    int count() {
        return reports.size();
    }
}
