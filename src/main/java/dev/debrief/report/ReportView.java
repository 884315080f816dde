package dev.debrief.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.debrief.acs.DescribedCode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of one file: its report when reading succeeded, or the error that says why not. */
@Schema(name = "FileReport")
public record ReportView(
        @Schema(nullable = true) UUID reportId,
        UUID fileId,
        UUID batchId,
        @Schema(description = "The name the file was uploaded with") String fileName,
        @Schema(enumeration = {"pending", "processing", "success", "failed"}) String status,
        @Schema(nullable = true, minimum = "0", maximum = "1") Double confidence,
        Integer processingTimeMs,
        @Schema(enumeration = {"pdf_text", "ocr"}, nullable = true) String extractionMethod,
        @Schema(nullable = true, example = "/v1/reports/6f1c...") String url,
        @JsonInclude(JsonInclude.Include.NON_NULL) Metadata metadata,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DescribedCode> codes,
        @JsonInclude(JsonInclude.Include.NON_NULL) FileError error) {

    @Schema(name = "ReportMetadata")
    public record Metadata(String name, String ftn, String examId,
                           @Schema(example = "Private Pilot Airplane (PAR)") String exam,
                           @Schema(example = "PAR") String examCode, LocalDate examDate, String examSite,
                           Integer score, @Schema(enumeration = {"Pass", "Fail"}) String grade, Integer take,
                           LocalDate expirationDate) {
    }

    @Schema(name = "FileError")
    public record FileError(
            @Schema(enumeration = {"INVALID_PDF", "ENCRYPTED_PDF", "UNSUPPORTED_FILE_TYPE", "EMPTY_FILE", "NOT_AN_AKTR",
                    "OCR_UNAVAILABLE", "OCR_FAILED", "PROCESSING_TIMEOUT", "FILE_TOO_COMPLEX", "QUARANTINED", "INTERNAL_ERROR"}) String type,
            String message) {
    }
}
