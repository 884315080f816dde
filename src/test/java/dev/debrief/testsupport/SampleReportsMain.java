package dev.debrief.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Sample reports to try the service with, since real ones carry students' data and none ship with the project:
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.debrief.testsupport.SampleReportsMain -Dexec.args="target/samples 3"
 * </pre>
 * writes {@code report1.pdf}, {@code report2.pdf}, … (made-up students, real ACS codes) and one photo-like
 * {@code photo1.png} into the folder.
 */
public final class SampleReportsMain {

    private SampleReportsMain() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/samples"));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AktrDocumentFactory factory = new AktrDocumentFactory();
        Random random = new Random(2026);
        AktrDocumentFactory.Layout[] layouts = AktrDocumentFactory.Layout.values();
        for (int i = 1; i <= count; i++) {
            Files.write(folder.resolve("report" + i + ".pdf"), factory.pdf(AktrSample.random(random), layouts[i % layouts.length]));
        }
        Files.write(folder.resolve("photo1.png"), factory.png(AktrSample.random(random), 200));
        System.out.println("Sample reports written to " + folder.toAbsolutePath());
    }
}
