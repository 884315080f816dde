package dev.debrief.bench;

import static dev.debrief.bench.BenchFigures.median;
import static dev.debrief.bench.BenchFigures.row;
import static dev.debrief.bench.BenchFigures.runToEnd;

import dev.debrief.extraction.AktrParser;
import dev.debrief.extraction.PdfTextReader;
import dev.debrief.extraction.TextOrigin;
import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * bench/upload: 30 one-page AKTR PDFs uploaded as one batch (POST → 201 with every report), warm, and the
 * per-file extraction (PDFBox text + AKTR parser) against poppler's pdftotext on the same files, measured in
 * the same run. Not a test: the class name keeps it out of surefire's default run.
 */
@QuarkusTest
class UploadBenchmark {

    private static final int FILES = 30;
    private static final int WARM_UPS = 5;
    private static final int RUNS = 9;

    @TestHTTPResource("/v1/batches")
    URI batches;

    @Test
    void run() throws Exception {
        AktrDocumentFactory factory = new AktrDocumentFactory();
        Random random = new Random(42);
        Path folder = Files.createDirectories(Path.of("target/bench/pdfs"));
        List<byte[]> pdfs = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            byte[] pdf = factory.pdf(AktrSample.random(random), AktrDocumentFactory.Layout.STANDARD);
            Path path = folder.resolve("aktr-" + i + ".pdf");
            Files.write(path, pdf);
            pdfs.add(pdf);
            paths.add(path);
        }

        for (int i = 0; i < WARM_UPS; i++) {
            upload(pdfs);
        }
        long[] uploads = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            uploads[i] = upload(pdfs);
        }

        PdfTextReader reader = new PdfTextReader();
        AktrParser parser = new AktrParser();
        long[] ours = perFile(paths, path -> parser.parse(reader.read(path).text(), TextOrigin.PDF_TEXT));
        long[] poppler = perFile(paths, UploadBenchmark::pdftotext);

        double ourMedian = median(ours) / 1e6;
        double popplerMedian = median(poppler) / 1e6;
        String table = String.join("\n",
                "",
                "| measure (2 cores, warm) | median | min | max |",
                "|---|---|---|---|",
                row("upload 30 PDFs → 201 with all reports (ms)", uploads, 1e6),
                row("extract one PDF: PDFBox + parser (ms)", ours, 1e6),
                row("extract one PDF: pdftotext process (ms)", poppler, 1e6),
                String.format("| ratio ours / pdftotext (median) | %.2f | | |", ourMedian / popplerMedian),
                "");
        System.out.println(table);
        Files.writeString(Path.of("target/bench/upload.md"), table);
    }

    private long upload(List<byte[]> pdfs) throws IOException, InterruptedException {
        return BatchPost.numbered(batches, "aktr", "pdf", "application/pdf", pdfs).send().nanos();
    }

    private interface FileWork {
        void on(Path path) throws Exception;
    }

    /** Each file read 5 times after a warm-up round; one sample per file read. */
    private static long[] perFile(List<Path> paths, FileWork work) throws Exception {
        for (Path path : paths) {
            work.on(path);
        }
        long[] samples = new long[paths.size() * 5];
        int n = 0;
        for (int round = 0; round < 5; round++) {
            for (Path path : paths) {
                long started = System.nanoTime();
                work.on(path);
                samples[n++] = System.nanoTime() - started;
            }
        }
        return samples;
    }

    private static void pdftotext(Path pdf) throws IOException, InterruptedException {
        runToEnd(new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-"));
    }
}
