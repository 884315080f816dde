package dev.debrief.batch;

import dev.debrief.drive.DriveFileRecord;
import dev.debrief.drive.DriveFolderRecord;
import java.util.List;
import java.util.UUID;

/** A batch's Drive bookkeeping as read for its view: the folder row and one row per archived file. */
record DriveRows(DriveFolderRecord folder, List<DriveFileRecord> files) {

    static final DriveRows NONE = new DriveRows(null, List.of());

    DriveFileRecord of(UUID batchFileId) {
        return files.stream().filter(f -> f.batchFileId.equals(batchFileId)).findFirst().orElse(null);
    }
}
