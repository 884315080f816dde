package dev.debrief.batch;

import static dev.debrief.testsupport.Api.SCHOOL_A;
import static dev.debrief.testsupport.Api.asSchool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrDocumentFactory.Layout;
import dev.debrief.testsupport.AktrSample;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchExportTest {

    private static final AktrDocumentFactory FACTORY = new AktrDocumentFactory();
    private String batchId;

    @AfterEach
    void deleteBatch() {
        if (batchId != null) {
            asSchool(SCHOOL_A).when().delete("/v1/batches/" + batchId);
        }
    }

    @Test
    void theCsvHasOneRowPerFileInUploadOrderAndOpensAsIs() throws IOException {
        AktrSample first = AktrSample.random(new Random(31));
        AktrSample second = AktrSample.random(new Random(32));
        batchId = asSchool(SCHOOL_A)
                .multiPart("files", "first.pdf", FACTORY.pdf(first, Layout.STANDARD), "application/pdf")
                .multiPart("files", "=cmd|' /C calc'!A0.pdf", FACTORY.garbageWithPdfHeader(), "application/pdf")
                .multiPart("files", "second.pdf", FACTORY.pdf(second, Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");

        Response csv = asSchool(SCHOOL_A).when().get("/v1/batches/" + batchId + "/reports.csv").then().statusCode(200)
                .contentType("text/csv").extract().response();

        assertThat(csv.header("Content-Type")).contains("charset=utf-8");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"debrief-" + batchId + "-reports.csv\"");
        byte[] bytes = csv.asByteArray();
        assertThat(new String(bytes, 0, 3, StandardCharsets.UTF_8)).isEqualTo("\uFEFF");
        List<String[]> rows = read(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly("first.pdf", "success", "", first.name(), first.ftn(), first.examCode(),
                first.examDate().toString(), String.valueOf(first.score()), first.grade(), String.valueOf(first.take()),
                String.join(" ", first.codes()));
        assertThat(rows.get(2)[0]).as("a formula-looking file name, made inert").isEqualTo("'=cmd|' /C calc'!A0.pdf");
        assertThat(rows.get(2)[1]).isEqualTo("failed");
        assertThat(rows.get(2)[2]).isNotEmpty();
        assertThat(rows.get(3)[3]).isEqualTo(second.name());
    }

    @Test
    void anotherSchoolsBatchIsNotFound() {
        batchId = asSchool(SCHOOL_A)
                .multiPart("files", "first.pdf", FACTORY.pdf(AktrSample.random(new Random(33)), Layout.STANDARD), "application/pdf")
                .when().post("/v1/batches").then().statusCode(201).extract().path("batch_id");
        asSchool("school-b").when().get("/v1/batches/" + batchId + "/reports.csv")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("BATCH_NOT_FOUND"));
    }

    private static List<String[]> read(String text) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text)) {
            return it.readAll();
        }
    }
}
