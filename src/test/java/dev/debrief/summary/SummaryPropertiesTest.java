package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.AggregatedCode;
import dev.debrief.summary.BatchSummary.Attempt;
import dev.debrief.summary.BatchSummary.Statistics;
import dev.debrief.summary.BatchSummary.Trend;
import dev.debrief.summary.BatchSummary.WeakArea;
import dev.debrief.summary.BatchSummary.WeakCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.PropertyDefaults;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

// 250 tries per property keeps the whole summary suite within a few seconds on two cores.
@PropertyDefaults(tries = 250)
class SummaryPropertiesTest {

    private static final LocalDate TERM_START = LocalDate.of(2024, 1, 1);

    private final SummaryCalculator calculator = new SummaryCalculator();

    // Few codes, names and FTNs, so that batches have common codes and repeat takers often enough to matter.
    private static final List<String> CODES = List.of("PA.I.A.K1", "PA.I.B.K1", "PA.I.B.K2", "PA.I.C.K1",
            "PA.VI.A.K1", "PA.VI.B.K1", "PA.IX.C.K1", "IR.I.B.K1", "PA.XII.Z.K9", "PA.I.B.K9");
    private static final List<String> NAMES = List.of("DOE, JANE", "Jane Doe", "jane  doe.", "SMITH, BOB",
            "Bob Smith", "Kim Lee", "LEE, KIM", "PATEL, ANIL");

    @Provide
    Arbitrary<List<ReportFacts>> batches() {
        Arbitrary<String> names = Arbitraries.of(NAMES).injectNull(0.1);
        Arbitrary<String> ftns = Arbitraries.of("A1", "a 1", "B2", "C3").injectNull(0.5);
        Arbitrary<String> exams = Arbitraries.of("PAR", "IRA", "CAX").injectNull(0.1);
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 90).map(TERM_START::plusDays).injectNull(0.1);
        Arbitrary<Integer> scores = Arbitraries.integers().between(30, 100).injectNull(0.15);
        Arbitrary<String> grades = Arbitraries.of("Pass", "Fail").injectNull(0.3);
        Arbitrary<Integer> takes = Arbitraries.integers().between(1, 3).injectNull(0.1);
        Arbitrary<List<CodeFacts>> codes = Arbitraries.of(CODES).map(TestReports::code).list().ofMaxSize(6);

