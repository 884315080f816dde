package dev.debrief.extraction;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.SampleModel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a photo or scan of a page into what Tesseract reads best: grey, upright, at 200 to about 300 dpi. Pure
 * Java2D; no state.
 */
final class PageImages {

    /** Tesseract's LSTM reads body text best with capitals some 30 px high: 10 pt print at 300 dpi. */
    static final int TARGET_DPI = 300;

    /** An AKTR is printed on US Letter: 8.5 in wide, so a photo's width tells its resolution. */
    static final double PAGE_WIDTH_INCHES = 8.5;

    static final int TARGET_WIDTH = (int) Math.round(TARGET_DPI * PAGE_WIDTH_INCHES);

    /*
     * Within this ratio of the target a page is left at its size: resampling costs time and softens the
     * strokes for no gain in recognition.
     */
    private static final double KEEP_SCALE_WITHIN = 0.15;

    private PageImages() {
    }

    /** A decoded photo or scan, and the pixels its OCR copy may have (see {@link ReadingLimits#planImage}). */
    record Decoded(BufferedImage image, long maxPreparedPixels) {
    }

    /**
     * Decodes a JPEG or PNG once its header has been checked against the limits: the size and the bits a pixel
     * takes come from the reader, which has read no pixel yet, so a decompression bomb of a few KiB fails before
     * it takes any memory.
     *
     * @param quarterTurns the turns that will make it upright, which decide what its width is
     * @throws ExtractionException OCR_FAILED when the image cannot be decoded; FILE_TOO_COMPLEX over a limit
     */
    static Decoded decode(Path file, ReadingLimits limits, int quarterTurns) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw undecodable(null);
            }
            ImageReader reader = readers.next();
            try {
                // metadata ignored: PNG text chunks are inflated whole, and are a bomb of their own
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                ImageTypeSpecifier type = decodedType(reader);
                ReadingLimits.ImagePlan plan = limits.planImage(width, height, bitsPerPixel(type.getSampleModel()),
                        type.getBufferedImageType() == BufferedImage.TYPE_BYTE_GRAY, quarterTurns);
                ImageReadParam param = reader.getDefaultReadParam();
                // the type measured is the type allocated, whatever the reader would have chosen
                param.setDestinationType(type);
                if (plan.subsampling() > 1) {
                    param.setSourceSubsampling(plan.subsampling(), plan.subsampling(), 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw undecodable(null);
                }
                return new Decoded(image, plan.maxPreparedPixels());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ExtractionException extraction) {
                throw extraction;
            }
            throw undecodable(e);
        }
    }

    /** What {@code read} allocates by default: the first of the reader's image types. */
    private static ImageTypeSpecifier decodedType(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        ImageTypeSpecifier type = types != null && types.hasNext() ? types.next() : reader.getRawImageType(0);
        if (type == null) {
            throw undecodable(null);
        }
        return type;
    }

    /** Bits one pixel takes in a raster of this layout (a row of packed pixels is rounded up elsewhere). */
    static int bitsPerPixel(SampleModel layout) {
        if (layout instanceof MultiPixelPackedSampleModel packed) {
            return packed.getPixelBitStride();
        }
        // one element a pixel (packed ints), or one a band (interleaved or banded samples)
        return layout.getNumDataElements() * DataBuffer.getDataTypeSize(layout.getDataType());
    }

    /*
     * A page from this resolution up to the target is read at its own: the recogniser scales every line to the
     * same height anyway, so a phone photo of 200-290 dpi made 300 dpi only gave the layout analysis up to twice
     * the pixels. Measured over bench/ocr's 30 photos: a page read in 9 % less time (and no resampling); over
     * OcrAccuracyTest's damaged photos, names 19/20 against 17/20, takes 19/20 against 20/20, sites 17/20 against
     * 19/20 (20/20 once the parser put their capitals back), codes 215/217 both. Below it a page is made 300 dpi.
     */
    static final int MIN_KEPT_DPI = 200;

    /**
     * The scale that makes a page of this upright width {@link #TARGET_WIDTH} wide; 1 when it is near enough
     * (within {@link #KEEP_SCALE_WITHIN}) or between {@link #MIN_KEPT_DPI} and the target.
     */
    static double targetScale(int uprightWidth) {
        double scale = (double) TARGET_WIDTH / uprightWidth;
        if (scale >= 1 && uprightWidth >= MIN_KEPT_DPI * PAGE_WIDTH_INCHES) {
            return 1;
        }
        return Math.abs(scale - 1) <= KEEP_SCALE_WITHIN ? 1 : scale;
    }

    /** The resolution of a prepared photo or scan of an AKTR, told by its width (US Letter). */
    static int dpiOf(BufferedImage page) {
        return (int) Math.round(page.getWidth() / PAGE_WIDTH_INCHES);
    }

    /**
     * The page in grey at about {@link #TARGET_DPI}, turned by the given number of quarter turns clockwise
     * (a phone's EXIF orientation), with no more than {@code maxPixels}: a page that would be larger at the
     * target resolution is scaled less.
     */
    static BufferedImage prepare(BufferedImage source, int quarterTurns, long maxPixels) {
        int turns = Math.floorMod(quarterTurns, 4);
        int uprightWidth = turns % 2 == 0 ? source.getWidth() : source.getHeight();
        int uprightHeight = turns % 2 == 0 ? source.getHeight() : source.getWidth();
        double scale = targetScale(uprightWidth);
        boolean capped = (double) uprightWidth * uprightHeight * scale * scale > maxPixels;
        if (capped) {
            scale = Math.sqrt((double) maxPixels / ((double) uprightWidth * uprightHeight));
        }
        if (scale == 1 && turns == 0 && source.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return source;
        }
        // capped: rounded down, so that the copy stays within the pixels it was given
        int width = Math.max(1, (int) (capped ? Math.floor(uprightWidth * scale) : Math.round(uprightWidth * scale)));
        int height = Math.max(1, (int) (capped ? Math.floor(uprightHeight * scale) : Math.round(uprightHeight * scale)));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        AffineTransform transform = new AffineTransform();
        transform.scale(scale, scale);
        switch (turns) {
            case 1 -> {
                transform.translate(source.getHeight(), 0);
                transform.quadrantRotate(1);
            }
            case 2 -> {
                transform.translate(source.getWidth(), source.getHeight());
                transform.quadrantRotate(2);
            }
            case 3 -> {
                transform.translate(0, source.getWidth());
                transform.quadrantRotate(3);
            }
            default -> {
            }
        }
        // grey first, then one bilinear resampling: on a grey raster AffineTransformOp takes Java2D's fast
        // native loops, where Graphics2D's bicubic took half a second a page (and read no better)
        new AffineTransformOp(transform, AffineTransformOp.TYPE_BILINEAR).filter(grey(source), out);
        return out;
    }

    private static BufferedImage grey(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return source;
        }
        BufferedImage grey = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    /**
     * Writes a grey image as binary PGM: no compression to spend time on, and Leptonica (Tesseract's image
     * library) reads it directly.
     */
    /** The grey samples of an image, row after row, one byte each: what Tesseract reads from memory. */
    static byte[] greyBytes(BufferedImage gray) {
        byte[] own = ownGreyBytes(gray);
        if (own != null) {
            return own; // read, never written: no copy needed
        }
        int width = gray.getWidth();
        int height = gray.getHeight();
        byte[] out = new byte[width * height];
        int[] samples = new int[width];
        for (int y = 0; y < height; y++) {
            gray.getRaster().getSamples(0, y, width, 1, 0, samples);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = (byte) samples[x];
            }
        }
        return out;
    }

    /** The image's own grey samples, row after row with no padding, when that is how it holds them; else null. */
    static byte[] ownGreyBytes(BufferedImage gray) {
        if (gray.getType() == BufferedImage.TYPE_BYTE_GRAY
                && gray.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && gray.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel model
                && model.getScanlineStride() == gray.getWidth() && model.getPixelStride() == 1
                && gray.getRaster().getSampleModelTranslateX() == 0 && gray.getRaster().getSampleModelTranslateY() == 0
                && buffer.getOffset() == 0 && buffer.getData().length == gray.getWidth() * gray.getHeight()) {
            return buffer.getData();
        }
        return null;
    }

    static void writePgm(BufferedImage gray, Path file) throws IOException {
        int width = gray.getWidth();
        int height = gray.getHeight();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            int[] samples = new int[width];
            byte[] row = new byte[width];
            for (int y = 0; y < height; y++) {
                gray.getRaster().getSamples(0, y, width, 1, 0, samples);
                for (int x = 0; x < width; x++) {
                    row[x] = (byte) samples[x];
                }
                out.write(row);
            }
        }
    }

    /** The grey level that best splits ink from paper (Otsu); levels below it are ink. */
    static int otsu(long[] histogram) {
        long total = 0;
        double sum = 0;
        for (int i = 0; i < 256; i++) {
            total += histogram[i];
            sum += (double) i * histogram[i];
        }
        double sumBackground = 0;
        long weightBackground = 0;
        double best = -1;
        int threshold = 128;
        for (int t = 0; t < 256; t++) {
            weightBackground += histogram[t];
            if (weightBackground == 0) {
                continue;
            }
            long weightForeground = total - weightBackground;
            if (weightForeground == 0) {
                break;
            }
            sumBackground += (double) t * histogram[t];
            double meanBackground = sumBackground / weightBackground;
            double meanForeground = (sum - sumBackground) / weightForeground;
            double between = (double) weightBackground * weightForeground
                    * (meanBackground - meanForeground) * (meanBackground - meanForeground);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        return threshold + 1;
    }

    private static ExtractionException undecodable(Throwable cause) {
        return new ExtractionException(FailureType.OCR_FAILED, "The image could not be decoded", cause);
    }
}
