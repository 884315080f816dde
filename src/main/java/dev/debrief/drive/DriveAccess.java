package dev.debrief.drive;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The configured Drive, if any. Built at start so that a broken key file or folder pattern fails the start
 * with a clear message instead of the first batch; no credentials at all is a valid setup (Drive off).
 */
@Startup
@Singleton
public class DriveAccess {

    private static final Logger LOG = Logger.getLogger(DriveAccess.class);

    private final Optional<DriveGateway> gateway;
    private final FolderPattern folderPattern;

    DriveAccess(DriveConfig config) {
        this.folderPattern = new FolderPattern(config.folderPattern().orElse(FolderPattern.DEFAULT));
        Optional<DriveCredentials> credentials = credentials(config);
        this.gateway = credentials.map(found -> new GoogleDriveGateway(new DriveClientSettings(
                config.rootUrl(), found, config.sharedDriveId(), config.connectTimeout(), config.readTimeout(),
                config.resumableThreshold().asLongValue(), "debrief")));
        LOG.infof("Google Drive archiving is %s", credentials
                .map(found -> "configured (" + found + config.rootUrl().map(url -> " at " + url).orElse("") + ")")
                .orElse("not configured: batches asking for it are refused with DRIVE_NOT_CONFIGURED"));
    }

    public boolean configured() {
        return gateway.isPresent();
    }

    public Optional<DriveGateway> gateway() {
        return gateway;
    }

    public FolderPattern folderPattern() {
        return folderPattern;
    }

    /** A service-account key wins over OAuth, which wins over a plain token; nothing set means Drive is off. */
    static Optional<DriveCredentials> credentials(DriveConfig config) {
        if (config.serviceAccountKeyFile().isPresent()) {
            return Optional.of(DriveCredentials.ServiceAccountKey.fromFile(config.serviceAccountKeyFile().get()));
        }
        if (config.oauthRefreshToken().isPresent() || config.oauthClientId().isPresent()) {
            return Optional.of(new DriveCredentials.OAuthRefreshToken(config.oauthClientId().orElse(null),
                    config.oauthClientSecret().orElse(null), config.oauthRefreshToken().orElse(null)));
        }
        return config.accessToken().map(DriveCredentials.StaticAccessToken::new);
    }
}
