package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.Attempt;
import dev.debrief.summary.BatchSummary.Trend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the people who sat more than once in a batch and describes how they moved between attempts.
 *
 * <p>Two reports belong to one person when both carry an FTN and the FTNs agree, or when one of them carries no
 * FTN and the names agree; those links are chained. Taken pair by pair the rules can contradict each other: a
 * report without an FTN named like two reports with different FTNs links to both, and chaining would join two
 * FTNs. An FTN is the stronger identity, so such a report joins neither: it is ambiguous which person it is.
 * Reports without an FTN always join each other by name, because that never brings two FTNs together.
 */
final class RepeatTakers {

    private static final Comparator<Integer> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<String> NAME_ORDER = Comparator.nullsLast(
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
    private static final Comparator<String> FTN_ORDER = Comparator.nullsLast(Comparator.naturalOrder());

    List<Trend> trends(List<ReportFacts> reports) {
        return people(reports).stream()
                .filter(attempts -> attempts.size() >= 2)
                .map(RepeatTakers::trendOf)
                .sorted(Comparator.comparing(Trend::name, NAME_ORDER)
                        .thenComparing(Trend::ftn, FTN_ORDER)
                        // Content, not input order, settles the last tie so the output does not depend on upload order.
                        .thenComparing(trend -> trend.attempts().get(0).reportId()))
                .toList();
    }

    /** The reports grouped by person, each group in input order. */
    private static List<List<ReportFacts>> people(List<ReportFacts> reports) {
        int n = reports.size();
        UnionFind links = new UnionFind(n);
        List<Optional<String>> ftns = reports.stream().map(report -> PersonKeys.ftn(report.ftn())).toList();
        List<Optional<String>> names = reports.stream().map(report -> PersonKeys.name(report.name())).toList();

        // Same FTN: one person. No FTN and the same name: one person too, since that cannot bring two FTNs together.
        Map<String, Integer> firstReportOfFtn = new HashMap<>();
        Map<String, Integer> firstReportWithoutFtnOfName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer earlier = null;
            if (ftns.get(i).isPresent()) {
                earlier = firstReportOfFtn.putIfAbsent(ftns.get(i).get(), i);
            } else if (names.get(i).isPresent()) {
                earlier = firstReportWithoutFtnOfName.putIfAbsent(names.get(i).get(), i);
            }
            if (earlier != null) {
                links.union(i, earlier);
            }
        }

        // The reports of a name that lack an FTN join the reports of that name that have one, but only if those
        // all carry the same FTN.
        Map<String, Map<String, Integer>> ftnHoldersByName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (names.get(i).isPresent() && ftns.get(i).isPresent()) {
                ftnHoldersByName.computeIfAbsent(names.get(i).get(), name -> new HashMap<>())
                        .putIfAbsent(ftns.get(i).get(), i);
            }
        }
        firstReportWithoutFtnOfName.forEach((name, withoutFtn) -> {
            Map<String, Integer> holders = ftnHoldersByName.getOrDefault(name, Map.of());
            if (holders.size() == 1) {
                links.union(withoutFtn, holders.values().iterator().next());
            }
        });

        Map<Integer, List<ReportFacts>> byPerson = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byPerson.computeIfAbsent(links.find(i), root -> new ArrayList<>()).add(reports.get(i));
        }
        return new ArrayList<>(byPerson.values());
    }

    private static Trend trendOf(List<ReportFacts> reportsInInputOrder) {
        // List.sort is stable, so input order settles what date and take leave tied.
        List<ReportFacts> attempts = new ArrayList<>(reportsInInputOrder);
        attempts.sort(Comparator.comparing(ReportFacts::examDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ReportFacts::take, NULLS_LAST));
        ReportFacts first = attempts.get(0);
        ReportFacts last = attempts.get(attempts.size() - 1);

        String ftn = attempts.stream().map(ReportFacts::ftn).map(RepeatTakers::stripToNull)
                .filter(Objects::nonNull).findFirst().orElse(null);
        Integer scoreChange = first.score() != null && last.score() != null ? last.score() - first.score() : null;

        Set<String> lastCodes = codesOf(last);
        List<String> resolved = new ArrayList<>();
        List<String> persistent = new ArrayList<>();
        for (String code : codesOf(first)) {
            (lastCodes.contains(code) ? persistent : resolved).add(code);
        }
        List<Attempt> attemptViews = attempts.stream()
                .map(report -> new Attempt(report.reportId(), report.examDate(), report.score(), report.take()))
                .toList();
        return new Trend(ftn, stripToNull(last.name()), attemptViews, scoreChange, resolved, persistent);
    }

    private static String stripToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Set<String> codesOf(ReportFacts report) {
        Set<String> codes = new LinkedHashSet<>();
        report.codes().forEach(code -> codes.add(code.code()));
        return codes;
    }

    /** Disjoint sets over report indexes, with path halving; the batch is small, so no rank is kept. */
    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int size) {
            parent = new int[size];
            for (int i = 0; i < size; i++) {
                parent[i] = i;
            }
        }

        int find(int index) {
            int current = index;
            while (parent[current] != current) {
                parent[current] = parent[parent[current]];
                current = parent[current];
            }
            return current;
        }

        void union(int a, int b) {
            int rootA = find(a);
            int rootB = find(b);
            if (rootA != rootB) {
                // The smaller index stays root, so a group's root is its first report.
                parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
            }
        }
    }
}
