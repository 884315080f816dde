package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.StudyRecommendations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns the weak codes into areas to work on and one sentence per area an instructor can read out. */
final class StudyPlanner {

    private static final int TASKS_PER_SENTENCE = 3;
    // A code missing from the catalog carries only the numeral or letter it encodes.
    private static final Pattern BARE_AREA_NUMERAL = Pattern.compile("[IVXLC]+");
    private static final Pattern BARE_TASK_LETTER = Pattern.compile("[A-Z]");

    /**
     * @param weakCodes  the common weak codes
     * @param allCodes   every code of the batch, so a task is judged by all of its misses, not only the weak ones
     * @param reportCount the number of successful reports
     */
    StudyRecommendations recommend(List<CodeTally> weakCodes, List<CodeTally> allCodes, int reportCount) {
        Map<String, Integer> weakFrequencyByArea = weakCodes.stream()
                .filter(tally -> tally.area() != null)
                .collect(Collectors.groupingBy(CodeTally::area, Collectors.summingInt(CodeTally::count)));
        List<String> priorityAreas = weakFrequencyByArea.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();

        List<String> plan = priorityAreas.stream()
                .map(area -> sentenceFor(area, tasksOf(area, allCodes), reportCount))
                .toList();
        return new StudyRecommendations(priorityAreas, plan);
    }

    private record TaskMisses(String task, int summedFrequency, int reportsMissing) {
    }

    private static List<TaskMisses> tasksOf(String area, List<CodeTally> allCodes) {
        Map<String, List<CodeTally>> codesByTask = allCodes.stream()
                .filter(tally -> area.equals(tally.area()) && tally.task() != null)
                .collect(Collectors.groupingBy(CodeTally::task, LinkedHashMap::new, Collectors.toList()));
        List<TaskMisses> tasks = new ArrayList<>();
        codesByTask.forEach((task, codes) -> {
            Set<UUID> reports = new HashSet<>();
            codes.forEach(tally -> reports.addAll(tally.reports()));
            tasks.add(new TaskMisses(task, codes.stream().mapToInt(CodeTally::count).sum(), reports.size()));
        });
        tasks.sort(Comparator.comparingInt(TaskMisses::summedFrequency).reversed()
                .thenComparing(Comparator.comparingInt(TaskMisses::reportsMissing).reversed())
                .thenComparing(TaskMisses::task));
        return tasks.subList(0, Math.min(TASKS_PER_SENTENCE, tasks.size()));
    }

    // "Review I. Preflight Preparation: B. Airworthiness Requirements was missed in 15 of 28 reports,
    //  A. Pilot Qualifications in 9."
    private static String sentenceFor(String area, List<TaskMisses> tasks, int reportCount) {
        StringBuilder sentence = new StringBuilder("Review ").append(areaLabel(area));
        for (int i = 0; i < tasks.size(); i++) {
            TaskMisses task = tasks.get(i);
            sentence.append(i == 0 ? ": " : ", ").append(taskLabel(task.task()));
            if (i == 0) {
                sentence.append(" was missed in ").append(task.reportsMissing())
                        .append(" of ").append(reportCount).append(reportCount == 1 ? " report" : " reports");
            } else {
                sentence.append(" in ").append(task.reportsMissing());
            }
        }
        return sentence.append('.').toString();
    }

    private static String areaLabel(String area) {
        return BARE_AREA_NUMERAL.matcher(area).matches() ? "Area of Operation " + area : area;
    }

    private static String taskLabel(String task) {
        return BARE_TASK_LETTER.matcher(task).matches() ? "Task " + task : task;
    }
}
