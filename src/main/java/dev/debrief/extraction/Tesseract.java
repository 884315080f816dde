package dev.debrief.extraction;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The {@code tesseract} executable, run as a child process. A child rather than a JNA binding (tess4j): no
 * native library inside our process, nothing for a native image to link, and a crash or a hang takes only
 * the child with it, which is timed out and destroyed.
 *
 * <p>Input and output go through files, never pipes: nothing can fill up and block either side, and the
 * caller's thread only waits. Thread-safe; every call has its own files.
 *
 * <p>The child is contained: it gets none of the JVM's environment (which holds the database password and the
 * Drive credentials) but what it needs, and, when util-linux's {@code prlimit} is on the PATH, an address-space
 * limit, so a page that makes it grow without end ends it (OCR_FAILED) instead of the pod's memory.
 */
final class Tesseract implements OcrEngine {

    private static final Logger LOG = Logger.getLogger(Tesseract.class);
    private static final int STDERR_LOGGED = 2000;

    /** Where the environment has no PATH: the usual places of tesseract and prlimit on Linux. */
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final String executable;
    private final String language;
    private final long memoryLimitBytes;
    /** prlimit's path, or null to run tesseract without a memory limit. */
    private final Path prlimit;

    /**
     * @param memoryLimitBytes the address space tesseract may take; applied through prlimit when it is on the
     *     PATH ({@link #memoryLimited()})
     */
    Tesseract(String executable, String language, long memoryLimitBytes) {
        this(executable, language, memoryLimitBytes, onPath("prlimit", System.getenv("PATH")).orElse(null));
    }

    Tesseract(String executable, String language, long memoryLimitBytes, Path prlimit) {
        this.executable = executable;
        this.language = language;
        this.memoryLimitBytes = memoryLimitBytes;
        this.prlimit = prlimit;
    }

    @Override
    public String recognise(java.awt.image.BufferedImage grey, OcrPass pass, boolean tsv) {
        Path file = null;
        try {
            file = Files.createTempFile("debrief-page-", ".pgm");
            PageImages.writePgm(grey, file);
            return tsv ? readTsv(file, pass.cliOptions()) : read(file, pass.cliOptions());
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException(FailureType.PROCESSING_TIMEOUT, "Text recognition was stopped", e);
        } catch (IOException e) {
            throw new ExtractionException(FailureType.OCR_FAILED, "The page could not be prepared for text recognition", e);
        } finally {
            deleteQuietly(file);
        }
    }

    @Override
    public String describe() {
        return "tesseract executable '" + executable + "', a child process per page and per code-word pass, language "
                + language + (memoryLimited() ? ", address space " + memoryLimitBytes + " bytes" : ", WITHOUT memory limit (no prlimit)");
    }

    /** Whether each tesseract process runs under the memory limit (prlimit was found). */
    boolean memoryLimited() {
        return prlimit != null;
    }

    /**
     * A process of tesseract with these arguments: its environment emptied but for what it needs, and under
     * prlimit when there is one. prlimit sets the limit on itself and then executes tesseract in its place, so
     * the process destroyed at a time limit is tesseract's own.
     */
    private ProcessBuilder tesseract(List<String> arguments) {
        List<String> command = new ArrayList<>(arguments.size() + 4);
        if (prlimit != null) {
            command.add(prlimit.toString());
            command.add("--as=" + memoryLimitBytes);
            command.add("--");
        }
        command.add(executable);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(childEnvironment(System.getenv(), System.getProperty("java.io.tmpdir")));
        return builder;
    }

    /**
     * The whole environment of a tesseract child, taken from the JVM's: the PATH (its own helpers, and the
     * executable when it is a bare name), TESSDATA_PREFIX when the operator set one, the C locale (Tesseract
     * parses its numbers in it), a home in the temp folder, and one OpenMP thread: the extractor's pool already
     * runs one OCR per core, and OpenMP's threads on top would only fight over the same cores.
     */
    static Map<String, String> childEnvironment(Map<String, String> parent, String temporaryFolder) {
        Map<String, String> child = new HashMap<>();
        child.put("PATH", parent.getOrDefault("PATH", DEFAULT_PATH));
        String tessdata = parent.get("TESSDATA_PREFIX");
        if (tessdata != null) {
            child.put("TESSDATA_PREFIX", tessdata);
        }
        child.put("LANG", "C");
        child.put("LC_ALL", "C");
        child.put("OMP_THREAD_LIMIT", "1");
        child.put("HOME", temporaryFolder);
        return child;
    }

    /** An executable of this name in one of the PATH's folders. */
    static Optional<Path> onPath(String name, String path) {
        for (String folder : (path == null ? DEFAULT_PATH : path).split(java.io.File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the executable runs and knows the language. Called once at start: its answer decides between
     * OCR and OCR_UNAVAILABLE, and the readiness entry shows it.
     */
    @Override
    public boolean probe(Duration timeout) {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("debrief-tesseract-", ".txt");
            process = tesseract(List.of("--list-langs"))
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
                // under prlimit a missing executable is prlimit's exit and message, hence the output in the log
                LOG.warnf("OCR is not available: %s does not list the language '%s' (exit %d): %s", executable, language,
                        process.exitValue(), head(out));
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
            List<String> arguments = new ArrayList<>(4 + options.size());
            arguments.add(image.toString());
            arguments.add(base.toString()); // tesseract writes base + "." + extension
            arguments.add("-l");
            arguments.add(language);
            arguments.addAll(options);
            Process process = tesseract(arguments)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
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
