package dev.debrief.drive;

import java.util.Objects;

/** A Drive folder as the pipeline stores it. */
public record DriveFolder(String id, String webViewLink) {
    public DriveFolder {
        Objects.requireNonNull(id, "id");
    }
}
