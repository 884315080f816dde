package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.AggregatedCode;
import dev.debrief.summary.BatchSummary.WeakArea;
import dev.debrief.summary.BatchSummary.WeakCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Computes the batch summary (DOMAIN.md §3) from the successful reports of a batch.
 *
 * <p>Pure: no state, no I/O, same answer for the same reports in any order (apart from the order of report ids
 * inside a list, which follows the batch).
 */
public final class SummaryCalculator {

    static final String UNKNOWN_EXAM = "UNKNOWN";

    // Codes come from one catalog, so their context normally agrees across reports. When it does not (an FI code
    // shared by several instructor tests), prefer a catalog entry, then a fixed order, so input order never decides.
    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<CodeFacts> PREFERRED_CONTEXT =
            Comparator.comparing((CodeFacts facts) -> facts.description() == null)
                    .thenComparing(CodeFacts::area, NULLS_LAST)
                    .thenComparing(CodeFacts::task, NULLS_LAST)
                    .thenComparing(CodeFacts::description, NULLS_LAST);
    private static final Comparator<CodeTally> MOST_MISSED_FIRST =
            Comparator.comparingInt(CodeTally::count).reversed().thenComparing(CodeTally::code);

    private final ScoreAnalyser scoreAnalyser = new ScoreAnalyser();
    private final RepeatTakers repeatTakers = new RepeatTakers();
    private final StudyPlanner studyPlanner = new StudyPlanner();

    /**
     * @param successfulReports the reports extracted from the batch, in batch order
     * @param totalFiles        every file of the batch, failed ones included
     */
    public BatchSummary summarise(List<ReportFacts> successfulReports, int totalFiles) {
        int reportCount = successfulReports.size();
        if (reportCount == 0) {
            return BatchSummary.empty(totalFiles);
        }
        List<CodeTally> codes = tallyCodes(successfulReports);
        List<CodeTally> weakCodes = codes.stream().filter(tally -> isCommon(tally.count(), reportCount)).toList();

        return new BatchSummary(
                totalFiles,
                reportCount,
                weakCodes.stream().map(tally -> weakCode(tally, reportCount)).toList(),
                weakAreas(codes, reportCount),
                scoreAnalyser.analyse(successfulReports),
                codes.stream().map(tally -> new AggregatedCode(tally.code(), tally.count(), tally.reports())).toList(),
                examDistribution(successfulReports),
                repeatTakers.trends(successfulReports),
                studyPlanner.recommend(weakCodes, codes, reportCount));
    }

    /** "More than 30 %", compared in integers so that exactly 30 % is reliably out. */
    static boolean isCommon(int reportsAffected, int reportCount) {
        return reportsAffected * 10L > reportCount * 3L;
    }

    /** Every code once per report that contains it, most missed first. */
    private static List<CodeTally> tallyCodes(List<ReportFacts> reports) {
        Map<String, List<UUID>> reportsByCode = new LinkedHashMap<>();
        Map<String, CodeFacts> contextByCode = new LinkedHashMap<>();
        for (ReportFacts report : reports) {
            Set<String> seenInReport = new HashSet<>();
            for (CodeFacts facts : report.codes()) {
                if (seenInReport.add(facts.code())) {
                    reportsByCode.computeIfAbsent(facts.code(), code -> new ArrayList<>()).add(report.reportId());
                }
                contextByCode.merge(facts.code(), facts,
                        (kept, candidate) -> PREFERRED_CONTEXT.compare(candidate, kept) < 0 ? candidate : kept);
            }
        }
        List<CodeTally> tallies = new ArrayList<>();
        reportsByCode.forEach((code, reportIds) -> {
            CodeFacts context = contextByCode.get(code);
            tallies.add(new CodeTally(code, context.area(), context.task(), context.description(), reportIds));
        });
        tallies.sort(MOST_MISSED_FIRST);
        return tallies;
    }

    private static WeakCode weakCode(CodeTally tally, int reportCount) {
        return new WeakCode(tally.code(), tally.area(), tally.task(), tally.description(), tally.count(),
                OneDecimal.percentage(tally.count(), reportCount));
    }

    /**
     * Per Area of Operation: every code occurrence counts towards the frequency, but the share (and the 30 % rule)
     * is about reports, so a report missing five codes of one area is one report.
     */
    private static List<WeakArea> weakAreas(List<CodeTally> codes, int reportCount) {
        Map<String, Integer> frequencyByArea = new LinkedHashMap<>();
        Map<String, Set<UUID>> reportsByArea = new LinkedHashMap<>();
        for (CodeTally tally : codes) {
            if (tally.area() == null) {
                continue;
            }
            frequencyByArea.merge(tally.area(), tally.count(), Integer::sum);
            reportsByArea.computeIfAbsent(tally.area(), area -> new LinkedHashSet<>()).addAll(tally.reports());
        }
        return frequencyByArea.entrySet().stream()
                .filter(entry -> isCommon(reportsByArea.get(entry.getKey()).size(), reportCount))
                .map(entry -> new WeakArea(entry.getKey(), entry.getValue(),
                        OneDecimal.percentage(reportsByArea.get(entry.getKey()).size(), reportCount)))
                .sorted(Comparator.comparingInt(WeakArea::frequency).reversed().thenComparing(WeakArea::area))
                .toList();
    }

    private static Map<String, Integer> examDistribution(List<ReportFacts> reports) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ReportFacts report : reports) {
            String exam = report.examCode() == null || report.examCode().isBlank()
                    ? UNKNOWN_EXAM : report.examCode().strip();
            counts.merge(exam, 1, Integer::sum);
        }
        LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }
}
