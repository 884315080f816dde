package dev.debrief.extraction;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads one file through {@link ReportExtractor} on one thread and prints how it ended, for a test that runs it
 * in a JVM of its own with a small heap: {@code outcome=<FAILURE_TYPE>} or {@code outcome=REPORT}. The reading
 * memory is the production default, derived from that JVM's heap.
 */
public final class ReadOneFileMain {

    private ReadOneFileMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        FileType type = FileType.fromWireName(args[1]).orElseThrow();
        ReportExtractor extractor = new ReportExtractor(
                TestExtractionConfig.of(Duration.ofMinutes(2), "tesseract", 1).withReadingMemory(0));
        ReportExtractor.Reading reading = extractor.read(file, type).await().atMost(Duration.ofMinutes(3));
        System.out.println("outcome=" + (reading.failure() == null ? "REPORT" : reading.failure().type().name()));
        System.exit(0);
    }
}
