package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.ScanDamage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field-level accuracy of OCR over 30 reports: 10 clean 300 dpi PNG scans and 20 photo-like JPEGs (200-290 dpi,
 * 0.5-2 degrees of rotation, uneven light, noise, blur, JPEG at 55-85 %). Seeded: the same images every run.
 * Through the real extractor (two threads, as on the two-core machines) and the real tesseract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcrAccuracyTest {

    private static final int CLEAN = 10;
    private static final int DAMAGED = 20;

    private final List<AktrSample> samples = new ArrayList<>();
    private final List<ParsedReport> reports = new ArrayList<>();

    @BeforeAll
    void readThirtyImages(@TempDir Path folder) throws Exception {
        AktrDocumentFactory factory = new AktrDocumentFactory();
        Random random = new Random(7);
        ReportExtractor extractor = new ReportExtractor(TestExtractionConfig.of(Duration.ofMinutes(3), "tesseract", 2));
        assertThat(extractor.ocrAvailable()).as("tesseract (tesseract-ocr, tesseract-ocr-eng) must be installed").isTrue();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < CLEAN + DAMAGED; i++) {
            AktrSample sample = AktrSample.random(random);
            samples.add(sample);
            boolean clean = i < CLEAN;
            BufferedImage scan = factory.scan(sample, AktrDocumentFactory.Layout.STANDARD, clean ? 300 : 200 + 10 * (i % 10));
            Random damage = new Random(1000 + i);
            byte[] bytes = clean ? AktrDocumentFactory.encode(scan, "png") : ScanDamage.random(damage).jpeg(scan, damage);
            Path file = Files.write(folder.resolve("scan-" + i + (clean ? ".png" : ".jpg")), bytes);
            files.add(file);
        }
        long started = System.nanoTime();
        List<CompletableFuture<ReportExtractor.Reading>> readings = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            readings.add(extractor.read(files.get(i), i < CLEAN ? FileType.PNG : FileType.JPEG).subscribeAsCompletionStage());
        }
        for (CompletableFuture<ReportExtractor.Reading> reading : readings) {
            ReportExtractor.Reading done = reading.get(3, TimeUnit.MINUTES);
            assertThat(done.failure()).as("reading failure").isNull();
            reports.add(done.report());
        }
        System.out.printf("OCR of %d images on 2 threads: %d ms%n", files.size(), (System.nanoTime() - started) / 1_000_000);
        printAccuracy();
    }

    @Test
    void everyFieldIsRightOnCleanScans() {
        for (int i = 0; i < CLEAN; i++) {
            AktrSample s = samples.get(i);
            ParsedReport r = reports.get(i);
            assertThat(r.origin()).isEqualTo(TextOrigin.OCR);
            assertThat(r.name()).isEqualTo(s.name());
            assertThat(r.ftn()).isEqualTo(s.ftn());
            assertThat(r.examId()).isEqualTo(s.examId());
            assertThat(r.exam()).isEqualTo(s.examTitle());
            assertThat(r.examCode()).isEqualTo(s.examCode());
            assertThat(r.examDate()).isEqualTo(s.examDate());
            assertThat(r.examSite()).isEqualTo(s.examSite());
            assertThat(r.score()).isEqualTo(s.score());
            assertThat(r.grade()).isEqualTo(s.grade());
            assertThat(r.take()).isEqualTo(s.take());
            assertThat(r.expirationDate()).isEqualTo(s.expirationDate());
            assertThat(codes(r)).as("codes of clean scan %d", i).containsExactlyElementsOf(s.codes());
        }
    }

    @Test
    void scoreExamCodeAndNineteenCodesInTwentyAreRightOnDamagedPhotos() {
        int codes = 0;
        int right = 0;
        int extra = 0;
        for (int i = CLEAN; i < CLEAN + DAMAGED; i++) {
            AktrSample s = samples.get(i);
            ParsedReport r = reports.get(i);
            assertThat(r.score()).as("score of photo %d", i).isEqualTo(s.score());
            assertThat(r.examCode()).as("exam code of photo %d", i).isEqualTo(s.examCode());
            List<String> read = codes(r);
            codes += s.codes().size();
            right += (int) s.codes().stream().filter(read::contains).count();
            extra += (int) read.stream().filter(c -> !s.codes().contains(c)).count();
        }
        assertThat(100.0 * right / codes).as("%% of %d ACS codes read right", codes).isGreaterThanOrEqualTo(95.0);
        // a misread code is not made up from nothing: at most one reading per code that was missed
        assertThat(extra).isLessThanOrEqualTo(codes - right);
    }

    @Test
    void ocrReportsAreLessSureThanTextLayers() {
        for (ParsedReport r : reports) {
            assertThat(r.confidence()).isLessThanOrEqualTo(0.9);
        }
        assertThat(reports.subList(0, CLEAN)).allSatisfy(r -> assertThat(r.confidence()).isGreaterThan(0.8));
    }

    private void printAccuracy() {
        Map<String, Function<Object[], Boolean>> fields = new LinkedHashMap<>();
        fields.put("name", p -> Objects.equals(s(p).name(), r(p).name()));
        fields.put("ftn", p -> Objects.equals(s(p).ftn(), r(p).ftn()));
        fields.put("exam_id", p -> Objects.equals(s(p).examId(), r(p).examId()));
        fields.put("exam", p -> Objects.equals(s(p).examTitle(), r(p).exam()));
        fields.put("exam_code", p -> Objects.equals(s(p).examCode(), r(p).examCode()));
        fields.put("exam_date", p -> Objects.equals(s(p).examDate(), r(p).examDate()));
        fields.put("exam_site", p -> Objects.equals(s(p).examSite(), r(p).examSite()));
        fields.put("score", p -> Objects.equals(s(p).score(), r(p).score()));
        fields.put("grade", p -> Objects.equals(s(p).grade(), r(p).grade()));
        fields.put("take", p -> Objects.equals(s(p).take(), r(p).take()));
        fields.put("expiration_date", p -> Objects.equals(s(p).expirationDate(), r(p).expirationDate()));
        StringBuilder table = new StringBuilder("\n| field | clean (10 PNG) | damaged (20 JPEG) |\n|---|---|---|\n");
        fields.forEach((field, check) -> table.append(String.format("| %s | %s | %s |%n", field,
                share(0, CLEAN, check), share(CLEAN, CLEAN + DAMAGED, check))));
        table.append(String.format("| ACS codes | %s | %s |%n", codeShare(0, CLEAN), codeShare(CLEAN, CLEAN + DAMAGED)));
        System.out.println(table);
    }

    private String share(int from, int to, Function<Object[], Boolean> check) {
        int right = 0;
        for (int i = from; i < to; i++) {
            if (check.apply(new Object[] {samples.get(i), reports.get(i)})) {
                right++;
            }
        }
        return String.format("%d/%d (%.0f %%)", right, to - from, 100.0 * right / (to - from));
    }

    private String codeShare(int from, int to) {
        int total = 0;
        int right = 0;
        for (int i = from; i < to; i++) {
            List<String> read = codes(reports.get(i));
            total += samples.get(i).codes().size();
            right += (int) samples.get(i).codes().stream().filter(read::contains).count();
        }
        return String.format("%d/%d (%.1f %%)", right, total, 100.0 * right / total);
    }

    private static AktrSample s(Object[] pair) {
        return (AktrSample) pair[0];
    }

    private static ParsedReport r(Object[] pair) {
        return (ParsedReport) pair[1];
    }

    private static List<String> codes(ParsedReport report) {
        return report.codes().stream().map(AcsCode::code).toList();
    }
}
