package dev.debrief.extraction;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tesseract.CANCEL_FUNC;
import org.bytedeco.tesseract.ETEXT_DESC;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;
import org.jboss.logging.Logger;

/**
 * Tesseract's own API in this process, through the JavaCPP presets (which ship libtesseract and Leptonica): one
 * engine per extractor thread, its model loaded once and reused for every page and every code-word re-read. A
 * child process per page paid the model load (about 0.17 s) on every call, which made a batch of photos about
 * twice as slow as the bare engine (issue 15).
 *
 * <p>Why in-process rather than a long-lived worker process per thread: the engine's hangs are contained here
 * too, since recognition asks {@link #CANCELLED} between words and stops when the reading's thread is
 * interrupted (the file's time limit), so the file fails alone with PROCESSING_TIMEOUT and the thread comes
 * back. What is not contained is a native crash, which takes the JVM with it; that case is already survived at
 * the batch level (another process takes the batch over, and a file that stopped every process reading it 3
 * times is failed alone, see PoisonFileIT), and a worker process would have needed a second program to ship,
 * start and speak to. Operators who prefer the isolation keep it: {@code debrief.extraction.ocr-engine=cli}.
 * Memory is bounded before recognition by {@link ReadingLimits} (page pixels), not by an address-space limit.
 */
final class TessLibrary implements OcrEngine {

    private static final Logger LOG = Logger.getLogger(TessLibrary.class);
    private static final Duration SHUTDOWN_JOIN = Duration.ofMillis(500);

    /** Where Debian/Ubuntu's tesseract-ocr-eng and other usual packages put the language data. */
    private static final List<String> USUAL_TESSDATA = List.of("/usr/share/tesseract-ocr", "/usr/share/tessdata",
            "/usr/local/share/tessdata", "/usr/share/tesseract");

    /**
     * Asked by Tesseract between words: stop when the thread reading is interrupted. One instance for all
     * engines (it reads the calling thread's flag, and recognition runs on the thread that asked for it), held
     * here so that the native callback it stands for is never collected.
     */
    private static final CANCEL_FUNC CANCELLED = new CANCEL_FUNC() {
        @Override
        public boolean call(Pointer cancelThis, int words) {
            return Thread.currentThread().isInterrupted();
        }
    };

    private final String language;
    private final Optional<Path> tessdata;
    private final Map<String, String> initVariables;
    /*
     * Each thread's engine, used by that thread alone, and ended once the thread is gone: at shutdown, or when a new
     * one is made. An engine left to the process's exit makes Tesseract print "LEAK" lines for the model it still
     * holds. The engine of a thread still alive is never touched from outside: an abandoned reading may be inside it.
     */
    private final Map<Thread, TessBaseAPI> engines = new ConcurrentHashMap<>();

    /**
     * @param tessdata the folder holding {@code <language>.traineddata}; empty to look in TESSDATA_PREFIX and
     *     the usual places
     */
    TessLibrary(String language, Optional<Path> tessdata) {
        this.language = language;
        this.tessdata = tessdata.or(() -> findTessdata(language, System.getenv("TESSDATA_PREFIX")));
        // every pass reads dark on light: the inverted second look at every line is time lost (as with the CLI)
        this.initVariables = Map.of("tessedit_do_invert", "0");
    }

    /** The first of TESSDATA_PREFIX and the usual folders (or their versioned sub-folders) holding the language. */
    static Optional<Path> findTessdata(String language, String prefix) {
        String file = language + ".traineddata";
        Stream<Path> candidates = Stream.concat(prefix == null ? Stream.empty() : Stream.of(Path.of(prefix), Path.of(prefix, "tessdata")),
                USUAL_TESSDATA.stream().map(Path::of).flatMap(TessLibrary::withVersions));
        return candidates.filter(folder -> Files.isRegularFile(folder.resolve(file))).findFirst();
    }

    private static Stream<Path> withVersions(Path root) {
        try (Stream<Path> children = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            // /usr/share/tesseract-ocr/5/tessdata: newest version first
            List<Path> versions = children.map(child -> child.resolve("tessdata")).sorted((a, b) -> b.compareTo(a)).toList();
            return Stream.concat(Stream.of(root), versions.stream());
        } catch (java.io.IOException e) {
            return Stream.of(root);
        }
    }

