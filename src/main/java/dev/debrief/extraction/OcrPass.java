package dev.debrief.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How one recognition pass reads its image: Tesseract's page segmentation mode, resolution and variables. */
record OcrPass(int pageSegmentation, int dpi, Map<String, String> variables) {

    /** The same pass on an image of another resolution. */
    OcrPass at(int otherDpi) {
        return otherDpi == dpi ? this : new OcrPass(pageSegmentation, otherDpi, variables);
    }

    /** The same pass as arguments of the tesseract executable (after input, output and language). */
    List<String> cliOptions() {
        List<String> options = new ArrayList<>();
        options.add("--psm");
        options.add(String.valueOf(pageSegmentation));
        options.add("--dpi");
        options.add(String.valueOf(dpi));
        variables.forEach((name, value) -> {
            options.add("-c");
            options.add(name + "=" + value);
        });
        return options;
    }
}
