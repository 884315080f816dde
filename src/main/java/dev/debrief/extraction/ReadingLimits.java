package dev.debrief.extraction;

/**
 * The sizes a reading may hold, checked from what a file declares (an image header, a PDF page box) before
 * anything is decoded, rendered or scaled. A few KiB of PNG or PDF can declare gigabytes of pixels; the process
 * runs with a fixed heap and exits on the first OutOfMemoryError, so every allocation of a page image is
 * decided here first, and a file over a limit fails alone with FILE_TOO_COMPLEX.
 *
 * <p>Pure arithmetic; no I/O.
 *
 * @param maxPixels      pixels of any one page image: decoded, rendered or prepared for OCR
 * @param maxAspectRatio the longer side over the shorter one; a page is about 1.3, a long strip is a bomb shape
 *                       (few pixels wide, millions of rows) or an upscale waiting to happen
 * @param maxBytes       heap the page images of one reading may take together: a photo or scan as decoded, with its
 *                       grey copy and its copy for OCR; a PDF page as rendered, with the decoded samples of the
 *                       image it is drawing (PDFBox decodes the images of a page one at a time, as it draws them)
 */
record ReadingLimits(long maxPixels, double maxAspectRatio, long maxBytes) {

    /*
     * The heap a reading may take by default: a quarter of its thread's share. The rest is for what the images
     * do not count (PDFBox's parsed document, ImageIO's row buffers, the parser, requests in flight) and for
     * readers abandoned past their deadline, which keep theirs until they end.
     */
    static final int HEAP_SHARE_DIVISOR = 4;

    /** PDFBox draws a page that uses blend modes on ARGB first and copies it to grey: 4 + 1 bytes a pixel. */
    static final int BLENDED_PAGE_BYTES_PER_PIXEL = 5;

    ReadingLimits {
        if (maxPixels < 1 || maxBytes < 1 || !(maxAspectRatio >= 1)) {
            throw new IllegalArgumentException("Reading limits must be positive, and the aspect ratio at least 1");
        }
    }

    static ReadingLimits of(ExtractionConfig config, int threads) {
        long bytes = config.maxReadingMemory()
                .map(size -> size.asLongValue())
                .orElse(Runtime.getRuntime().maxMemory() / ((long) threads * HEAP_SHARE_DIVISOR));
        return new ReadingLimits(config.maxImagePixels(), config.maxAspectRatio(), bytes);
    }

    /**
     * How a photo or scan is decoded, and how large its OCR copy may be.
     *
     * @param subsampling       read every n-th pixel of every n-th row
     * @param maxPreparedPixels pixels the grey, upright copy (200 to about 300 dpi) may have at most
     */
    record ImagePlan(int subsampling, long maxPreparedPixels) {
    }

    /**
     * Plans the decoding of an image from its header: its size, the bits a pixel takes once decoded, whether it
     * decodes to grey already (no grey copy is made), and the quarter turns that make it upright.
     *
     * <p>An image too large for the memory is read at every second (third...) pixel when what remains is still at
     * least the OCR width: {@link PageImages#prepare} would have scaled it down to that width anyway, so nothing
     * is lost. The OCR copy is scaled to the target resolution if that fits, and as near it as fits otherwise.
     *
     * @throws ExtractionException FILE_TOO_COMPLEX when the image cannot be read within the limits at all
     */
    ImagePlan planImage(int width, int height, int bitsPerPixel, boolean decodesToGrey, int quarterTurns) {
        checkShape(width, height, "an image");
        boolean sideways = Math.floorMod(quarterTurns, 2) == 1;
        int uprightWidth = sideways ? height : width;
        // a page wider than twice the target is read at every n-th pixel anyway: still above the target
        int step = Math.max(1, uprightWidth / (2 * PageImages.TARGET_WIDTH));
        while (decodedBytes(width, height, step, bitsPerPixel, decodesToGrey) > maxBytes) {
            if (ceilDiv(uprightWidth, step + 1) < PageImages.TARGET_WIDTH) {
                throw tooComplex("an image of " + width + " x " + height + " pixels, " + bitsPerPixel
                        + " bits each, takes more memory than a reading may use");
            }
            step++;
        }
        long uprightDecodedWidth = ceilDiv(uprightWidth, step);
        long uprightDecodedHeight = ceilDiv(sideways ? width : height, step);
        long left = maxBytes - decodedBytes(width, height, step, bitsPerPixel, decodesToGrey);
        long maxPrepared = Math.min(maxPixels, left); // the OCR copy is grey: a byte a pixel
        // an upscale may be cut short, but a copy smaller than the decoded image would throw away what was read
        double scale = Math.min(1, PageImages.targetScale((int) uprightDecodedWidth));
        if (maxPrepared < (long) Math.ceil(uprightDecodedWidth * scale) * (long) Math.ceil(uprightDecodedHeight * scale)) {
            throw tooComplex("an image of " + width + " x " + height + " pixels cannot be prepared for text recognition "
                    + "within the memory a reading may use");
        }
        return new ImagePlan(step, maxPrepared);
    }

