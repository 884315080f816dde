package dev.debrief.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debrief.common.ApiProblem;
import dev.debrief.common.ErrorCode;
import dev.debrief.upload.IncomingFile;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * Read as text and parsed by {@link BatchOptions}, so that a malformed part is 400 INVALID_OPTIONS, not a 500.
     * Documented as JSON text with its own schema rather than as an object: generated clients send an object part
     * through its toString() (openapi-generator's Java client does), JSON text they send as it is.
     */
    @RestForm("options")
    @Schema(type = SchemaType.STRING, contentMediaType = "application/json", contentSchema = OptionsPart.class,
            description = "The batch options, a JSON object (schema BatchOptions)",
            example = "{\"processing_mode\": \"auto\", \"generate_summary\": true}")
    public String options;

    @RestForm("drive_upload")
    @Schema(type = SchemaType.BOOLEAN, description = "Archive every accepted file (and summary.json) to Google Drive",
            defaultValue = "false")
    public String driveUpload;

    @RestForm("drive_folder_name")
    @Size(max = 100)
    @Schema(description = "Replaces the last segment of the Drive folder pattern")
    public String driveFolderName;

    /** The request as the batch feature takes it; the flags and options are checked here (400 INVALID_OPTIONS). */
    BatchRequest toRequest(String prefer, String idempotencyKey, String waitForDrive, ObjectMapper json) {
        List<IncomingFile> incoming = allFiles().stream()
                .map(upload -> new IncomingFile(upload.fileName(), upload.uploadedFile(), upload.size()))
                .toList();
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        boolean respondAsync = prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async");
        return new BatchRequest(incoming, BatchOptions.parse(options, json), flag(driveUpload, "drive_upload"), driveFolderName,
                flag(waitForDrive, "wait_for_drive"), respondAsync, key);
    }

    private static boolean flag(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ApiProblem(ErrorCode.INVALID_OPTIONS, "'" + name + "' must be true or false");
        };
    }

    private List<FileUpload> allFiles() {
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

    /** The options part as clients write it (a JSON part: the request body's encoding says so). */
    @Schema(name = "BatchOptions", description = "How the batch is processed; every member may be left out")
    record OptionsPart(
            @Schema(enumeration = {"auto", "sequential", "parallel"}, defaultValue = "auto") String processingMode,
            @Schema(defaultValue = "true", description = "Compute the class summary") Boolean generateSummary,
            @Schema(defaultValue = "true", description = "Embed each report in the upload's answer") Boolean includeIndividualReports) {
    }
}
