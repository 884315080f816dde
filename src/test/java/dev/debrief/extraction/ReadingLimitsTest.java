package dev.debrief.extraction;

import static dev.debrief.extraction.TestExtractionConfig.limitsWithReadingMemory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import javax.imageio.ImageTypeSpecifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The size checks on their own: numbers in, a plan or FILE_TOO_COMPLEX out; nothing decoded. */
class ReadingLimitsTest {

    /** As production on a 512 MiB heap with two threads: 40 Mpx, 8:1, 64 MiB. */
    private final ReadingLimits limits = TestExtractionConfig.LIMITS;

    @Test
    void aLetterPageAt300DpiIsRendered() {
        assertThat(limits.checkRenderedPage(612, 792, 300, 1)).as("its bytes").isEqualTo(2550L * 3300);
        assertThat(limits.checkRenderedPage(612, 1008, 300, ReadingLimits.BLENDED_PAGE_BYTES_PER_PIXEL)) // legal, blended
                .isEqualTo(2550L * 4200 * 5);
    }

    @Test
    void anImageInAPdfHasWhatItsPageLeaves() {
        // 4,900 x 4,000 RGB is 58.8 MB of samples: within the 67.1 MB of a reading, not beside a letter page (8.4 MB)
        long left = limits.maxBytes() - limits.checkRenderedPage(612, 792, 300, 1);

        limits.checkEmbeddedImage(4900, 4000, 24, limits.maxBytes());
        limits.checkEmbeddedImage(4800, 4000, 24, left); // 57.6 MB
        assertThatThrownBy(() -> limits.checkEmbeddedImage(4900, 4000, 24, left))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.FILE_TOO_COMPLEX))
                .hasMessageContaining("4900 x 4000 pixels, 24 bits each, takes more memory than a reading has left beside its page");
    }

    @Test
    void aHugeBlankPageIsRefusedBeforeItIsRendered() {
        // 7,200 pt at 300 dpi: 30,000 x 30,000 pixels, 900 MB of grey
        assertTooComplex(() -> limits.checkRenderedPage(7200, 7200, 300, 1));
        assertTooComplex(() -> limits.checkRenderedPage(Float.POSITIVE_INFINITY, 792, 300, 1));
        assertTooComplex(() -> limits.checkRenderedPage(14_400_000, 14_400_000, 300, 1)); // past an int of pixels
    }

    @Test
    void aPageThatBlendsCountsItsArgbCopy() {
        ReadingLimits small = limitsWithReadingMemory(20_000_000L);

        small.checkRenderedPage(612, 792, 300, 1); // 8.4 MB
        assertTooComplex(() -> small.checkRenderedPage(612, 792, 300, ReadingLimits.BLENDED_PAGE_BYTES_PER_PIXEL)); // 42 MB
    }

    @Test
    void aLongStripOfAPageIsRefused() {
        assertTooComplex(() -> limits.checkRenderedPage(612, 612 * 9, 300, 1));
    }

    @Test
    void sixteenBitRgbaOfFortyMegapixelsIsOverTheMemoryEvenReadAtEverySecondPixel() {
        // 6,325 x 6,324 x 8 bytes is 320 MB; at every second pixel, 80 MB; at every third it is narrower than a page
        assertTooComplex(() -> limits.planImage(6325, 6324, 64, false, 0));

        assertThat(limitsWithReadingMemory(1L << 30).planImage(6325, 6324, 64, false, 0).subsampling())
                .as("with a gigabyte to spend it is read whole").isEqualTo(1);
    }

    @Test
    void aOnePixelWideStripOfTwoBillionRowsIsRefused() {
        assertTooComplex(() -> limits.planImage(1, Integer.MAX_VALUE, 1, false, 0));
        assertTooComplex(() -> limits.planImage(1, 30_000_000, 1, false, 0)); // under the pixels, not the shape
    }

    @Test
    void theIssuesNarrowTallGreyStripIsRefusedForItsShape() {
        // The issue's 850 x 47,000 strip: 40 Mpx of grey, which prepare() once tripled to the OCR width (360 Mpx).
        // At 55:1 it is refused for its shape before any upscale is planned; the cap on an upscale, for images
        // within the shape, is anUpscaleIsCutShort... and preparingANarrowPageStaysWithinThePixelsItIsGiven.
        assertThatThrownBy(() -> limits.planImage(850, 47_000, 8, true, 0))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.type()).isEqualTo(FailureType.FILE_TOO_COMPLEX))
                .hasMessageContaining("850 x 47000 pixels, longer than 8.0 times its width");
    }

    @Test
    void aPhoneCameraPhotoIsReadAtEverySecondPixelWhereItWouldNotFitWhole() {
        // 24 Mpx RGB: 73 MB decoded, over 64 MiB; at every second pixel 2,856 px wide, still above the OCR width
        ReadingLimits.ImagePlan plan = limits.planImage(5712, 4284, 24, false, 0);

        assertThat(plan.subsampling()).isEqualTo(2);
        assertThat(plan.maxPreparedPixels()).isEqualTo(40_000_000L);
    }

    @Test
    void aSidewaysPhotoIsMeasuredUpright() {
        // 4,284 wide once turned: every second pixel would leave 2,142, under the OCR width, so it is not an option
        assertTooComplex(() -> limits.planImage(5712, 4284, 24, false, 1));
        assertThat(limitsWithReadingMemory(128L << 20).planImage(5712, 4284, 24, false, 1).subsampling())
                .isEqualTo(1);
    }

    @Test
    void anUpscaleIsCutShortToTheMemoryLeftAndRefusedOnlyWhenEvenTheImageItselfDoesNotFit() {
        // 1,000 x 7,000 grey (7 MB): the OCR width asks for x2.55, 45.5 Mpx
        assertThat(limits.planImage(1000, 7000, 8, true, 0).maxPreparedPixels()).isEqualTo(40_000_000L);
        assertThat(limitsWithReadingMemory(30_000_000L).planImage(1000, 7000, 8, true, 0).maxPreparedPixels())
                .isEqualTo(23_000_000L);
        assertTooComplex(() -> limitsWithReadingMemory(12_000_000L).planImage(1000, 7000, 8, true, 0));
    }

    @Test
    void aPageAlreadyAtTheOcrResolutionFits() {
        ReadingLimits.ImagePlan plan = limits.planImage(2550, 3300, 8, true, 0);

        assertThat(plan.subsampling()).isEqualTo(1);
        assertThat(plan.maxPreparedPixels()).isEqualTo(40_000_000L);
    }

    @ParameterizedTest(name = "{0} x {1} at {2} bits: {3} bytes")
    @CsvSource({
            "1, 10, 1, 10",          // each row of packed bits takes a whole byte
            "9, 2, 1, 4",
            "100, 100, 8, 10000",
            "100, 100, 64, 80000",
            "6325, 6324, 64, 319994400",
    })
    void rasterBytesRoundPackedRowsUp(long width, long height, int bits, long bytes) {
        assertThat(ReadingLimits.rasterBytes(width, height, bits)).isEqualTo(bytes);
    }

    @Test
    void bitsPerPixelComeFromTheDecodedLayout() {
        assertThat(PageImages.bitsPerPixel(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY).getSampleModel())).isEqualTo(1);
        assertThat(PageImages.bitsPerPixel(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).getSampleModel())).isEqualTo(8);
        assertThat(PageImages.bitsPerPixel(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR).getSampleModel())).isEqualTo(24);
        assertThat(PageImages.bitsPerPixel(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).getSampleModel())).isEqualTo(32);
        ImageTypeSpecifier rgba16 = ImageTypeSpecifier.createInterleaved(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {0, 1, 2, 3}, DataBuffer.TYPE_USHORT, true, false);
        assertThat(PageImages.bitsPerPixel(rgba16.getSampleModel())).isEqualTo(64);
        ImageTypeSpecifier banded = ImageTypeSpecifier.createBanded(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {0, 1, 2}, new int[] {0, 0, 0}, DataBuffer.TYPE_BYTE, false, false);
        assertThat(PageImages.bitsPerPixel(banded.getSampleModel())).isEqualTo(24);
    }

    @Test
    void preparingANarrowPageStaysWithinThePixelsItIsGiven() {
        BufferedImage narrow = new BufferedImage(400, 2000, BufferedImage.TYPE_BYTE_GRAY); // x6.4 wanted: 32.5 Mpx

        BufferedImage page = PageImages.prepare(narrow, 0, 4_000_000L);

        assertThat((long) page.getWidth() * page.getHeight()).isLessThanOrEqualTo(4_000_000L);
        assertThat(page.getWidth()).isBetween(890, 895); // x2.236, the same on both sides
        assertThat(page.getHeight()).isBetween(4470, 4472);
    }

    private static void assertTooComplex(Runnable check) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.type()).isEqualTo(FailureType.FILE_TOO_COMPLEX))
                .hasMessageStartingWith("The page or image is larger than the service reads");
    }
}
