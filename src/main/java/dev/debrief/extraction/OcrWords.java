package dev.debrief.extraction;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of Tesseract's TSV output with their boxes, and the page text rebuilt from them: one line per
 * recognised line, a blank line between blocks. Pure.
 */
final class OcrWords {

    /** One recognised word: its box on the page and its text; {@code line} numbers the lines from 0. */
    record Word(int line, int left, int top, int width, int height, String text) {
    }

    private final List<Word> words;
    private final List<Boolean> blockStarts;

    private OcrWords(List<Word> words, List<Boolean> blockStarts) {
        this.words = words;
        this.blockStarts = blockStarts;
    }

    List<Word> words() {
        return words;
    }

    /*
     * Columns: level page_num block_num par_num line_num word_num left top width height conf text.
     * Level 5 rows are words; a change of (block, par, line) starts a new line.
     */
    static OcrWords parse(String tsv) {
        List<Word> words = new ArrayList<>();
        List<Boolean> blockStarts = new ArrayList<>();
        String lastLine = null;
        String lastBlock = null;
        int line = -1;
        for (String row : tsv.split("\n")) {
            String[] cells = row.split("\t", -1);
            if (cells.length < 12 || !cells[0].equals("5")) {
                continue;
            }
            String text = cells[11].strip();
            if (text.isEmpty()) {
                continue;
            }
            String block = cells[1] + "/" + cells[2] + "/" + cells[3];
            String lineKey = block + "/" + cells[4];
            if (!lineKey.equals(lastLine)) {
                line++;
                blockStarts.add(lastBlock != null && !block.equals(lastBlock));
                lastLine = lineKey;
                lastBlock = block;
            }
            try {
                words.add(new Word(line, Integer.parseInt(cells[6]), Integer.parseInt(cells[7]),
                        Integer.parseInt(cells[8]), Integer.parseInt(cells[9]), text));
            } catch (NumberFormatException e) {
                // a malformed row: the word is lost, the page is not
            }
        }
        return new OcrWords(words, blockStarts);
    }

    /** The page text, with the words at the given indexes replaced by the given texts. */
    String text(java.util.Map<Integer, String> replaced) {
        StringBuilder out = new StringBuilder(4096);
        int line = -1;
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            if (word.line() != line) {
                if (line >= 0) {
                    out.append('\n');
                }
                if (blockStarts.get(word.line())) {
                    out.append('\n');
                }
                line = word.line();
            } else {
                out.append(' ');
            }
            out.append(replaced.getOrDefault(i, word.text()));
        }
        return out.append('\n').toString();
    }
}