    /**
     * Checks a PDF page before it is rendered at {@code dpi}, sized as PDFBox sizes it (its crop box).
     *
     * @return the bytes the rendered page takes; what is left of {@link #maxBytes} is for the images it draws
     * @throws ExtractionException FILE_TOO_COMPLEX when the rendered page would be over a limit
     */
    long checkRenderedPage(float widthPoints, float heightPoints, float dpi, int bytesPerPixel) {
        if (!Float.isFinite(widthPoints) || !Float.isFinite(heightPoints)) {
            throw tooComplex("a page without a finite size");
        }
        double width = Math.max(Math.floor(widthPoints * (double) dpi / 72), 1);
        double height = Math.max(Math.floor(heightPoints * (double) dpi / 72), 1);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw tooComplex("a page of " + Math.round(widthPoints) + " x " + Math.round(heightPoints) + " points");
        }
        checkShape((int) width, (int) height, "a page at " + Math.round(dpi) + " dpi");
        double bytes = width * height * bytesPerPixel;
        if (bytes > maxBytes) {
            throw tooComplex("a page of " + (int) width + " x " + (int) height + " pixels at " + Math.round(dpi)
                    + " dpi takes more memory than a reading may use");
        }
        return (long) bytes;
    }

    /**
     * Checks an image a PDF page draws, from its dictionary: its pixels, and the bytes of its decoded samples,
     * which PDFBox holds whole while it draws the image onto the rendered page (its own copies of it are made at
     * about the resolution the page is rendered at, as subsampling is allowed). No aspect ratio: thin rules drawn
     * as images are common.
     *
     * @param bytesLeft what the rendered page leaves of {@link #maxBytes} ({@link #checkRenderedPage})
     * @throws ExtractionException FILE_TOO_COMPLEX when the image is over a limit
     */
    void checkEmbeddedImage(int width, int height, int bitsPerPixel, long bytesLeft) {
        if ((long) width * height > maxPixels) {
            throw tooComplex("an image in the PDF of " + width + " x " + height + " pixels, more than " + maxPixels);
        }
        if (rasterBytes(width, height, bitsPerPixel) > bytesLeft) {
            throw tooComplex("an image in the PDF of " + width + " x " + height + " pixels, " + bitsPerPixel
                    + " bits each, takes more memory than a reading has left beside its page");
        }
    }

    /** The pixel count and the aspect ratio, which hold for every page image whatever its bytes. */
    private void checkShape(int width, int height, String what) {
        if (width < 1 || height < 1) {
            throw tooComplex("an empty " + what);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw tooComplex(what + " of " + width + " x " + height + " pixels, more than " + maxPixels);
        }
        if ((double) Math.max(width, height) / Math.min(width, height) > maxAspectRatio) {
            throw tooComplex(what + " of " + width + " x " + height + " pixels, longer than " + maxAspectRatio
                    + " times its width");
        }
    }

    /** The decoded image at the given subsampling, and its grey copy when it does not decode to grey. */
    static long decodedBytes(int width, int height, int step, int bitsPerPixel, boolean decodesToGrey) {
        long decodedWidth = ceilDiv(width, step);
        long decodedHeight = ceilDiv(height, step);
        long grey = decodesToGrey ? 0 : decodedWidth * decodedHeight;
        return rasterBytes(decodedWidth, decodedHeight, bitsPerPixel) + grey;
    }

    /** Bytes of a raster; packed pixels (1, 2 or 4 bits) fill whole bytes at the end of each row. */
    static long rasterBytes(long width, long height, int bitsPerPixel) {
        return height * ((width * bitsPerPixel + 7) / 8);
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }

    static ExtractionException tooComplex(String detail) {
        return new ExtractionException(FailureType.FILE_TOO_COMPLEX,
                "The page or image is larger than the service reads (" + detail + ")");
    }
}