    /**
     * Loads the model once on the calling thread. That engine stays with the thread (a start-up thread's is
     * never used again: the cost of one model's memory, for a probe that tells whether the library and data work).
     */
    @Override
    public boolean probe(Duration timeout) {
        try {
            engine();
            return true;
        } catch (ExtractionException e) {
            LOG.warnf("OCR is not available: %s", e.getMessage());
            return false;
        } catch (LinkageError e) {
            LOG.warnf("OCR is not available: the Tesseract library cannot be loaded on this platform (%s)", e.toString());
            return false;
        }
    }

    @Override
    public String describe() {
        return "Tesseract " + versionOrUnknown() + " in-process, one engine per extractor thread, language " + language
                + ", data " + tessdata.map(Path::toString).orElse("(not found)");
    }

    private static String versionOrUnknown() {
        try {
            return TessBaseAPI.Version().getString();
        } catch (LinkageError e) {
            return "(library not loadable)";
        }
    }

    /** This thread's engine, made and its model loaded on first use. */
    private TessBaseAPI engine() {
        TessBaseAPI api = engines.get(Thread.currentThread());
        if (api != null) {
            return api;
        }
        if (tessdata.isEmpty()) {
            throw new ExtractionException(FailureType.OCR_UNAVAILABLE,
                    "no " + language + ".traineddata found (set debrief.extraction.tessdata-path or TESSDATA_PREFIX)");
        }
        api = new TessBaseAPI();
        if (api.Init(tessdata.get().toString(), language) != 0) {
            api.close();
            throw new ExtractionException(FailureType.OCR_UNAVAILABLE,
                    "Tesseract could not load '" + language + "' from " + tessdata.get());
        }
        for (Map.Entry<String, String> variable : initVariables.entrySet()) {
            api.SetVariable(variable.getKey(), variable.getValue());
        }
        endEnginesOfEndedThreads();
        engines.put(Thread.currentThread(), api);
        return api;
    }

    /** Ends the engines whose threads have ended, waiting a moment for threads a shutdown has just stopped. */
    @Override
    public void close() {
        for (Thread thread : engines.keySet()) {
            try {
                thread.join(SHUTDOWN_JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        endEnginesOfEndedThreads();
    }

    private void endEnginesOfEndedThreads() {
        engines.forEach((thread, api) -> {
            if (!thread.isAlive() && engines.remove(thread, api)) {
                api.End();
                api.close();
            }
        });
    }

    @Override
    public String recognise(BufferedImage grey, OcrPass pass, boolean tsv) {
        if (Thread.currentThread().isInterrupted()) {
            throw stopped();
        }
        TessBaseAPI api;
        try {
            api = engine();
        } catch (ExtractionException e) {
            throw new ExtractionException(FailureType.OCR_UNAVAILABLE, "Text recognition is not available", e);
        }
        int width = grey.getWidth();
        int height = grey.getHeight();
        try (BytePointer pixels = new BytePointer(PageImages.greyBytes(grey));
                ETEXT_DESC monitor = new ETEXT_DESC()) {
            monitor.cancel(CANCELLED);
            api.SetPageSegMode(pass.pageSegmentation());
            pass.variables().forEach(api::SetVariable);
            api.SetImage(pixels, width, height, 1, width);
            api.SetSourceResolution(pass.dpi());
            int status = api.Recognize(monitor);
            if (Thread.currentThread().isInterrupted()) {
                throw stopped();
            }
            if (status != 0) {
                throw new ExtractionException(FailureType.OCR_FAILED, "Text recognition failed on this file");
            }
            BytePointer text = tsv ? api.GetTSVText(0) : api.GetUTF8Text();
            if (text == null || text.isNull()) {
                return "";
            }
            try {
                return text.getString(StandardCharsets.UTF_8);
            } finally {
                tesseract.TessDeleteText(text);
            }
        } finally {
            // the image and the results go; the model stays for the next page
            api.Clear();
        }
    }

    private static ExtractionException stopped() {
        return new ExtractionException(FailureType.PROCESSING_TIMEOUT, "Text recognition was stopped");
    }
}
