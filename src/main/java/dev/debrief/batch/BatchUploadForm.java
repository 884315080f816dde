package dev.debrief.batch;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The multipart body of a batch upload. */
@Schema(name = "BatchUpload")
public class BatchUploadForm {

    @RestForm("files")
    @Schema(type = SchemaType.ARRAY, implementation = UploadedFile.class, required = true,
            description = "1 to 30 files: PDF, JPEG or PNG (recognised by their bytes), at most 10 MiB each")
    public List<FileUpload> files;

    /** The seed's clients send {@code files[]}; Quarkus binds it only under its exact name. */
    @RestForm("files[]")
    @Schema(hidden = true)
    public List<FileUpload> bracketFiles;

    @RestForm("options")
    @Schema(description = "JSON object: processing_mode (auto|sequential|parallel), generate_summary, include_individual_reports",
            example = "{\"processing_mode\": \"auto\", \"generate_summary\": true}")
    public String options;

    @RestForm("drive_upload")
    @Schema(description = "Archive every accepted file (and summary.json) to Google Drive", defaultValue = "false",
            enumeration = {"true", "false"})
    public String driveUpload;

    @RestForm("drive_folder_name")
    @Schema(description = "Replaces the last segment of the Drive folder pattern", maxLength = 100)
    public String driveFolderName;

    List<FileUpload> allFiles() {
        List<FileUpload> all = new ArrayList<>();
        if (files != null) {
            all.addAll(files);
        }
        if (bracketFiles != null) {
            all.addAll(bracketFiles);
        }
        return all;
    }

    @Schema(type = SchemaType.STRING, format = "binary")
    interface UploadedFile {
    }
}
