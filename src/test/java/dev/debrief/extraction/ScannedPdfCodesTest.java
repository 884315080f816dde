package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: codes missed on scanned PDFs. A 200 dpi JPEG scan inside a PDF, rendered at 300 dpi, had words of
 * its rows of codes garbled past what looks like a code ("CALIILA.KS"), so they never got the second pass and
 * were lost. Every word of a row of codes is a code: now each gets the second look. Seeded, real engine.
 */
class ScannedPdfCodesTest {

    @Test
    void theWordsOfARowOfCodesAreEachReadAgain() {
        String tsv = String.join("\n",
                row(1, 1, "CA.IX.C.K2a"), row(1, 2, "CA.I.H.R2"), row(1, 3, "CALIILA.KS"), row(1, 4, "CA.II.D.K6d"),
                row(2, 1, "EXPIRATION"), row(2, 2, "DATE:"), row(2, 3, "09/30/2026"),
                row(3, 1, "Look"), row(3, 2, "each"), row(3, 3, "code"), row(3, 4, "PA.I.A.K1"), row(3, 5, "up"));
        OcrWords words = OcrWords.parse(tsv);
        assertThat(OcrReader.rowsOfCodes(words)).containsExactly(0);
    }

    private static String row(int line, int word, String text) {
        return String.join("\t", "5", "1", "1", "1", String.valueOf(line), String.valueOf(word),
                String.valueOf(100 * word), String.valueOf(40 * line), "90", "30", "90", text);
    }

    @Test
    void codesOnScannedPdfsAreFound(@TempDir Path folder) throws Exception {
        AktrDocumentFactory factory = new AktrDocumentFactory();
        Random random = new Random(11);
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofMinutes(3), "tesseract", 1));
        assertThat(extractor.ocrAvailable()).isTrue();
        for (int skipped = 0; skipped < 6; skipped++) {
            AktrSample.random(random); // the six after these are the ones where codes were lost
        }
        int right = 0;
        int total = 0;
        for (int i = 0; i < 6; i++) {
            AktrSample sample = AktrSample.random(random);
            Path pdf = Files.write(folder.resolve("scan-" + i + ".pdf"), factory.imageOnlyPdf(sample, 200));
            ReportExtractor.Reading reading = extractor.read(pdf, FileType.PDF).await().atMost(Duration.ofMinutes(3));
            assertThat(reading.failure()).isNull();
            List<String> found = reading.report().codes().stream().map(code -> code.code()).toList();
            for (String code : sample.codes()) {
                total++;
                right += found.contains(code) ? 1 : 0;
            }
        }
        System.out.printf("codes found on 6 scanned PDFs at 200 dpi: %d/%d%n", right, total);
        // 108/114 (94.7 %) before the rows of codes were read again; 110/114 after
        assertThat((double) right / total).isGreaterThanOrEqualTo(0.96);
    }
}
