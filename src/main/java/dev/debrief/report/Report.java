package dev.debrief.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One extracted Airman Knowledge Test Report. */
@Entity
@Table(name = "reports")
public class Report extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "batch_id")
    public UUID batchId;

    public String name;
    public String ftn;

    @Column(name = "exam_id")
    public String examId;

    @Column(name = "exam_code")
    public String examCode;

    @Column(name = "exam_name")
    public String examName;

    @Column(name = "exam_date")
    public LocalDate examDate;

    @Column(name = "exam_site")
    public String examSite;

    public Integer score;
    public String grade;
    public Integer take;

    @Column(name = "expiration_date")
    public LocalDate expirationDate;

    /** {"items": [DescribedCode, ...]} in the API's own JSON shape. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode codes;

    public BigDecimal confidence;

    @Column(name = "extraction_method")
    public String extractionMethod;

    @Column(name = "processing_time_ms")
    public Integer processingTimeMs;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
