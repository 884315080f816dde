package dev.debrief.summary;

import dev.debrief.summary.BatchSummary.Attempt;
import dev.debrief.summary.BatchSummary.Trend;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.debrief.summary.TestReports.id;
import static dev.debrief.summary.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

class TrendsTest {

    private final SummaryCalculator calculator = new SummaryCalculator();

    private List<Trend> trendsOf(ReportFacts... reports) {
        return calculator.summarise(List.of(reports), reports.length).trends();
    }

    private static List<java.util.UUID> attemptIds(Trend trend) {
        return trend.attempts().stream().map(Attempt::reportId).toList();
    }

    @Test
    void lastCommaFirstAndFirstLastAreOnePerson() {
        List<Trend> trends = trendsOf(
                report(1).name("DOE, JANE").date("2024-01-10").score(64).take(1)
                        .codes("PA.I.A.K1", "PA.I.B.K1", "PA.I.C.K1").build(),
                report(2).name("Jane Doe").date("2024-03-02").score(86).take(2)
                        .codes("PA.I.B.K1", "PA.VI.A.K1").build());

        assertThat(trends).containsExactly(new Trend(null, "Jane Doe",
                List.of(new Attempt(id(1), LocalDate.of(2024, 1, 10), 64, 1),
                        new Attempt(id(2), LocalDate.of(2024, 3, 2), 86, 2)),
                22, List.of("PA.I.A.K1", "PA.I.C.K1"), List.of("PA.I.B.K1")));
    }

    @Test
    void caseSpacingAndPunctuationDoNotSeparateNames() {
        List<Trend> trends = trendsOf(
                report(1).name("jane  doe.").date("2024-01-01").build(),
                report(2).name("DOE,JANE").date("2024-01-02").build(),
                report(3).name(" Jane   Doe ").date("2024-01-03").build(),
                report(4).name("O'NEIL, SEAN").date("2024-01-04").build(),
                report(5).name("Sean ONeil").date("2024-01-05").build(),
                report(6).name("JOSÉ ALVAREZ").date("2024-01-06").build(),
                report(7).name("Alvarez, Jose").date("2024-01-07").build());

        assertThat(trends).extracting(TrendsTest::attemptIds).containsExactly(
                List.of(id(6), id(7)), List.of(id(1), id(2), id(3)), List.of(id(4), id(5)));
    }

    @Test
    void anExtraInitialIsADifferentName() {
        assertThat(trendsOf(report(1).name("DOE, JANE M").build(), report(2).name("Jane Doe").build())).isEmpty();
    }

    @Test
    void theSameFtnJoinsDifferentlySpelledNames() {
        List<Trend> trends = trendsOf(
                report(1).name("SMITH, ROBERT").ftn("C777").date("2024-01-12").score(68).codes("PA.I.A.K1").build(),
                report(2).name("Bob Smith").ftn("c 777").date("2024-03-05").score(82).codes("PA.I.A.K1").build());

        assertThat(trends).containsExactly(new Trend("C777", "Bob Smith",
                List.of(new Attempt(id(1), LocalDate.of(2024, 1, 12), 68, 1),
                        new Attempt(id(2), LocalDate.of(2024, 3, 5), 82, 1)),
                14, List.of(), List.of("PA.I.A.K1")));
    }

    @Test
    void theSameNameWithDifferentFtnsIsTwoPeople() {
        assertThat(trendsOf(
                report(1).name("DOE, JOHN").ftn("X1").build(),
                report(2).name("John Doe").ftn("X2").build())).isEmpty();
    }

    @Test
    void aReportWithoutFtnJoinsTheOnlyFtnItsNameCarries() {
        List<Trend> trends = trendsOf(
                report(1).name("DOE, JOHN").ftn(null).date("2024-01-01").build(),
                report(2).name("John Doe").ftn("X1").date("2024-02-01").build());

        assertThat(trends).singleElement().satisfies(trend -> {
            assertThat(trend.ftn()).isEqualTo("X1");
            assertThat(attemptIds(trend)).containsExactly(id(1), id(2));
        });
    }

    @Test
    void aReportWithoutFtnWhoseNameCarriesTwoFtnsJoinsNeither() {
        // Linking report 3 to both would chain two different FTNs together; it cannot be told which person it is.
        assertThat(trendsOf(
                report(1).name("LEE, KIM").ftn("K1").build(),
                report(2).name("Kim Lee").ftn("K2").build(),
                report(3).name("KIM LEE").ftn(null).build())).isEmpty();
    }

    @Test
    void reportsWithoutFtnStillJoinEachOtherWhenTheirNameIsAmbiguous() {
        List<Trend> trends = trendsOf(
                report(1).name("LEE, KIM").ftn("K1").build(),
                report(2).name("Kim Lee").ftn("K2").build(),
                report(3).name("KIM LEE").ftn(null).date("2024-01-01").build(),
                report(4).name("lee, kim").ftn(" ").date("2024-02-01").build());

        assertThat(trends).extracting(TrendsTest::attemptIds).containsExactly(List.of(id(3), id(4)));
        assertThat(trends.get(0).ftn()).isNull();
    }

