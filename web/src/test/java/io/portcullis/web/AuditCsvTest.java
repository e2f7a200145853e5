package io.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.core.domain.model.audit.AuditAction;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audit export's CSV fields and the filters the page and the export share. */
class AuditCsvTest {

  @Test
  void fieldsAreQuotedOnlyWhenNeeded() {
    assertThat(AuditCsvServlet.field(null)).isEmpty();
    assertThat(AuditCsvServlet.field("alice")).isEqualTo("alice");
    assertThat(AuditCsvServlet.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditCsvServlet.field("{\"name\":\"x\"}")).isEqualTo("\"{\"\"name\"\":\"\"x\"\"}\"");
    assertThat(AuditCsvServlet.field("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void formulasDoNotRunInSpreadsheets() {
    assertThat(AuditCsvServlet.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(AuditCsvServlet.field("+1")).isEqualTo("'+1");
    assertThat(AuditCsvServlet.field("-")).isEqualTo("'-");
    assertThat(AuditCsvServlet.field("@a")).isEqualTo("'@a");
  }

  @Test
  void daysAreWholeUtcDaysBothInclusive() {
    AuditFilter f = new AuditFilterParameters(" admin ", "user", "delete", "2026-01-30", "2026-01-31").toFilter();
    assertThat(f.actor()).isEqualTo("admin");
    assertThat(f.objectType()).isEqualTo("user");
    assertThat(f.action()).isEqualTo(AuditAction.DELETE);
    assertThat(f.from()).isEqualTo(Instant.parse("2026-01-30T00:00:00Z"));
    assertThat(f.to()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
  }

  @Test
  void blankFiltersSelectEverything() {
    assertThat(new AuditFilterParameters("", " ", null, "", null).toFilter())
        .isEqualTo(new AuditFilter(null, null, null, null, null, null));
  }

  @Test
  void badFiltersNameTheirField() {
    assertThatThrownBy(() -> new AuditFilterParameters(null, null, "erase", null, null).toFilter())
        .isInstanceOfSatisfying(AuditFilterParameters.InvalidFilter.class, e -> assertThat(e.field()).isEqualTo("action"));
    assertThatThrownBy(() -> new AuditFilterParameters(null, null, null, "31.01.2026", null).toFilter())
        .isInstanceOfSatisfying(AuditFilterParameters.InvalidFilter.class, e -> assertThat(e.field()).isEqualTo("from"));
    assertThatThrownBy(() -> new AuditFilterParameters(null, null, null, "2026-02-01", "2026-01-01").toFilter())
        .isInstanceOfSatisfying(AuditFilterParameters.InvalidFilter.class, e -> assertThat(e.field()).isEqualTo("to"));
  }
}
