package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure parts of the OCR source: EXIF orientation, page preparation, TSV words, code assembly. */
class OcrPartsTest {

    @ParameterizedTest(name = "orientation {0} -> {1} quarter turns")
    @CsvSource({"1, 0", "3, 2", "6, 1", "8, 3", "2, 0"})
    void exifOrientationTurnsThePhotoUpright(int orientation, int quarterTurns) {
        assertThat(ExifOrientation.quarterTurns(jpegHeadWithOrientation(orientation, true))).isEqualTo(quarterTurns);
        assertThat(ExifOrientation.quarterTurns(jpegHeadWithOrientation(orientation, false))).isEqualTo(quarterTurns);
    }

    @Test
    void noExifNoTurn() {
        assertThat(ExifOrientation.quarterTurns(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2}))
                .isZero();
        assertThat(ExifOrientation.quarterTurns(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isZero();
        assertThat(ExifOrientation.quarterTurns(new byte[0])).isZero();
    }

    @Test
    void aPhotoIsMadeGreyUprightAndAbout300Dpi() {
        // 100 dpi, on its side: the page's top-left corner is at the photo's bottom-left, marked black on white
        BufferedImage sideways = new BufferedImage(1100, 850, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sideways.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1100, 850);
        g.setColor(Color.BLACK);
        g.fillRect(0, 750, 100, 100);
        g.dispose();

        BufferedImage page = PageImages.prepare(sideways, 1, 40_000_000L);

        assertThat(page.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(page.getWidth()).isEqualTo(PageImages.TARGET_WIDTH);
        assertThat(page.getHeight()).isEqualTo(3300);
        assertThat(page.getRaster().getSample(100, 100, 0)).as("the mark, now top left").isLessThan(50);
        assertThat(page.getRaster().getSample(2450, 100, 0)).as("top right").isGreaterThan(200);
        assertThat(page.getRaster().getSample(100, 3200, 0)).as("bottom left").isGreaterThan(200);
    }

    @Test
    void aPhotoOf200To300DpiIsReadAtItsOwnResolutionAndOneBelowIsMade300Dpi() {
        BufferedImage at230 = new BufferedImage(1955, 2530, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage at150 = new BufferedImage(1275, 1650, BufferedImage.TYPE_BYTE_GRAY);

        assertThat(PageImages.prepare(at230, 0, 40_000_000L)).isSameAs(at230);
        assertThat(PageImages.dpiOf(at230)).isEqualTo(230);
        assertThat(PageImages.prepare(at150, 0, 40_000_000L).getWidth()).isEqualTo(PageImages.TARGET_WIDTH);
    }

    @Test
    void aGreyPageAtTheRightSizeIsLeftAsItIs() {
        BufferedImage scan = new BufferedImage(2500, 3236, BufferedImage.TYPE_BYTE_GRAY);

        assertThat(PageImages.prepare(scan, 0, 40_000_000L)).isSameAs(scan);
    }

    @Test
    void tsvWordsMakeLinesAndBlocks() {
        String tsv = String.join("\n",
                "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
                "1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t",
                "5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96\tSCORE:",
                "5\t1\t1\t1\t1\t2\t70\t10\t20\t20\t96\t85",
                "5\t1\t1\t1\t2\t1\t10\t40\t90\t20\t96\tGRADE:",
                "5\t1\t2\t1\t1\t1\t10\t90\t120\t20\t91\tPA.LA.K1",
                "5\t1\t2\t1\t1\t2\t10\t90\t120\t20\t91\t ");

        OcrWords words = OcrWords.parse(tsv);

        assertThat(words.words()).hasSize(4);
        assertThat(words.text(Map.of())).isEqualTo("SCORE: 85\nGRADE:\n\nPA.LA.K1\n");
        assertThat(words.text(Map.of(3, "PA.I.A.K1"))).endsWith("\nPA.I.A.K1\n");
    }

    @ParameterizedTest(name = "{0} + [{1}] -> {3}")
    @CsvSource({
            // first pass, second pass (prefix task element), area from shapes, expected
            "IR.VILA.K4,  IR A K4,   VI,  IR.VI.A.K4",
            "CA.ALC.K1,   CA C Ki,   II,  CA.II.C.K1",     // element from the second pass, i mapped to 1
            "CA.I.B.Kla,  CA B Kila, I,   CA.I.B.K1a",     // four characters for three glyphs: the first pass wins
            "IR.MLA.R1,   IR A R1,   III, IR.III.A.R1",
            "PA.I.B.K1,   PA B K1 x, I,   PA.I.B.K1",      // the second pass split badly: the first pass stands
    })
    void assemblesEachPartFromTheReadingThatIsSureOfIt(String first, String second, String area, String expected) {
        int elementGlyphs = expected.substring(expected.lastIndexOf('.') + 1).length();
        boolean[] small = new boolean[elementGlyphs];
        if (Character.isLowerCase(expected.charAt(expected.length() - 1))) {
            small[elementGlyphs - 1] = true;
        }
        GlyphSpacing.Shape shape = new GlyphSpacing.Shape(area, false, small);

        assertThat(CodeAssembly.assemble(first, second, shape)).isEqualTo(expected);
    }

    @Test
    void aTaskThatIsABareStrokeIsI() {
        GlyphSpacing.Shape shape = new GlyphSpacing.Shape("I", true, new boolean[2]);

        assertThat(CodeAssembly.assemble("CA.1.1.R3", "CA | R3", shape)).isEqualTo("CA.I.I.R3");
    }

    @Test
    void withoutShapesTheSecondReadingIsTakenWhole() {
        assertThat(CodeAssembly.assemble("PLT.118", "PLT 118", null)).isEqualTo("PLT118");
    }

    /** SOI, an APP1 Exif segment with one IFD0 entry (orientation), then SOS. */
    private static byte[] jpegHeadWithOrientation(int orientation, boolean bigEndian) {
        java.io.ByteArrayOutputStream tiff = new java.io.ByteArrayOutputStream();
        if (bigEndian) {
            write(tiff, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0);
        } else {
            write(tiff, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0);
        }
        byte[] body = tiff.toByteArray();
        int length = 2 + 6 + body.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(out, 0xFF, 0xD8, 0xFF, 0xE1, length >> 8, length & 0xFF, 'E', 'x', 'i', 'f', 0, 0);
        out.writeBytes(body);
        write(out, 0xFF, 0xDA, 0, 2);
        return out.toByteArray();
    }

    private static void write(java.io.ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }
}
