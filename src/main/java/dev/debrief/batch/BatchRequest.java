package dev.debrief.batch;

import dev.debrief.upload.IncomingFile;
import java.util.List;

/** A batch upload as the resource understood it: the files and what the caller asked for them. */
record BatchRequest(List<IncomingFile> files, BatchOptions options, boolean driveUpload, String driveFolderName,
                    boolean waitForDrive, boolean respondAsync, String idempotencyKey) {
}
