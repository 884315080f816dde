package dev.debrief.drive;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link GoogleDriveGateway} needs to build its client; the CDI side maps configuration
 * onto it.
 *
 * @param rootUrl                 another endpoint than Google's (a fake server, an emulator), e.g.
 *                                {@code http://127.0.0.1:8089/}
 * @param sharedDriveId           the shared drive that holds the archive; empty for the user's My Drive
 * @param resumableThresholdBytes files strictly larger than this use a resumable upload session
 */
public record DriveClientSettings(Optional<String> rootUrl, DriveCredentials credentials, Optional<String> sharedDriveId,
        Duration connectTimeout, Duration readTimeout, long resumableThresholdBytes, String applicationName) {

    public static final long DEFAULT_RESUMABLE_THRESHOLD_BYTES = 5L * 1024 * 1024;

    public DriveClientSettings {
        Objects.requireNonNull(rootUrl, "rootUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(sharedDriveId, "sharedDriveId");
        sharedDriveId = sharedDriveId.map(String::trim).filter(s -> !s.isEmpty());
        rootUrl = rootUrl.map(String::trim).filter(s -> !s.isEmpty());
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (resumableThresholdBytes < 0) {
            throw new IllegalArgumentException("resumableThresholdBytes must not be negative");
        }
        if (applicationName == null || applicationName.isBlank()) {
            throw new IllegalArgumentException("applicationName is empty");
        }
        if (credentials instanceof DriveCredentials.ServiceAccountKey && sharedDriveId.isEmpty()) {
            throw new IllegalArgumentException("A service account owns no Drive storage: "
                    + "configure the id of a shared drive it is a member of (content manager or above)");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too long");
        }
    }
}
