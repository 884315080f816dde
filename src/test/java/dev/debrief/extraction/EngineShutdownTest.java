package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process engines are ended when the extractor stops, so the process exits without Tesseract's "LEAK" lines
 * about models still held (the control run shows they appear when nothing ends them).
 */
class EngineShutdownTest {

    @TempDir
    Path folder;

    @Test
    void aStoppedExtractorLeavesNoEngineToTheProcesssExit() throws Exception {
        Path photo = Files.write(folder.resolve("photo.png"), new AktrDocumentFactory().png(AktrSample.random(new Random(5)), 200));

        ChildJvm.Result stopped = ChildJvm.run(List.of(), Map.of(), folder, StopAfterReadingMain.class, photo.toString());
        ChildJvm.Result leftToExit = ChildJvm.run(List.of(), Map.of(), folder, StopAfterReadingMain.class, photo.toString(), "--no-stop");

        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(stopped.output()).contains("outcome=REPORT").doesNotContain("LEAK");
        assertThat(leftToExit.output()).as("the control: engines nobody ended").contains("outcome=REPORT").contains("LEAK");
    }
}