    @Test
    void linksChainThroughFtnAndNameAlike() {
        // 1 and 2 share an FTN under different names; 3 matches 2 by name, 4 matches 1 by name.
        List<Trend> trends = trendsOf(
                report(1).name("ADAMS, PAT").ftn("P1").date("2024-01-01").score(60).build(),
                report(2).name("Patricia Adams").ftn("P1").date("2024-02-01").score(66).build(),
                report(3).name("ADAMS, PATRICIA").ftn(null).date("2024-03-01").score(71).build(),
                report(4).name("Pat Adams").ftn(null).date("2024-04-01").score(80).build(),
                report(5).name("Someone Else").ftn(null).date("2024-04-01").score(90).build());

        assertThat(trends).singleElement().satisfies(trend -> {
            assertThat(attemptIds(trend)).containsExactly(id(1), id(2), id(3), id(4));
            assertThat(trend.ftn()).isEqualTo("P1");
            assertThat(trend.name()).isEqualTo("Pat Adams");
            assertThat(trend.scoreChange()).isEqualTo(20);
        });
    }

    @Test
    void attemptsGoByDateThenTakeThenBatchOrderWithUnknownsLast() {
        List<Trend> trends = trendsOf(
                report(1).ftn("F9").date(null).take(3).build(),
                report(2).ftn("F9").date("2024-05-01").take(2).build(),
                report(3).ftn("F9").date("2024-05-01").take(1).build(),
                report(4).ftn("F9").date("2024-02-01").take(null).build(),
                report(5).ftn("F9").date("2024-05-01").take(null).build(),
                report(6).ftn("F9").date(null).take(3).build());

        assertThat(trends).singleElement()
                .extracting(TrendsTest::attemptIds)
                .isEqualTo(List.of(id(4), id(3), id(2), id(5), id(1), id(6)));
    }

    @Test
    void theTrendTakesTheFirstFtnSeenAndTheNameOfTheLatestAttempt() {
        List<Trend> trends = trendsOf(
                report(1).name("Maria Alvarez").ftn("B7").date("2024-06-01").build(),
                report(2).name("ALVAREZ, MARIA").ftn(null).date("2024-01-01").build());

        assertThat(trends).singleElement().satisfies(trend -> {
            assertThat(trend.ftn()).isEqualTo("B7");
            assertThat(trend.name()).isEqualTo("Maria Alvarez");
            assertThat(attemptIds(trend)).containsExactly(id(2), id(1));
        });
    }

    @Test
    void aMissingScoreLeavesTheChangeUnknown() {
        List<Trend> trends = trendsOf(
                report(1).ftn("F1").date("2024-01-01").score(64).build(),
                report(2).ftn("F1").date("2024-02-01").score(null).build());

        assertThat(trends).singleElement().extracting(Trend::scoreChange).isNull();
    }

    @Test
    void everyCodeOfTheFirstAttemptIsEitherResolvedOrPersistentInItsOrder() {
        List<Trend> trends = trendsOf(
                report(1).ftn("F1").date("2024-01-01")
                        .codes("PA.VI.A.K1", "PA.I.A.K1", "PA.I.B.K1", "PA.I.A.K1", "PA.I.C.K1").build(),
                report(2).ftn("F1").date("2024-02-01").codes("PA.IX.C.K1", "PA.I.A.K1").build(),
                report(3).ftn("F1").date("2024-03-01").codes("PA.I.C.K1", "PA.VI.A.K1", "PA.III.B.K1").build());

        assertThat(trends).singleElement().satisfies(trend -> {
            assertThat(trend.resolvedCodes()).containsExactly("PA.I.A.K1", "PA.I.B.K1");
            assertThat(trend.persistentCodes()).containsExactly("PA.VI.A.K1", "PA.I.C.K1");
        });
    }

    @Test
    void trendsAreOrderedByNameIgnoringCase() {
        List<Trend> trends = trendsOf(
                report(1).name("Zed Young").ftn("Z1").build(),
                report(2).name("amy Brown").ftn("A1").build(),
                report(3).name("Zed Young").ftn("Z1").build(),
                report(4).name("Amy Brown").ftn("A1").build(),
                report(5).name("Carl Diaz").build(),
                report(6).name("CARL DIAZ").build());

        assertThat(trends).extracting(Trend::name).containsExactly("Amy Brown", "CARL DIAZ", "Zed Young");
    }

    @Test
    void peopleWhoSatOnceHaveNoTrend() {
        assertThat(trendsOf(report(1).name("A B").build(), report(2).name("C D").build(),
                report(3).name(null).ftn(null).build(), report(4).name(" ").ftn(null).build())).isEmpty();
    }

    @Test
    void namelessReportsWithoutFtnAreNeverJoined() {
        assertThat(trendsOf(report(1).name(null).build(), report(2).name(null).build(),
                report(3).name("...").build(), report(4).name("").build())).isEmpty();
    }
}
