package dev.debrief.extraction;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Re-sets words of a page with a clear gap between every two glyphs, one word per line, black on white.
 *
 * <p>Why: in an ACS code the recogniser sees "I." as an L and "II" as a U, N or A, because a sans-serif I
 * stands a hair from its neighbours ("PA.III.A.K1" came back as "PA.MLA.K1"). No option of Tesseract's fast
 * English model fixes that, and no repair can guess how many I's an M was. Taken apart glyph by glyph
 * (connected components) and set again with air between them, the same code is read right. Pure Java2D.
 */
final class GlyphSpacing {

    private GlyphSpacing() {
    }

    /**
     * The area numeral of a code from the shapes of its glyphs: a narrow upright stroke is an I; of the
     * wide ones, a V meets in one point at the bottom and an X stands on two feet. Null when a glyph is
     * none of these.
     */
    static String romanNumeral(List<Integer> glyphs, List<int[]> boxes, List<int[]> pixels, int cropWidth) {
        StringBuilder numeral = new StringBuilder(glyphs.size());
        for (int i : glyphs) {
            int[] box = boxes.get(i);
            int bw = box[1] - box[0] + 1;
            int bh = box[3] - box[2] + 1;
            if (narrow(box)) {
                numeral.append('I');
                continue;
            }
            // ink runs along a row near the bottom and near the top
            boolean[][] rows = new boolean[2][bw];
            int bottomRow = box[3] - Math.max(1, bh / 8);
            int topRow = box[2] + Math.max(1, bh / 8);
            for (int p : pixels.get(i)) {
                int px = p % cropWidth;
                int py = p / cropWidth;
                if (py == bottomRow) {
                    rows[0][px - box[0]] = true;
                } else if (py == topRow) {
                    rows[1][px - box[0]] = true;
                }
            }
            int bottomRuns = runs(rows[0]);
            int topRuns = runs(rows[1]);
            if (topRuns == 2 && bottomRuns == 1) {
                numeral.append('V');
            } else if (topRuns == 2 && bottomRuns == 2) {
                numeral.append('X');
            } else {
                return null;
            }
        }
        return numeral.toString();
    }

    /** An upright stroke: an I (or a 1, an l), as against every other capital. */
    private static boolean narrow(int[] box) {
        return (box[1] - box[0] + 1) * 100 <= (box[3] - box[2] + 1) * 40;
    }

