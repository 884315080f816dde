package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

/** Images a page draws, found and measured from their dictionaries: no samples are ever needed. */
class EmbeddedImagesTest {

    private final ReadingLimits limits = TestExtractionConfig.LIMITS;

    @Test
    void aScanOfALetterPageAt300DpiPasses() {
        PDPage page = new PDPage(PDRectangle.LETTER);
        xObjects(resources(page)).setItem(COSName.getPDFName("Im1"), image(2550, 3300, COSName.DEVICERGB));

        check(page); // 25 MB of RGB samples
    }

    @Test
    void anImageMustFitBesideThePageItIsDrawnOn() {
        PDPage page = new PDPage(PDRectangle.LETTER);
        xObjects(resources(page)).setItem(COSName.getPDFName("Im1"), image(4900, 4000, COSName.DEVICERGB)); // 58.8 MB

        EmbeddedImages.check(page, limits, limits.maxBytes()); // within the 67.1 MB of the reading alone
        assertTooComplex(() -> check(page)); // not beside the 8.4 MB of the page it is drawn on
    }

    @Test
    void anImageInAFormInAFormIsFound() {
        PDPage page = new PDPage(PDRectangle.LETTER);
        COSStream inner = form(image(20_000, 20_000, COSName.DEVICEGRAY));
        xObjects(resources(page)).setItem(COSName.getPDFName("Fm1"), form(inner));

        assertTooComplex(() -> check(page));
    }

    @Test
    void anImageOnlyInAnAnnotationsAppearanceIsFound() {
        PDPage page = new PDPage(PDRectangle.LETTER);
        COSDictionary appearance = new COSDictionary();
        appearance.setItem(COSName.N, form(image(8000, 8000, COSName.DEVICERGB))); // 64 Mpx
        COSDictionary annotation = new COSDictionary();
        annotation.setItem(COSName.SUBTYPE, COSName.getPDFName("Square"));
        annotation.setItem(COSName.AP, appearance);
        annotation.setItem(COSName.P, page.getCOSObject()); // back to its page: walked once
        COSArray annotations = new COSArray();
        annotations.add(annotation);
        page.getCOSObject().setItem(COSName.ANNOTS, annotations);

        assertTooComplex(() -> check(page));
    }

    @Test
    void aSoftMaskIsAnImageToo() {
        PDPage page = new PDPage(PDRectangle.LETTER);
        COSStream visible = image(100, 100, COSName.DEVICERGB);
        visible.setItem(COSName.SMASK, image(20_000, 20_000, COSName.DEVICEGRAY));
        xObjects(resources(page)).setItem(COSName.getPDFName("Im1"), visible);

        assertTooComplex(() -> check(page));
    }

    @Test
    void bitsPerPixelFollowTheColourSpace() {
        assertThat(EmbeddedImages.bitsPerPixel(image(1, 1, COSName.DEVICEGRAY))).isEqualTo(8);
        assertThat(EmbeddedImages.bitsPerPixel(image(1, 1, COSName.DEVICERGB))).isEqualTo(24);
        assertThat(EmbeddedImages.bitsPerPixel(image(1, 1, COSName.DEVICECMYK))).isEqualTo(32);
        assertThat(EmbeddedImages.bitsPerPixel(image(1, 1, null))).as("JPEG 2000 says nothing: the widest").isEqualTo(32);

        COSArray indexed = new COSArray();
        indexed.add(COSName.INDEXED);
        indexed.add(COSName.DEVICERGB);
        assertThat(EmbeddedImages.bitsPerPixel(image(1, 1, indexed))).isEqualTo(8);

        COSStream profile = new COSStream();
        profile.setInt(COSName.N, 1);
        COSArray iccGrey = new COSArray();
        iccGrey.add(COSName.ICCBASED);
        iccGrey.add(profile);
        assertThat(EmbeddedImages.bitsPerPixel(image(1, 1, iccGrey))).isEqualTo(8);

        COSStream mask = image(1, 1, null);
        mask.setItem(COSName.getPDFName("ImageMask"), COSBoolean.TRUE);
        assertThat(EmbeddedImages.bitsPerPixel(mask)).isEqualTo(1);
    }

    @Test
    void aPageThatReachesTooManyObjectsIsRefused() {
        PDPage page = new PDPage(PDRectangle.LETTER);
        COSArray many = new COSArray();
        for (int i = 0; i <= EmbeddedImages.MAX_OBJECTS; i++) {
            many.add(new COSDictionary());
        }
        resources(page).setItem(COSName.getPDFName("Junk"), many);

        assertTooComplex(() -> check(page));
    }

    /** The check as a scanned PDF's letter page gets it: with what the page rendered at 300 dpi leaves. */
    private void check(PDPage page) {
        EmbeddedImages.check(page, limits, limits.maxBytes() - limits.checkRenderedPage(612, 792, 300, 1));
    }

    private static COSDictionary resources(PDPage page) {
        COSDictionary resources = new COSDictionary();
        page.getCOSObject().setItem(COSName.RESOURCES, resources);
        return resources;
    }

    private static COSDictionary xObjects(COSDictionary resources) {
        COSDictionary xObjects = new COSDictionary();
        resources.setItem(COSName.XOBJECT, xObjects);
        return xObjects;
    }

    /** A form XObject drawing the given XObject. */
    private static COSStream form(COSStream drawn) {
        COSStream form = new COSStream();
        form.setItem(COSName.SUBTYPE, COSName.FORM);
        COSDictionary resources = new COSDictionary();
        xObjects(resources).setItem(COSName.getPDFName("X1"), drawn);
        form.setItem(COSName.RESOURCES, resources);
        return form;
    }

    /** An image's dictionary, with no samples: nothing is decoded to check it. */
    private static COSStream image(int width, int height, COSBase colourSpace) {
        COSStream image = new COSStream();
        image.setItem(COSName.SUBTYPE, COSName.IMAGE);
        image.setInt(COSName.WIDTH, width);
        image.setInt(COSName.HEIGHT, height);
        image.setInt(COSName.BITS_PER_COMPONENT, 8);
        if (colourSpace != null) {
            image.setItem(COSName.COLORSPACE, colourSpace);
        }
        return image;
    }

    private static void assertTooComplex(Runnable check) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.type()).isEqualTo(FailureType.FILE_TOO_COMPLEX));
    }
}
