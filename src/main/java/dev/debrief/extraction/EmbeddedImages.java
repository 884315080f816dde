package dev.debrief.extraction;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * The images a PDF page may draw, measured from their dictionaries before PDFBox decodes any. A page of normal
 * size can hold an image XObject of a few hundred KiB that inflates to gigabytes: PDFBox decodes an image's
 * samples whole when it draws it, onto the rendered page, so the page-size check alone does not bound a rendering:
 * each image must fit in what the rendered page leaves of the reading's memory.
 *
 * <p>Everything the page's resources reach is looked at (XObjects, forms within forms, patterns, soft masks,
 * Type 3 fonts), and its annotations' appearances, through the raw objects only: building PDFBox's image objects
 * would decode them already. Images inline in a content stream are not seen here.
 */
final class EmbeddedImages {

    /** Objects looked at per page at most; a report page has tens. More is a file built to make us walk. */
    static final int MAX_OBJECTS = 100_000;

    private static final COSName IMAGE_MASK = COSName.getPDFName("ImageMask");

    private EmbeddedImages() {
    }

    /**
     * @param bytesLeft what the rendered page leaves of the reading's memory, for the decoded samples of any one image
     * @throws ExtractionException FILE_TOO_COMPLEX when an image is over the limits, or the page's objects are too
     *     many to look at
     */
    static void check(PDPage page, ReadingLimits limits, long bytesLeft) {
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<COSBase> toVisit = new ArrayDeque<>();
        COSDictionary pageDictionary = page.getCOSObject();
        toVisit.add(orNull(pageDictionary.getDictionaryObject(COSName.RESOURCES)));
        COSArray annotations = pageDictionary.getCOSArray(COSName.ANNOTS);
        if (annotations != null) {
            for (int i = 0; i < annotations.size(); i++) {
                // the appearance alone: an annotation also links back to its page, and to others through actions
                if (annotations.getObject(i) instanceof COSDictionary annotation) {
                    toVisit.add(orNull(annotation.getDictionaryObject(COSName.AP)));
                }
            }
        }
        while (!toVisit.isEmpty()) {
            COSBase object = dereferenced(toVisit.pop());
            if (object == null || object instanceof COSNull || !seen.add(object)) {
                continue;
            }
            if (seen.size() > MAX_OBJECTS) {
                throw ReadingLimits.tooComplex("a page that refers to more than " + MAX_OBJECTS + " objects");
            }
            if (object instanceof COSStream stream && COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                check(stream, limits, bytesLeft);
            }
            if (object instanceof COSDictionary dictionary) {
                for (COSName key : dictionary.keySet()) {
                    if (!COSName.PARENT.equals(key)) {
                        toVisit.add(orNull(dictionary.getDictionaryObject(key)));
                    }
                }
            } else if (object instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    toVisit.add(orNull(array.getObject(i)));
                }
            }
        }
    }

    private static void check(COSStream image, ReadingLimits limits, long bytesLeft) {
        int width = image.getInt(COSName.WIDTH, 0);
        int height = image.getInt(COSName.HEIGHT, 0);
        if (width < 1 || height < 1) {
            return; // PDFBox refuses it before decoding anything
        }
        limits.checkEmbeddedImage(width, height, bitsPerPixel(image), bytesLeft);
    }

    /** Bits a pixel of the image's decoded samples takes; when the dictionary does not tell, a CMYK pixel's. */
    static int bitsPerPixel(COSDictionary image) {
        if (image.getBoolean(IMAGE_MASK, false)) {
            return 1;
        }
        int bitsPerComponent = image.getInt(COSName.BITS_PER_COMPONENT, 8); // absent for JPEG 2000
        return Math.max(1, Math.min(bitsPerComponent, 16)) * components(image.getDictionaryObject(COSName.COLORSPACE));
    }

    private static int components(COSBase colourSpace) {
        COSBase space = dereferenced(colourSpace);
        COSName family = space instanceof COSArray array && array.size() > 0 && array.getObject(0) instanceof COSName name
                ? name : space instanceof COSName name ? name : null;
        if (family == null) {
            return 4;
        }
        return switch (family.getName()) {
            case "DeviceGray", "G", "CalGray", "Indexed", "I", "Separation" -> 1;
            case "DeviceRGB", "RGB", "CalRGB", "Lab" -> 3;
            case "ICCBased" -> iccComponents((COSArray) space);
            case "DeviceN" -> space instanceof COSArray array && array.getObject(1) instanceof COSArray names
                    ? Math.max(1, names.size()) : 4;
            default -> 4; // CMYK, or a name of the page's colour space resources: assume the widest
        };
    }

    private static int iccComponents(COSArray space) {
        if (space.size() > 1 && space.getObject(1) instanceof COSStream profile) {
            int components = profile.getInt(COSName.N, 4);
            return components >= 1 && components <= 4 ? components : 4;
        }
        return 4;
    }

    private static COSBase dereferenced(COSBase object) {
        return object instanceof COSObject indirect ? indirect.getObject() : object;
    }

    /** ArrayDeque takes no null; a missing entry becomes COSNull, skipped when its turn comes. */
    private static COSBase orNull(COSBase object) {
        return object == null ? COSNull.NULL : object;
    }
}
