package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The committed bundled catalog as the service reads it from the classpath. */
final class BundledCatalogResource {

    private BundledCatalogResource() {
    }

    static byte[] bytes() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BundledCatalogCsv.RESOURCE)) {
            assertThat(in).as("the bundled catalog resource %s", BundledCatalogCsv.RESOURCE).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CatalogRow> rows() {
        return BundledCatalogCsv.read(new String(bytes(), StandardCharsets.UTF_8));
    }
}
