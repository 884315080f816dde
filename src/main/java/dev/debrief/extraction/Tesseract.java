package dev.debrief.extraction;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The {@code tesseract} executable, run as a child process. A child rather than a JNA binding (tess4j): no
 * native library inside our process, nothing for a native image to link, and a crash or a hang takes only
 * the child with it, which is timed out and destroyed.
 *
 * <p>Input and output go through files, never pipes: nothing can fill up and block either side, and the
 * caller's thread only waits. Thread-safe; every call has its own files.
 */
final class Tesseract {

    private static final Logger LOG = Logger.getLogger(Tesseract.class);
    private static final int STDERR_LOGGED = 2000;

    private final String executable;
    private final String language;

    Tesseract(String executable, String language) {
        this.executable = executable;
        this.language = language;
    }

    /**
     * Whether the executable runs and knows the language. Called once at start: its answer decides between
     * OCR and OCR_UNAVAILABLE, and the readiness entry shows it.
     */
    boolean probe(Duration timeout) {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("debrief-tesseract-", ".txt");
            process = new ProcessBuilder(executable, "--list-langs")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("OCR is not available: '%s --list-langs' did not answer within %d s", executable, timeout.toSeconds());
                return false;
            }
            String listing = Files.readString(out, StandardCharsets.UTF_8);
            boolean known = process.exitValue() == 0 && listing.lines().anyMatch(line -> line.strip().equals(language));
            if (!known) {
                LOG.warnf("OCR is not available: %s does not list the language '%s' (exit %d)", executable, language,
                        process.exitValue());
            }
            return known;
        } catch (IOException e) {
            LOG.warnf("OCR is not available: %s cannot be run (%s)", executable, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            // timed out or interrupted: the child goes too
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(out);
        }
    }

    /**
     * The text tesseract reads in the image file.
     *
     * @param options page segmentation mode, variables and the like, placed after the input and output
     * @throws ExtractionException OCR_FAILED when the process fails; PROCESSING_TIMEOUT when the caller's
     *     thread is interrupted (the file's time limit), which destroys the process
     */
    String read(Path image, List<String> options) {
        return run(image, options, "txt");
    }

    /** The words tesseract reads, one per line with their boxes: its {@code tsv} output. */
    String readTsv(Path image, List<String> options) {
        List<String> withTsv = new ArrayList<>(options);
        withTsv.add("tsv");
        return run(image, withTsv, "tsv");
    }

    private String run(Path image, List<String> options, String extension) {
        Path base = null;
        Path stderr = null;
        try {
            base = Files.createTempFile("debrief-ocr-", "");
            stderr = Files.createTempFile("debrief-ocr-", ".err");
            List<String> command = new ArrayList<>(8 + options.size());
            command.add(executable);
            command.add(image.toString());
            command.add(base.toString()); // tesseract writes base + "." + extension
            command.add("-l");
            command.add(language);
            command.addAll(options);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile());
            // One thread per process: the extractor's pool already runs one OCR per core, and OpenMP's own
            // threads on top would only fight over the same cores (and slow every image down).
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            Process process = builder.start();
            try {
                // no limit of its own: the file's time limit interrupts this wait (ReportExtractor)
                process.waitFor();
            } finally {
                // on interrupt or any other way out
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
            if (process.exitValue() != 0) {
                LOG.warnf("tesseract exited with %d: %s", process.exitValue(), head(stderr));
                throw new ExtractionException(FailureType.OCR_FAILED, "Text recognition failed on this file");
            }
            Path text = Path.of(base + "." + extension);
            try {
                return Files.readString(text, StandardCharsets.UTF_8);
            } finally {
                deleteQuietly(text);
            }
        } catch (InterruptedException | InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException(FailureType.PROCESSING_TIMEOUT, "Text recognition was stopped", e);
        } catch (IOException e) {
            throw new ExtractionException(FailureType.OCR_FAILED, "Text recognition could not be run", e);
        } finally {
            deleteQuietly(base);
            deleteQuietly(stderr);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String head(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() <= STDERR_LOGGED ? text : text.substring(0, STDERR_LOGGED) + "...";
        } catch (IOException e) {
            return "(stderr unreadable)";
        }
    }

    /** Removes a temporary file; one that cannot be removed is left to the OS's temp folder cleaning. */
    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("Could not remove temporary file %s", file);
        }
    }
}
