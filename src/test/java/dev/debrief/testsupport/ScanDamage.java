package dev.debrief.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * What a phone or a cheap scanner does to a clean page: a slight rotation, uneven light, sensor noise, a
 * little blur and JPEG compression. Every amount comes from the given Random, so a seed gives the same
 * image every time.
 *
 * @param degrees   rotation, either way
 * @param noise     standard deviation of the grey-level noise (0-255 scale)
 * @param blur      weight of the neighbours in a 3x3 blur (0 = none)
 * @param shading   how much darker one corner is than the opposite one (0-255 scale)
 * @param quality   JPEG quality (0-1)
 */
public record ScanDamage(double degrees, double noise, float blur, int shading, float quality) {

    /** Damage as phones and scanners do it: 0.5-2 degrees, noise, some blur, JPEG at 55-85 %. */
    public static ScanDamage random(Random random) {
        double degrees = (0.5 + 1.5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        return new ScanDamage(degrees, 6 + 10 * random.nextDouble(), 0.3f + 0.4f * random.nextFloat(),
                20 + random.nextInt(40), 0.55f + 0.3f * random.nextFloat());
    }

    /** The damaged page as JPEG bytes. */
    public byte[] jpeg(BufferedImage clean, Random random) {
        return jpegBytes(apply(clean, random), quality);
    }

    /** The damaged page before compression. */
    public BufferedImage apply(BufferedImage clean, Random random) {
        BufferedImage image = rotate(clean, degrees);
        image = blur(image, blur);
        addShadingAndNoise(image, shading, noise, random);
        return image;
    }

    private static BufferedImage rotate(BufferedImage source, double degrees) {
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(source, AffineTransform.getRotateInstance(Math.toRadians(degrees),
                source.getWidth() / 2.0, source.getHeight() / 2.0), null);
        g.dispose();
        return out;
    }

    private static BufferedImage blur(BufferedImage source, float neighbours) {
        if (neighbours <= 0) {
            return source;
        }
        float side = neighbours / 8;
        float[] kernel = {side, side, side, side, 1 - neighbours, side, side, side, side};
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        new ConvolveOp(new Kernel(3, 3, kernel), ConvolveOp.EDGE_NO_OP, null).filter(source, out);
        return out;
    }

    /** A light gradient from one corner to the other, and Gaussian grain over everything. */
    private static void addShadingAndNoise(BufferedImage image, int shading, double noise, Random random) {
        WritableRaster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int[] row = new int[width];
        // Gaussian grain from a table: a Gaussian draw per pixel would take seconds per page
        int[] grain = new int[4096];
        for (int i = 0; i < grain.length; i++) {
            grain[i] = (int) Math.round(random.nextGaussian() * noise);
        }
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                double shade = shading * ((double) x / width + (double) y / height) / 2;
                int v = (int) Math.round(row[x] - shade + grain[random.nextInt(grain.length)]);
                row[x] = Math.max(0, Math.min(255, v));
            }
            raster.setSamples(0, y, width, 1, 0, row);
        }
    }

    static byte[] jpegBytes(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
