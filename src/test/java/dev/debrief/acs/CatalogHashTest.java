package dev.debrief.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored hash tells every change of either file from the version before, and nothing else. */
class CatalogHashTest {

    private final byte[] bundled = randomBytes(1, 650_000);
    private final byte[] operator = randomBytes(2, 40_000);

    @Test
    void theSameFilesMakeTheSameHash() {
        assertThat(CatalogImport.hash(bundled.clone(), operator.clone())).isEqualTo(CatalogImport.hash(bundled, operator))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anyOneByteChangedInEitherFileChangesTheHash() {
        String original = CatalogImport.hash(bundled, operator);
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] changedBundled = bundled.clone();
            changedBundled[random.nextInt(changedBundled.length)] ^= (byte) (1 + random.nextInt(255));
            assertThat(CatalogImport.hash(changedBundled, operator)).isNotEqualTo(original);
            byte[] changedOperator = operator.clone();
            changedOperator[random.nextInt(changedOperator.length)] ^= (byte) (1 + random.nextInt(255));
            assertThat(CatalogImport.hash(bundled, changedOperator)).isNotEqualTo(original);
        }
    }

    @Test
    void noOperatorFileAnEmptyOneAndBytesMovedBetweenTheFilesAreAllDifferent() {
        byte[] csv = "document,code\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CatalogImport.hash(csv, null)).isNotEqualTo(CatalogImport.hash(csv, new byte[0]));
        byte[] first = "ab".getBytes(StandardCharsets.UTF_8);
        byte[] second = "c".getBytes(StandardCharsets.UTF_8);
        assertThat(CatalogImport.hash(first, second)).isNotEqualTo(CatalogImport.hash("a".getBytes(StandardCharsets.UTF_8),
                "bc".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
