package dev.debrief.drive;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** An uploaded Drive file as the pipeline stores it. */
public record DriveFile(String id, String name, String webViewLink) {
    public DriveFile {
        Objects.requireNonNull(id, "id");
    }

    /** A thumbnail URL that needs no API call; it only renders for viewers who may read the file. */
    public String previewUrl() {
        return "https://drive.google.com/thumbnail?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
