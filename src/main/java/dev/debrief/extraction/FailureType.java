package dev.debrief.extraction;

/** Why a file produced no report. The names are the per-file error types of the API contract. */
public enum FailureType {
    INVALID_PDF,
    ENCRYPTED_PDF,
    UNSUPPORTED_FILE_TYPE,
    EMPTY_FILE,
    NOT_AN_AKTR,
    OCR_UNAVAILABLE,
    OCR_FAILED,
    PROCESSING_TIMEOUT,
    /** The page or image is larger than the service reads (pixels, shape or memory): checked before it is drawn. */
    FILE_TOO_COMPLEX,
    /** The service stopped while reading the file, twice: it is not read again, so it cannot stop a third process. */
    QUARANTINED,
    INTERNAL_ERROR
}
