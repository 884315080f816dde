package dev.debrief.acs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Rebuilds the bundled ACS catalog from FAA PDFs:
 * {@code ./mvnw -q compile exec:java -Dexec.mainClass=dev.debrief.acs.CatalogBuilderMain
 * -Dexec.args="../shared/acs/pdf src/main/resources/acs/bundled-catalog.csv"}.
 * The first arguments are PDFs or folders searched for PDFs (sub-folders too); the last is the CSV to write.
 */
public final class CatalogBuilderMain {

    /* Held so the setting outlives garbage collection of an otherwise unreferenced logger. */
    private static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");

    private CatalogBuilderMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CatalogBuilderMain <pdf or folder>... <output.csv>");
            System.exit(2);
        }
        // Font substitution notices concern rendering, not the text layer read here
        PDFBOX_LOG.setLevel(Level.SEVERE);
        List<Path> pdfs = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            pdfs.addAll(pdfsIn(Path.of(args[i])));
        }
        if (pdfs.isEmpty()) {
            System.err.println("No PDFs found in " + List.of(args).subList(0, args.length - 1));
            System.exit(2);
        }
        CatalogBuilder.Result result = CatalogBuilder.fromPdfs(pdfs);
        Path output = Path.of(args[args.length - 1]);
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Written beside the target and moved over it, so a failed build never leaves half a catalog behind
        Path partial = parent.resolve(output.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            BundledCatalogCsv.write(result.rows(), out);
        }
        Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        result.notes().forEach(System.err::println);
        System.err.println(result.rows().size() + " rows written to " + output);
    }

    private static List<Path> pdfsIn(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().toLowerCase().endsWith(".pdf"))
                    .sorted()
                    .toList();
        }
    }
}
