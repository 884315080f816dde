package dev.debrief.common;

import static dev.debrief.testsupport.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemDetailsTest {

    @Test
    void unknownPathIsA404ProblemWithCodeAndRequestId() {
        given().when().get("/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("code", equalTo("NOT_FOUND"))
                .body("type", equalTo("urn:debrief:problem:not-found"))
                .body("instance", equalTo("/v1/no-such-thing"))
                .body("request_id", matchesPattern("[0-9a-f-]{36}"))
                .header(RequestIds.HEADER, notNullValue());
    }

    @Test
    void unknownPathOutsideTheApiIsAlsoAProblem() {
        given().when().get("/definitely/not/here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void callerRequestIdIsEchoedInHeaderAndBody() {
        given().header("X-Request-ID", "trace-abc.123")
                .when().get("/v1/no-such-thing")
                .then().statusCode(404)
                .header(RequestIds.HEADER, "trace-abc.123")
                .body("request_id", equalTo("trace-abc.123"));
    }

    @Test
    void correlationIdIsAcceptedWhenNoRequestIdIsSent() {
        given().header("X-Correlation-ID", "corr-42")
                .when().get("/v1/no-such-thing")
                .then().header(RequestIds.HEADER, "corr-42")
                .body("request_id", equalTo("corr-42"));
    }

    @Test
    void unsafeRequestIdIsReplacedByAGeneratedOne() {
        var answer = given().header("X-Request-ID", "bad id\twith spaces")
                .when().get("/v1/no-such-thing")
                .then().header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
        answer.body("request_id", equalTo(answer.extract().header(RequestIds.HEADER)));
    }

    @Test
    void healthEndpointsAnswerUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
