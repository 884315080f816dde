package dev.debrief.drive;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Google client maps JSON onto these classes by reflecting on their {@code @Key} fields (GenericJson /
 * GenericData), which a native image strips unless told; nested classes (File.Capabilities, ErrorInfo, …)
 * come along.
 */
@RegisterForReflection(targets = {
        com.google.api.services.drive.model.File.class,
        com.google.api.services.drive.model.FileList.class,
        com.google.api.services.drive.model.Permission.class,
        com.google.api.services.drive.model.User.class,
        com.google.api.client.json.GenericJson.class,
        com.google.api.client.util.GenericData.class,
        com.google.api.client.googleapis.json.GoogleJsonError.class,
        com.google.api.client.googleapis.json.GoogleJsonErrorContainer.class,
        com.google.api.client.json.webtoken.JsonWebSignature.Header.class,
        com.google.api.client.json.webtoken.JsonWebToken.Payload.class,
        com.google.api.client.auth.oauth2.TokenResponse.class,
})
final class DriveReflection {

    private DriveReflection() {
    }
}
