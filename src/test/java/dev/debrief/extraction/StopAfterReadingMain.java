package dev.debrief.extraction;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads one photo through {@link ReportExtractor} with the in-process engine, then stops the extractor as the
 * service's shutdown does (or, given "--no-stop", leaves it to the process's exit), for a test that looks at what the
 * JVM prints as it exits.
 */
public final class StopAfterReadingMain {

    private StopAfterReadingMain() {
    }

    public static void main(String[] args) {
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofMinutes(2), "tesseract", 2));
        ReportExtractor.Reading reading = extractor.read(Path.of(args[0]), FileType.PNG).await().atMost(Duration.ofMinutes(3));
        System.out.println("outcome=" + (reading.failure() == null ? "REPORT" : reading.failure().type().name()));
        if (args.length < 2 || !args[1].equals("--no-stop")) {
            extractor.stop(null);
        }
        System.exit(0);
    }
}
