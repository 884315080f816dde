package dev.debrief.summary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds reports for the tests, with a small hand-written slice of the ACS catalog. */
final class TestReports {

    static final String PREFLIGHT = "I. Preflight Preparation";
    static final String AIRPORT_OPS = "III. Airport and Seaplane Base Operations";
    static final String ATC = "III. Air Traffic Control (ATC) Clearances and Procedures";
    static final String NAVIGATION = "VI. Navigation";
    static final String EMERGENCY = "IX. Emergency Operations";

    static final String PILOT_QUALIFICATIONS = "A. Pilot Qualifications";
    static final String AIRWORTHINESS = "B. Airworthiness Requirements";
    static final String WEATHER = "C. Weather Information";

    private static final Map<String, CodeFacts> CATALOG = Map.ofEntries(
            known("PA.I.A.K1", PREFLIGHT, PILOT_QUALIFICATIONS, "Certificates, recent experience, logbooks."),
            known("PA.I.B.K1", PREFLIGHT, AIRWORTHINESS, "Airworthiness in general."),
            known("PA.I.B.K2", PREFLIGHT, AIRWORTHINESS, "Maintenance a pilot may do."),
            known("PA.I.C.K1", PREFLIGHT, WEATHER, "Where weather data comes from."),
            known("PA.I.D.K1", PREFLIGHT, "D. Cross-Country Flight Planning", "Planning a route."),
            known("PA.III.B.K1", AIRPORT_OPS, "B. Traffic Patterns", "Towered and non-towered fields."),
            known("PA.VI.A.K1", NAVIGATION, "A. Pilotage and Dead Reckoning", "Finding the way by map and clock."),
            known("PA.VI.B.K1", NAVIGATION, "B. Navigation Systems and Radar Services", "Ground-based aids."),
            known("PA.IX.C.K1", EMERGENCY, "C. Systems and Equipment Malfunctions", "Losing power."),
            known("IR.I.B.K1", PREFLIGHT, "B. Weather Information", "Weather sources for IFR."),
            known("IR.III.A.K1", ATC, "A. Compliance with Air Traffic Control Clearances", "Clearances."));

    private TestReports() {
    }

    private static Map.Entry<String, CodeFacts> known(String code, String area, String task, String description) {
        return Map.entry(code, new CodeFacts(code, area, task, description));
    }

    /** The catalog entry, or what the parser reports for a code the catalog lacks: numeral, letter, no text. */
    static CodeFacts code(String code) {
        CodeFacts known = CATALOG.get(code);
        if (known != null) {
            return known;
        }
        String[] parts = code.split("\\.");
        return new CodeFacts(code, parts[1], parts[2], null);
    }

    static UUID id(int number) {
        return new UUID(0L, number);
    }

    static ReportBuilder report(int number) {
        return new ReportBuilder(number);
    }

    /** Reports numbered from 1 whose only content is their codes; handy when only counting matters. */
    static List<ReportFacts> reportsWithCodes(List<List<String>> codesPerReport) {
        List<ReportFacts> reports = new ArrayList<>();
        for (int i = 0; i < codesPerReport.size(); i++) {
            reports.add(report(i + 1).codes(codesPerReport.get(i).toArray(String[]::new)).build());
        }
        return reports;
    }

    static final class ReportBuilder {
        private final int number;
        private String name;
        private String ftn;
        private String examCode = "PAR";
        private LocalDate examDate;
        private Integer score;
        private String grade;
        private Integer take = 1;
        private List<CodeFacts> codes = List.of();

        private ReportBuilder(int number) {
            this.number = number;
            // Distinct default names keep unrelated reports from being taken for one person.
            this.name = "STUDENT" + number + ", PILOT";
        }

        ReportBuilder name(String name) {
            this.name = name;
            return this;
        }

        ReportBuilder ftn(String ftn) {
            this.ftn = ftn;
            return this;
        }

        ReportBuilder exam(String examCode) {
            this.examCode = examCode;
            return this;
        }

        ReportBuilder date(String isoDate) {
            this.examDate = isoDate == null ? null : LocalDate.parse(isoDate);
            return this;
        }

        ReportBuilder score(Integer score) {
            this.score = score;
            return this;
        }

        ReportBuilder grade(String grade) {
            this.grade = grade;
            return this;
        }

        ReportBuilder take(Integer take) {
            this.take = take;
            return this;
        }

        ReportBuilder codes(String... codes) {
            this.codes = Arrays.stream(codes).map(TestReports::code).toList();
            return this;
        }

        ReportBuilder codeFacts(CodeFacts... codes) {
            this.codes = List.of(codes);
            return this;
        }

        ReportFacts build() {
            return new ReportFacts(id(number), name, ftn, examCode, examDate, score, grade, take, codes);
        }
    }
}
