package dev.debrief.drive;

import static io.restassured.RestAssured.given;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Random;

/** Builds batch requests of AKTR PDFs to be archived in Drive. */
final class DriveBatches {

    private static final AktrDocumentFactory FACTORY = new AktrDocumentFactory();

    private DriveBatches() {
    }

    /** {@code count} AKTR PDFs named {@code prefix-0.pdf}, … with drive_upload=true. */
    static RequestSpecification withPdfs(String prefix, int count, long seed) {
        Random random = new Random(seed);
        RequestSpecification request = given().multiPart("drive_upload", "true");
        for (int i = 0; i < count; i++) {
            request = request.multiPart("files", prefix + "-" + i + ".pdf",
                    FACTORY.pdf(AktrSample.random(random), AktrDocumentFactory.Layout.STANDARD), "application/pdf");
        }
        return request;
    }

    static List<String> driveStatuses(JsonPath batch) {
        return batch.getList("files.drive.status", String.class);
    }
}
