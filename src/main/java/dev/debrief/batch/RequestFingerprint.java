package dev.debrief.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.upload.IncomingFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a request with an Idempotency-Key asked for, as one SHA-256: every file's name, size and bytes, the
 * options and the Drive choice. The same key with another fingerprint is another request (422), not a repeat.
 * Reads every file: call on a worker thread.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(BatchRequest request, ObjectMapper json) {
        MessageDigest digest = sha256();
        update(digest, "options=" + request.options().toJson(json));
        update(digest, "drive_upload=" + request.driveUpload());
        update(digest, "drive_folder_name=" + request.driveFolderName());
        for (IncomingFile file : request.files()) {
            update(digest, "file=" + file.originalName() + ":" + file.size());
            try (InputStream in = new DigestInputStream(Files.newInputStream(file.uploadedFile()), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException("An uploaded file could not be read", e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
