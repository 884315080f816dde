package dev.debrief.drive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway authenticates. {@code toString()} never shows a secret, because settings objects end
 * up in logs.
 */
public sealed interface DriveCredentials {

    /**
     * A service-account JSON key, used with the drive.file scope. Service accounts own no storage, so they need a
     * shared drive; within it they reach only the folders and files they made.
     */
    record ServiceAccountKey(String json) implements DriveCredentials {
        public ServiceAccountKey {
            if (json == null || json.isBlank()) {
                throw new IllegalArgumentException("service account key JSON is empty");
            }
        }

        public static ServiceAccountKey fromFile(Path keyFile) {
            try {
                return new ServiceAccountKey(Files.readString(keyFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the service account key file " + keyFile, e);
            }
        }

        @Override
        public String toString() {
            return "ServiceAccountKey[***]";
        }
    }

    /**
     * An installed-app OAuth client and a user's refresh token; files then live in that user's My Drive
     * (or a shared drive they can write to). The user must have consented to the drive.file scope alone: a token
     * granting more is refused when it is refreshed.
     *
     * @param tokenServerUri where refresh tokens are exchanged; empty for Google's own endpoint
     */
    record OAuthRefreshToken(String clientId, String clientSecret, String refreshToken, Optional<URI> tokenServerUri)
            implements DriveCredentials {
        public OAuthRefreshToken {
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            requireText(refreshToken, "refreshToken");
            Objects.requireNonNull(tokenServerUri, "tokenServerUri");
        }

        public OAuthRefreshToken(String clientId, String clientSecret, String refreshToken) {
            this(clientId, clientSecret, refreshToken, Optional.empty());
        }

        @Override
        public String toString() {
            return "OAuthRefreshToken[clientId=" + clientId + ", clientSecret=***, refreshToken=***]";
        }
    }

    /** A fixed bearer token that is never refreshed: for tests and emulators. */
    record StaticAccessToken(String token) implements DriveCredentials {
        public StaticAccessToken {
            requireText(token, "token");
        }

        @Override
        public String toString() {
            return "StaticAccessToken[***]";
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
