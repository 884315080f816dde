package dev.debrief.testsupport;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The truth of one Airman Knowledge Test Report: what a document made from it prints, and what a
 * parser must read back. {@code codes} are distinct and in printed order.
 */
public record AktrSample(
        String name,
        String ftn,
        String examId,
        String examTitle,
        String examCode,
        LocalDate examDate,
        String examSite,
        int score,
        String grade,
        int take,
        LocalDate expirationDate,
        List<String> codes) {

    /** Real catalog codes per exam code, mostly knowledge and risk-management elements as tested. */
    public static final Map<String, List<String>> DEFAULT_CODES = Map.of(
            "PAR", List.of("PA.I.A.K1", "PA.I.A.K3", "PA.I.B.K1a", "PA.I.C.K3a", "PA.I.C.K3h", "PA.I.D.K5",
                    "PA.I.D.R6", "PA.I.G.K1c", "PA.I.H.K4", "PA.II.A.K3", "PA.II.D.K6a", "PA.II.F.R4",
                    "PA.IV.A.R2e", "PA.IV.C.K6", "PA.IV.D.R6", "PA.IV.F.R3b", "PA.IV.H.R2d", "PA.IV.J.R7",
                    "PA.IV.N.K3", "PA.V.B.R4", "PA.VI.C.K2", "PA.VII.B.R7", "PA.VIII.A.R2", "PA.VIII.F.K1",
                    "PA.IX.C.K2", "PA.IX.E.R2", "PA.X.A.R1", "PA.XI.A.K5", "PA.XII.B.R4", "PA.II.A.S1"),
            "CAX", List.of("CA.I.A.K1", "CA.I.A.K3", "CA.I.B.K1a", "CA.I.C.K3b", "CA.I.C.K3i", "CA.I.D.K6",
                    "CA.I.D.R7", "CA.I.G.K1e", "CA.I.H.R2", "CA.I.I.R3", "CA.II.A.K3b", "CA.II.D.K6d",
                    "CA.III.A.K3", "CA.IV.A.R3b", "CA.IV.C.R2a", "CA.IV.E.K3", "CA.IV.F.R6", "CA.IV.K.K3",
                    "CA.IV.N.R4", "CA.V.C.K2", "CA.V.E.K5", "CA.VI.B.R1", "CA.VII.D.R6", "CA.VIII.B.K2c",
                    "CA.IX.C.K2a", "CA.IX.E.R3", "CA.X.A.R2", "CA.XI.B.K1", "CA.XI.B.K5", "CA.IV.E.S15"),
            "IRA", List.of("IR.I.A.K1", "IR.I.A.K3", "IR.I.B.K2", "IR.I.B.K2a", "IR.I.B.K3h", "IR.I.B.R1a",
                    "IR.I.B.R1b", "IR.I.C.K1b", "IR.I.C.R3", "IR.I.C.R7", "IR.II.A.R1", "IR.II.A.R2",
                    "IR.II.B.K2a", "IR.II.C.K1", "IR.III.A.R1", "IR.III.B.R4", "IR.IV.B.K2", "IR.IV.B.R7",
                    "IR.V.A.R2", "IR.V.B.K1", "IR.VI.A.K4", "IR.VI.B.K1", "IR.VI.C.K1", "IR.VI.C.R5",
                    "IR.VI.D.R7", "IR.VII.A.K1", "IR.VII.B.R5", "IR.VII.C.R2", "IR.VII.D.K1", "IR.VIII.A.K1"));

    /** Learning statement codes of the reports printed before the ACS (exams before mid-2016). */
    public static final List<String> LEGACY_CODES = List.of("PLT002", "PLT012", "PLT018", "PLT064", "PLT118",
            "PLT163", "PLT173", "PLT194", "PLT271", "PLT330", "PLT380", "PLT493");

    private record Exam(String code, String title, String prefix, int questions) {
    }

    private static final List<Exam> EXAMS = List.of(
            new Exam("PAR", "Private Pilot Airplane", "PA.", 60),
            new Exam("CAX", "Commercial Pilot Airplane", "CA.", 100),
            new Exam("IRA", "Instrument Rating Airplane", "IR.", 60));

    // Names and sites are plain ASCII (what the Standard 14 fonts can print) and avoid label words.
    private static final List<String> LAST_NAMES = List.of("SMITH", "JOHNSON", "WILLIAMS", "BROWN", "GARCIA",
            "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "WILSON", "ANDERSON", "THOMAS",
            "MOORE", "JACKSON", "MARTIN", "LEE", "THOMPSON", "WHITE", "HARRIS", "CLARK", "O'BRIEN",
            "NGUYEN", "SMITH-JONES", "MCALLISTER", "DE LA CRUZ", "VAN DYKE", "KOWALSKI", "OKAFOR");
    private static final List<String> FIRST_NAMES = List.of("JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN",
            "JENNIFER", "MICHAEL", "LINDA", "DAVID", "ELIZABETH", "WILLIAM", "SUSAN", "CARLOS", "PRIYA",
            "AHMED", "MEI", "OLUWASEUN", "ANNA-MARIE", "LUKE", "SOFIA", "TYLER", "GRACE", "NOAH", "ZOE");
    private static final List<String> SCHOOLS = List.of("ACME FLIGHT SCHOOL", "BLUE SKY AVIATION",
            "FRONT RANGE AIRMEN CENTER", "GOLDEN WINGS ACADEMY", "PRAIRIE AIR SERVICE", "SUMMIT AERO CLUB",
            "COASTAL FLYERS INC", "LAKESIDE AVIATION LLC", "DESERT HAWK FLIGHT TRAINING");
    private static final List<String> PLACES = List.of("(KDEN) - DENVER, CO", "(KAPA) - ENGLEWOOD, CO",
            "(KPAO) - PALO ALTO, CA", "(KFRG) - FARMINGDALE, NY", "(KDAB) - DAYTONA BEACH, FL",
            "(KADS) - ADDISON, TX", "(KBFI) - SEATTLE, WA", "(KPRC) - PRESCOTT, AZ", "(KMKC) - KANSAS CITY, MO");
    private static final String FTN_LETTERS = "ACDE";

    public AktrSample {
        Objects.requireNonNull(codes, "codes");
        codes = List.copyOf(codes);
    }

    /** A random report whose codes come from {@link #DEFAULT_CODES}. */
    public static AktrSample random(Random random) {
        return random(random, List.of());
    }

    /**
     * A random report. Its codes are drawn from those in {@code codePool} that belong to the chosen
     * exam (by prefix); when the pool has none for it, from {@link #DEFAULT_CODES}.
     */
    public static AktrSample random(Random random, List<String> codePool) {
        Exam exam = EXAMS.get(random.nextInt(EXAMS.size()));
        List<String> pool = codePool.stream().filter(c -> c.startsWith(exam.prefix())).toList();
        if (pool.isEmpty()) {
            pool = DEFAULT_CODES.get(exam.code());
        }
        LocalDate date = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(6 * 365));
        return build(random, exam, pool, date);
    }

    /** A random report from before the ACS, with learning statement (PLT) codes. */
    public static AktrSample randomLegacy(Random random) {
        Exam exam = EXAMS.get(random.nextInt(EXAMS.size()));
        LocalDate date = LocalDate.of(2014, 1, 1).plusDays(random.nextInt(2 * 365));
        return build(random, exam, LEGACY_CODES, date);
    }

    private static AktrSample build(Random random, Exam exam, List<String> pool, LocalDate date) {
        String name = pick(random, LAST_NAMES) + ", " + pick(random, FIRST_NAMES)
                + (random.nextInt(3) == 0 ? "" : " " + (char) ('A' + random.nextInt(26)));
        String ftn = FTN_LETTERS.charAt(random.nextInt(FTN_LETTERS.length())) + digits(random, 7);
        String examId = (1 + random.nextInt(9)) + digits(random, 17);
        String site = pick(random, SCHOOLS) + " " + pick(random, PLACES);
        // Scores are whole percentages of a fixed number of questions, as printed.
        int questions = exam.questions();
        int lowest = (int) Math.ceil(questions * 0.55);
        int correct = lowest + random.nextInt(questions - lowest + 1);
        int score = (int) Math.round(100.0 * correct / questions);
        int missed = questions - correct;
        // One code may stand for several missed questions, so there are at most as many codes.
        int codeCount = missed == 0 ? 0 : Math.min(pool.size(), Math.max(1, missed - random.nextInt(missed / 3 + 1)));
        List<String> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, random);
        int take = random.nextInt(5) == 0 ? 2 + random.nextInt(2) : 1;
        return new AktrSample(name, ftn, examId, exam.title() + " (" + exam.code() + ")", exam.code(), date, site,
                score, score >= 70 ? "Pass" : "Fail", take, expirationOf(date), shuffled.subList(0, codeCount));
    }

    /** An AKTR is valid through the last day of the 24th calendar month after the exam. */
    public static LocalDate expirationOf(LocalDate examDate) {
        return YearMonth.from(examDate).plusMonths(24).atEndOfMonth();
    }

    /** The exam title without its code, e.g. "Private Pilot Airplane". */
    public String examName() {
        int paren = examTitle.lastIndexOf(" (");
        return paren < 0 ? examTitle : examTitle.substring(0, paren);
    }

    public boolean passed() {
        return "Pass".equals(grade);
    }

    /** The same report with every question right: 100, a pass, and nothing to list. */
    public AktrSample withPerfectScore() {
        return new AktrSample(name, ftn, examId, examTitle, examCode, examDate, examSite, 100, "Pass", take,
                expirationDate, List.of());
    }

    public AktrSample withCodes(List<String> newCodes) {
        return new AktrSample(name, ftn, examId, examTitle, examCode, examDate, examSite, score, grade, take,
                expirationDate, newCodes);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String digits(Random random, int count) {
        StringBuilder b = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }
}
