package dev.debrief.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debrief.acs.DescribedCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Converts between stored reports and their API shape; the codes column holds the API JSON as is. */
@ApplicationScoped
public class ReportViews {

    private final ObjectMapper json;

    ReportViews(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode codesColumn(List<DescribedCode> codes) {
        ObjectNode column = json.createObjectNode();
        column.set("items", json.valueToTree(codes));
        return column;
    }

    public List<DescribedCode> codes(Report report) {
        List<DescribedCode> codes = new ArrayList<>();
        if (report.codes != null && report.codes.has("items")) {
            report.codes.get("items").forEach(item -> codes.add(json.convertValue(item, DescribedCode.class)));
        }
        return codes;
    }

    public ReportView success(Report report, UUID fileId, String fileName) {
        String exam = report.examCode == null ? report.examName
                : (report.examName == null ? "" : report.examName + " ") + "(" + report.examCode + ")";
        var metadata = new ReportView.Metadata(report.name, report.ftn, report.examId, exam, report.examCode,
                report.examDate, report.examSite, report.score, report.grade, report.take, report.expirationDate);
        return new ReportView(report.id, fileId, report.batchId, fileName, "success",
                report.confidence == null ? null : report.confidence.doubleValue(), report.processingTimeMs,
                report.extractionMethod, "/v1/reports/" + report.id, metadata, codes(report), null);
    }

    public ReportView unsettled(UUID batchId, UUID fileId, String fileName, String status, Integer processingTimeMs,
                                String errorCode, String errorMessage) {
        ReportView.FileError error = errorCode == null ? null : new ReportView.FileError(errorCode, errorMessage);
        return new ReportView(null, fileId, batchId, fileName, status, null, processingTimeMs, null, null, null, null, error);
    }
}
