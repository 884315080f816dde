package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed bundled catalog is what the builder makes of the FAA PDFs kept beside the repository, byte for byte:
 * a parser change that alters the output needs a rebuild in the same commit. Skipped where the PDFs are absent.
 */
class BundledCatalogRebuildTest {

    private static final Path PDFS = Path.of(System.getProperty("debrief.acs.pdf-dir", "../shared/acs/pdf"));

    @Test
    void rebuildingFromThePdfsGivesTheCommittedBytes() throws IOException {
        assumeTrue(Files.isDirectory(PDFS), PDFS + " is not beside the repository");
        List<Path> pdfs;
        try (Stream<Path> files = Files.walk(PDFS)) {
            pdfs = files.filter(file -> file.getFileName().toString().endsWith(".pdf")).sorted().toList();
        }
        assumeTrue(!pdfs.isEmpty(), "no PDFs in " + PDFS);

        CatalogBuilder.Result result = CatalogBuilder.fromPdfs(pdfs);
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(rebuilt, StandardCharsets.UTF_8)) {
            BundledCatalogCsv.write(result.rows(), out);
        }

        assertThat(rebuilt.toByteArray())
                .as("src/main/resources/%s is stale: rebuild it with CatalogBuilderMain (README, ACS catalog)", BundledCatalogCsv.RESOURCE)
                .isEqualTo(BundledCatalogResource.bytes());
        assertThat(result.notes()).contains("FAA-S-ACS-6C (PAR): 1192 elements, 18 printed as archived",
                "FAA-S-ACS-7B (CAX): 1192 elements, 11 printed as archived",
                "FAA-S-ACS-6B (PAR, superseded): 1089 elements, 0 printed as archived",
                "FAA-G-ACS-2: 43 archived codes");
    }
}
