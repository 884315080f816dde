package dev.debrief.upload;

import java.nio.file.Path;

/** One file part of a batch request, as the HTTP layer saved it. */
public record IncomingFile(String originalName, Path uploadedFile, long size) {
}