        // The id is a placeholder here: it is set from the position once the batch is drawn, so ids are unique.
        Arbitrary<ReportFacts> reports = Combinators.combine(names, ftns, exams, dates, scores, grades, takes, codes)
                .as((name, ftn, exam, date, score, grade, take, codeList) ->
                        new ReportFacts(new UUID(0, 0), name, ftn, exam, date, score, grade, take, codeList));
        return reports.list().ofMinSize(1).ofMaxSize(40).map(SummaryPropertiesTest::numbered);
    }

    private static List<ReportFacts> numbered(List<ReportFacts> reports) {
        List<ReportFacts> numbered = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ReportFacts r = reports.get(i);
            numbered.add(new ReportFacts(TestReports.id(i + 1), r.name(), r.ftn(), r.examCode(), r.examDate(),
                    r.score(), r.grade(), r.take(), r.codes()));
        }
        return numbered;
    }

    @Property
    void percentagesStayWithinZeroAndOneHundred(@ForAll("batches") List<ReportFacts> reports) {
        BatchSummary summary = calculator.summarise(reports, reports.size());

        assertThat(summary.commonWeakAreas()).extracting(WeakCode::percentage).allSatisfy(
                percentage -> assertThat(percentage).isBetween(0.0, 100.0));
        assertThat(summary.weakAreasByArea()).extracting(WeakArea::percentage).allSatisfy(
                percentage -> assertThat(percentage).isBetween(0.0, 100.0));
        assertThat(summary.scoreAnalysis().passRate()).isNotNull().isBetween(0.0, 100.0);
    }

    @Property
    void theDistributionCountsEveryScoredReportOnce(@ForAll("batches") List<ReportFacts> reports) {
        BatchSummary summary = calculator.summarise(reports, reports.size());

        long scored = reports.stream().filter(report -> report.score() != null).count();
        assertThat(summary.scoreAnalysis().distribution()).containsOnlyKeys("<70", "70-79", "80-89", "90-100");
        assertThat(List.copyOf(summary.scoreAnalysis().distribution().keySet()))
                .containsExactly("<70", "70-79", "80-89", "90-100");
        assertThat(summary.scoreAnalysis().distribution().values().stream().mapToLong(Integer::longValue).sum())
                .isEqualTo(scored);
    }

    @Property
    void statisticsLieWithinTheScores(@ForAll("batches") List<ReportFacts> reports) {
        Statistics statistics = calculator.summarise(reports, reports.size()).scoreAnalysis().statistics();

        if (reports.stream().allMatch(report -> report.score() == null)) {
            assertThat(statistics).isEqualTo(new Statistics(null, null, null, null, null));
            return;
        }
        assertThat(statistics.min()).isLessThanOrEqualTo(statistics.max());
        assertThat(statistics.median()).isBetween((double) statistics.min(), (double) statistics.max());
        assertThat(statistics.mean()).isBetween((double) statistics.min(), (double) statistics.max());
        assertThat(statistics.stdDev()).isGreaterThanOrEqualTo(0.0);
        // Half the range bounds the population standard deviation (plus the rounding of one decimal).
        assertThat(statistics.stdDev()).isLessThanOrEqualTo((statistics.max() - statistics.min()) / 2.0 + 0.05);
    }

    @Property
    void aggregatedCodesListExactlyTheReportsContainingEachCode(@ForAll("batches") List<ReportFacts> reports) {
        BatchSummary summary = calculator.summarise(reports, reports.size());

        Set<String> codesInBatch = new HashSet<>();
        reports.forEach(report -> report.codes().forEach(code -> codesInBatch.add(code.code())));
        assertThat(summary.aggregatedCodes()).extracting(AggregatedCode::code)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(codesInBatch);
        for (AggregatedCode aggregated : summary.aggregatedCodes()) {
            List<UUID> containing = reports.stream()
                    .filter(report -> report.codes().stream().anyMatch(code -> code.code().equals(aggregated.code())))
                    .map(ReportFacts::reportId)
                    .toList();
            assertThat(aggregated.reports()).isEqualTo(containing);
            assertThat(aggregated.count()).isEqualTo(containing.size());
        }
    }

    @Property
    void commonWeakCodesAreExactlyThoseInMoreThanThirtyPercent(@ForAll("batches") List<ReportFacts> reports) {
        BatchSummary summary = calculator.summarise(reports, reports.size());
        int n = reports.size();

        assertThat(summary.commonWeakAreas()).allSatisfy(weak -> assertThat(weak.frequency() * 10).isGreaterThan(n * 3));
        List<String> expected = summary.aggregatedCodes().stream()
                .filter(aggregated -> aggregated.count() * 10 > n * 3)
                .map(AggregatedCode::code)
                .toList();
        assertThat(summary.commonWeakAreas()).extracting(WeakCode::code).containsExactlyElementsOf(expected);
    }

    @Property
    void everyTrendIsSomeoneWithSeveralReportsAndNoReportIsInTwo(@ForAll("batches") List<ReportFacts> reports) {
        BatchSummary summary = calculator.summarise(reports, reports.size());

        Set<UUID> seen = new HashSet<>();
        for (Trend trend : summary.trends()) {
            assertThat(trend.attempts()).hasSizeGreaterThanOrEqualTo(2);
            trend.attempts().forEach(attempt -> assertThat(seen.add(attempt.reportId())).isTrue());
            ReportFacts first = reportWithId(reports, trend.attempts().get(0).reportId());
            Set<String> firstCodes = new LinkedHashSet<>();
            first.codes().forEach(code -> firstCodes.add(code.code()));
            List<String> recombined = new ArrayList<>(trend.resolvedCodes());
            recombined.addAll(trend.persistentCodes());
            assertThat(recombined).containsExactlyInAnyOrderElementsOf(firstCodes);
            Set<String> ftns = new HashSet<>();
            trend.attempts().forEach(attempt ->
                    PersonKeys.ftn(reportWithId(reports, attempt.reportId()).ftn()).ifPresent(ftns::add));
            assertThat(ftns).as("FTNs joined in one trend").hasSizeLessThanOrEqualTo(1);
        }
    }

    @Property
    void theOrderOfTheBatchOnlyChangesTheOrderOfReportIds(@ForAll("batches") List<ReportFacts> drawn,
                                                          @ForAll Random random) {
        // Unique exam dates, so that attempts are ordered by their content alone.
        List<ReportFacts> reports = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            ReportFacts r = drawn.get(i);
            reports.add(new ReportFacts(r.reportId(), r.name(), r.ftn(), r.examCode(), TERM_START.plusDays(i),
                    r.score(), r.grade(), r.take(), r.codes()));
        }
        List<ReportFacts> shuffled = new ArrayList<>(reports);
        Collections.shuffle(shuffled, random);

        BatchSummary inOrder = withSortedReportIds(calculator.summarise(reports, 40));
        BatchSummary reordered = withSortedReportIds(calculator.summarise(shuffled, 40));

        assertThat(reordered).isEqualTo(inOrder);
        assertThat(List.copyOf(reordered.examDistribution().keySet()))
                .isEqualTo(List.copyOf(inOrder.examDistribution().keySet()));
    }

    private static BatchSummary withSortedReportIds(BatchSummary summary) {
        List<AggregatedCode> codes = summary.aggregatedCodes().stream()
                .map(code -> new AggregatedCode(code.code(), code.count(),
                        code.reports().stream().sorted().toList()))
                .toList();
        return new BatchSummary(summary.totalFiles(), summary.successfulFiles(), summary.commonWeakAreas(),
                summary.weakAreasByArea(), summary.scoreAnalysis(), codes, summary.examDistribution(),
                summary.trends(), summary.studyRecommendations());
    }

    private static ReportFacts reportWithId(List<ReportFacts> reports, UUID id) {
        return reports.stream().filter(report -> Objects.equals(report.reportId(), id)).findFirst().orElseThrow();
    }

    @Property
    void attemptsRunForwardInTime(@ForAll("batches") List<ReportFacts> reports) {
        for (Trend trend : calculator.summarise(reports, reports.size()).trends()) {
            List<LocalDate> dates = trend.attempts().stream().map(Attempt::examDate).toList();
            List<LocalDate> known = dates.stream().filter(Objects::nonNull).toList();
            assertThat(known).isSorted();
            // Unknown dates come after every known one.
            assertThat(dates.subList(0, known.size())).doesNotContainNull();
        }
    }
}
