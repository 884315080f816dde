package dev.debrief.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Small files that declare huge pictures, written byte by byte so that making one never holds the picture it
 * describes: a PNG's rows are all zero, and their compressed form is one compressed block repeated.
 */
final class Bombs {

    /** PNG colour types (IHDR). */
    static final int GREY = 0;
    static final int RGBA = 6;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private Bombs() {
    }

    /** A PDF of one blank page of the given size in points: no text layer, so it goes to OCR. */
    static byte[] blankPdf(float widthPoints, float heightPoints) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage(new PDRectangle(widthPoints, heightPoints)));
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A letter page, without text, that draws one grey image of the given size, Flate-compressed zeros: the file
     * is small, the samples PDFBox would decode to draw it are width x height bytes.
     */
    static byte[] pdfWithImage(int width, int height) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            COSStream samples = document.getDocument().createCOSStream();
            try (OutputStream raw = samples.createRawOutputStream()) {
                raw.write(deflatedZeros((long) width * height)); // rows of 8-bit grey, no predictor
            }
            samples.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            samples.setItem(COSName.SUBTYPE, COSName.IMAGE);
            samples.setInt(COSName.WIDTH, width);
            samples.setInt(COSName.HEIGHT, height);
            samples.setInt(COSName.BITS_PER_COMPONENT, 8);
            samples.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
            PDImageXObject image = new PDImageXObject(new PDStream(samples), null);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG of all-zero rows (black, or transparent): IHDR, one IDAT, IEND. */
    static byte[] png(int width, int height, int bitDepth, int colourType) {
        return png(width, height, bitDepth, colourType, 0);
    }

    /**
     * The same, with a compressed text chunk (zTXt) before the pixels whose text is {@code textBytes} zeros: a
     * reader that reads metadata inflates it whole.
     */
    static byte[] png(int width, int height, int bitDepth, int colourType, long textBytes) {
        int channels = switch (colourType) {
            case GREY -> 1;
            case RGBA -> 4;
            default -> throw new IllegalArgumentException("colour type " + colourType);
        };
        long rowBytes = ((long) width * channels * bitDepth + 7) / 8;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PNG_SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeInt(header, width);
        writeInt(header, height);
        header.write(bitDepth);
        header.write(colourType);
        header.write(0); // deflate
        header.write(0); // adaptive filtering, every row filter 0 here
        header.write(0); // not interlaced
        chunk(png, "IHDR", header.toByteArray());
        if (textBytes > 0) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            text.writeBytes("Comment".getBytes(StandardCharsets.US_ASCII));
            text.write(0); // end of the keyword
            text.write(0); // zlib
            text.writeBytes(deflatedZeros(textBytes));
            chunk(png, "zTXt", text.toByteArray());
        }
        chunk(png, "IDAT", deflatedZeros((rowBytes + 1) * height));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * {@code count} zero bytes as a zlib stream, made without deflating them all: one MiB of zeros is compressed
     * once and ended with a full flush (byte-aligned, no reference to what came before), so the same compressed
     * block can be written again and again; the rest and a final block follow, then Adler-32 of n zeros, which is
     * (n mod 65521) << 16 | 1.
     */
    private static byte[] deflatedZeros(long count) {
        int blockSize = 1 << 20;
        byte[] block = rawDeflate(blockSize, Deflater.FULL_FLUSH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0xDA);
        for (long i = 0; i < count / blockSize; i++) {
            out.writeBytes(block);
        }
        out.writeBytes(rawDeflate((int) (count % blockSize), -1));
        writeInt(out, (int) ((count % 65521) << 16 | 1));
        return out.toByteArray();
    }

    /** Raw deflate of {@code n} zeros; flush -1 finishes the stream (its last block is the final one). */
    private static byte[] rawDeflate(int n, int flush) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(new byte[n]);
            if (flush < 0) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int written = flush < 0 ? deflater.deflate(buffer) : deflater.deflate(buffer, 0, buffer.length, flush);
                out.write(buffer, 0, written);
                if (flush < 0 ? deflater.finished() : written < buffer.length && deflater.needsInput()) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(png, data.length);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