    private static int runs(boolean[] row) {
        int runs = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] && (i == 0 || !row[i - 1])) {
                runs++;
            }
        }
        return runs;
    }

    /** A word's box on the page. */
    record Box(int left, int top, int width, int height) {
    }

    /**
     * The words set again, one per line in the given order, and for each what its glyphs' shapes tell. Where a
     * word splits at its dots into the four parts of an ACS code, its line holds three words (prefix, task,
     * element) and its {@link Shape} is given; otherwise the line holds the whole word without gaps at the dots
     * and its shape is null.
     */
    record Respaced(BufferedImage image, List<Shape> shapes) {
    }

    /**
     * What the glyphs' shapes tell of an ACS code: its area numeral, whether the task letter is a bare
     * stroke (an I), and for each glyph of the element (letter, digits, sub-letter) whether it is short
     * (a lowercase letter without ascender).
     */
    record Shape(String area, boolean taskIsI, boolean[] elementSmall) {
    }

    static Respaced respace(BufferedImage page, List<Box> words) {
        List<Line> lines = new ArrayList<>(words.size());
        int width = 0;
        int height = 0;
        for (Box word : words) {
            Line line = line(page, word);
            lines.add(line);
            width = Math.max(width, line.width());
            height += line.height() + line.gap() * 2;
        }
        int margin = 40;
        BufferedImage out = new BufferedImage(width + 2 * margin, height + 2 * margin, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = out.getRaster();
        int[] white = new int[out.getWidth()];
        Arrays.fill(white, 255);
        for (int y = 0; y < out.getHeight(); y++) {
            raster.setSamples(0, y, out.getWidth(), 1, 0, white);
        }
        int y = margin;
        for (Line line : lines) {
            y += line.gap();
            for (Glyph glyph : line.glyphs()) {
                for (int p : glyph.pixels()) {
                    raster.setSample(margin + glyph.x() + p % glyph.cropWidth() - glyph.left(), y + p / glyph.cropWidth(), 0, 0);
                }
            }
            y += line.height() + line.gap();
        }
        return new Respaced(out, lines.stream().map(Line::area).toList());
    }

    /** A glyph: its pixels as offsets in the word's crop, and where it goes on its new line. */
    private record Glyph(int left, int cropWidth, int[] pixels, int x) {
    }

    private record Line(List<Glyph> glyphs, int width, int height, int gap, Shape area) {
    }

    private static Line line(BufferedImage page, Box word) {
        int margin = Math.max(2, word.height() / 5);
        int x0 = Math.max(0, word.left() - margin);
        int y0 = Math.max(0, word.top() - margin);
        int x1 = Math.min(page.getWidth(), word.left() + word.width() + margin);
        int y1 = Math.min(page.getHeight(), word.top() + word.height() + margin);
        int w = x1 - x0;
        int h = y1 - y0;
        if (w <= 0 || h <= 0) {
            return new Line(List.of(), 0, 0, 0, null);
        }
        int[] grey = new int[w * h];
        page.getRaster().getSamples(x0, y0, w, h, 0, grey);
        long[] histogram = new long[256];
        for (int v : grey) {
            histogram[v]++;
        }
        int threshold = PageImages.otsu(histogram);
        byte[] ink = new byte[w * h];
        for (int i = 0; i < ink.length; i++) {
            ink[i] = (byte) (grey[i] < threshold ? 1 : 0);
        }

        // connected components; specks of noise are left out, as are pieces of neighbouring words
        int minArea = Math.max(3, word.height() * word.height() / 300);
        List<int[]> boxes = new ArrayList<>(); // left, right, top, bottom
        List<int[]> pixelLists = new ArrayList<>();
        int[] stack = new int[256];
        int[] pixels = new int[256];
        for (int start = 0; start < ink.length; start++) {
            if (ink[start] != 1) {
                continue;
            }
            int sp = 0;
            int count = 0;
            stack[sp++] = start;
            ink[start] = 2;
            int left = w;
            int right = -1;
            int top = h;
            int bottom = -1;
            while (sp > 0) {
                int p = stack[--sp];
                if (count == pixels.length) {
                    pixels = Arrays.copyOf(pixels, count * 2);
                }
                pixels[count++] = p;
                int px = p % w;
                int py = p / w;
                left = Math.min(left, px);
                right = Math.max(right, px);
                top = Math.min(top, py);
                bottom = Math.max(bottom, py);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= w) {
                            continue;
                        }
                        int q = ny * w + nx;
                        if (ink[q] == 1) {
                            ink[q] = 2;
                            if (sp == stack.length) {
                                stack = Arrays.copyOf(stack, sp * 2);
                            }
                            stack[sp++] = q;
                        }
                    }
                }
            }
            int centreX = x0 + (left + right) / 2;
            int centreY = y0 + (top + bottom) / 2;
            boolean inWord = centreX >= word.left() && centreX < word.left() + word.width()
                    && centreY >= word.top() && centreY < word.top() + word.height();
            if (count >= minArea && inWord) {
                boxes.add(new int[] {left, right, top, bottom});
                pixelLists.add(Arrays.copyOf(pixels, count));
            }
        }

        // pieces of one glyph (the dot of an i, a stroke broken by noise) stand one above the other: merge them
        Integer[] order = new Integer[boxes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> boxes.get(i)[0]));
        List<int[]> mergedBoxes = new ArrayList<>();
        List<int[]> mergedPixels = new ArrayList<>();
        for (int i : order) {
            int[] box = boxes.get(i);
            if (!mergedBoxes.isEmpty()) {
                int[] last = mergedBoxes.get(mergedBoxes.size() - 1);
                int overlap = Math.min(last[1], box[1]) - Math.max(last[0], box[0]) + 1;
                int narrower = Math.min(last[1] - last[0], box[1] - box[0]) + 1;
                if (overlap * 2 >= narrower) {
                    last[0] = Math.min(last[0], box[0]);
                    last[1] = Math.max(last[1], box[1]);
                    int[] previous = mergedPixels.get(mergedPixels.size() - 1);
                    int[] joined = Arrays.copyOf(previous, previous.length + pixelLists.get(i).length);
                    System.arraycopy(pixelLists.get(i), 0, joined, previous.length, pixelLists.get(i).length);
                    mergedPixels.set(mergedPixels.size() - 1, joined);
                    continue;
                }
            }
            mergedBoxes.add(box.clone());
            mergedPixels.add(pixelLists.get(i));
        }

        // full stops: small blobs standing on the baseline of the taller glyphs around them
        int[] heights = mergedBoxes.stream().mapToInt(b -> b[3] - b[2] + 1).sorted().toArray();
        int[] bottoms = mergedBoxes.stream().mapToInt(b -> b[3]).sorted().toArray();
        int glyphHeight = heights.length == 0 ? 0 : heights[heights.length * 3 / 4];
        int baseline = bottoms.length == 0 ? 0 : bottoms[bottoms.length / 2];
        List<List<Integer>> segments = new ArrayList<>();
        segments.add(new ArrayList<>());
        for (int i = 0; i < mergedBoxes.size(); i++) {
            int[] box = mergedBoxes.get(i);
            int bh = box[3] - box[2] + 1;
            int bw = box[1] - box[0] + 1;
            boolean dot = bh * 10 <= glyphHeight * 3 && bw * 10 <= glyphHeight * 4
                    && Math.abs(box[3] - baseline) * 5 <= glyphHeight;
            if (dot) {
                segments.add(new ArrayList<>());
            } else {
                segments.get(segments.size() - 1).add(i);
            }
        }
        Shape shape = null;
        if (segments.size() == 4 && segments.stream().noneMatch(List::isEmpty)) {
            String area = romanNumeral(segments.get(1), mergedBoxes, mergedPixels, w);
            if (area != null) {
                List<Integer> task = segments.get(2);
                boolean taskIsI = task.size() == 1 && narrow(mergedBoxes.get(task.get(0)));
                List<Integer> element = segments.get(3);
                int capHeight = 0;
                for (List<Integer> segment : segments) {
                    for (int i : segment) {
                        capHeight = Math.max(capHeight, mergedBoxes.get(i)[3] - mergedBoxes.get(i)[2] + 1);
                    }
                }
                boolean[] small = new boolean[element.size()];
                for (int k = 0; k < small.length; k++) {
                    int[] box = mergedBoxes.get(element.get(k));
                    small[k] = (box[3] - box[2] + 1) * 100 <= capHeight * 82;
                }
                shape = new Shape(area, taskIsI, small);
            }
        }

        // within a part, glyphs a third of the word's height apart: plainly apart, yet not a word space;
        // between parts (where the dots were) a word space
        int gap = Math.max(4, word.height() / 3);
        int partGap = Math.max(12, word.height() * 3 / 2);
        List<Glyph> glyphs = new ArrayList<>(mergedBoxes.size());
        int x = 0;
        if (shape != null) {
            for (int part = 0; part < 4; part++) {
                if (part == 1) {
                    continue; // read from its shapes
                }
                for (int i : segments.get(part)) {
                    int[] box = mergedBoxes.get(i);
                    glyphs.add(new Glyph(box[0], w, mergedPixels.get(i), x));
                    x += box[1] - box[0] + 1 + gap;
                }
                x += partGap - gap;
            }
        } else {
            for (int i = 0; i < mergedBoxes.size(); i++) {
                int[] box = mergedBoxes.get(i);
                glyphs.add(new Glyph(box[0], w, mergedPixels.get(i), x));
                x += box[1] - box[0] + 1 + gap;
            }
        }
        return new Line(glyphs, Math.max(0, x - gap), h, Math.max(4, word.height() / 2), shape);
    }
}
