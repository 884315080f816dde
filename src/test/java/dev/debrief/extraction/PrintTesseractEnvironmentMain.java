package dev.debrief.extraction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a stand-in tesseract (args[0]) that writes its environment as the page's text, and prints that text; for a
 * test that starts this JVM with secrets in its environment.
 */
public final class PrintTesseractEnvironmentMain {

    private PrintTesseractEnvironmentMain() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Files.writeString(Path.of(args[1]).resolve("child-page.pgm"), "P5\n1 1\n255\n\0");
        System.out.println("jvm-has-secret=" + (System.getenv("DB_PASSWORD") != null));
        System.out.println(new Tesseract(args[0], "eng", 1L << 30).read(image, List.of()));
        System.exit(0);
    }
}
