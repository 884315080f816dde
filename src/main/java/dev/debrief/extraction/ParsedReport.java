package dev.debrief.extraction;

import java.time.LocalDate;
import java.util.List;

/**
 * What the parser read from one AKTR. Any field it could not find is null; {@code codes} is never
 * null and holds each code once, in the order first printed.
 *
 * @param exam      the full exam title as printed, e.g. {@code Private Pilot Airplane (PAR)}
 * @param examName  the title without its code, e.g. {@code Private Pilot Airplane}
 * @param grade     {@code "Pass"}, {@code "Fail"} or null
 * @param repairs   how many code occurrences were accepted only after an OCR repair (0 for PDF text)
 */
public record ParsedReport(
        String name,
        String ftn,
        String examId,
        String exam,
        String examCode,
        String examName,
        LocalDate examDate,
        String examSite,
        Integer score,
        String grade,
        Integer take,
        LocalDate expirationDate,
        List<AcsCode> codes,
        double confidence,
        TextOrigin origin,
        int repairs) {

    public ParsedReport {
        codes = codes == null ? List.of() : List.copyOf(codes);
    }
}
