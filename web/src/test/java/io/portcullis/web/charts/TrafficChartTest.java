package io.portcullis.web.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.core.application.TrafficView;
import io.portcullis.web.charts.TrafficChart.Range;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficChartTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:17:42Z");

  private static TrafficView view(TrafficView.Volume... volumes) {
    return new TrafficView("location", 1, 0, 0, null, List.of(), List.of(), List.of(volumes));
  }

  @Test
  void theHourHasSixtyMinutesEndingWithTheCurrentOne() {
    TrafficChart.Series s = TrafficChart.series(view(
        new TrafficView.Volume(Instant.parse("2026-11-25T10:17:00Z"), 100, 7),
        new TrafficView.Volume(Instant.parse("2026-11-25T09:18:00Z"), 5, 6),
        new TrafficView.Volume(Instant.parse("2026-11-25T09:17:00Z"), 999, 999), // one minute too old
        new TrafficView.Volume(Instant.parse("2026-11-25T10:18:00Z"), 999, 999)), // in the future
        Range.HOUR, NOW);
    assertThat(s.starts()).hasSize(60);
    assertThat(s.starts().getFirst()).isEqualTo(Instant.parse("2026-11-25T09:18:00Z"));
    assertThat(s.starts().getLast()).isEqualTo(Instant.parse("2026-11-25T10:17:00Z"));
    assertThat(s.in()[0]).isEqualTo(5);
    assertThat(s.out()[0]).isEqualTo(6);
    assertThat(s.in()[59]).isEqualTo(100);
    assertThat(s.out()[59]).isEqualTo(7);
    assertThat(s.totalIn()).isEqualTo(105);
    assertThat(s.totalOut()).isEqualTo(13);
  }

  @Test
  void theDaySumsMinutesIntoQuarterHours() {
    TrafficChart.Series s = TrafficChart.series(view(
        new TrafficView.Volume(Instant.parse("2026-11-25T10:15:00Z"), 1, 10),
        new TrafficView.Volume(Instant.parse("2026-11-25T10:16:00Z"), 2, 20),
        new TrafficView.Volume(Instant.parse("2026-11-25T10:14:00Z"), 4, 40), // the previous quarter
        new TrafficView.Volume(Instant.parse("2026-11-24T10:30:00Z"), 8, 80)), // an hourly bucket, first bar
        Range.DAY, NOW);
    assertThat(s.starts()).hasSize(96);
    assertThat(s.starts().getFirst()).isEqualTo(Instant.parse("2026-11-24T10:30:00Z"));
    assertThat(s.in()[95]).isEqualTo(3);
    assertThat(s.out()[95]).isEqualTo(30);
    assertThat(s.in()[94]).isEqualTo(4);
    assertThat(s.in()[0]).isEqualTo(8);
  }

  @Test
  void theChartIsChartJsJsonInAReadableUnit() {
    TrafficChart.Series s = TrafficChart.series(view(
        new TrafficView.Volume(Instant.parse("2026-11-25T10:17:00Z"), 2_500_000, 1_000)), Range.HOUR, NOW);
    JsonObject chart = Json.createReader(new StringReader(TrafficChart.json(s, Range.HOUR, ZoneOffset.UTC))).readObject();
    assertThat(chart.getString("type")).isEqualTo("line");
    assertThat(chart.getJsonObject("data").getJsonArray("labels")).hasSize(60);
    assertThat(chart.getJsonObject("data").getJsonArray("labels").getString(59)).isEqualTo("10:17");
    var in = chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
    assertThat(in.getString("label")).startsWith("In");
    assertThat(in.getJsonArray("data").getJsonNumber(59).doubleValue()).isEqualTo(2.5);
    assertThat(in.getJsonArray("data").getJsonNumber(0).doubleValue()).isZero();
    var out = chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(1);
    assertThat(out.getJsonArray("data").getJsonNumber(59).doubleValue()).isEqualTo(0.001);
    assertThat(chart.getJsonObject("options").getJsonObject("scales").getJsonObject("y").getJsonObject("title").getString("text"))
        .isEqualTo("MB per minute");
  }

  @Test
  void bytesAndAgesReadLikeText() {
    assertThat(TrafficChart.bytes(999)).isEqualTo("999 B");
    assertThat(TrafficChart.bytes(1_500_000)).isEqualTo("1.5 MB");
    assertThat(TrafficChart.ago(null, NOW)).isEqualTo("never");
    assertThat(TrafficChart.ago(NOW.minusSeconds(42), NOW)).isEqualTo("42 s ago");
    assertThat(TrafficChart.ago(NOW.minusSeconds(125), NOW)).isEqualTo("2 min ago");
  }
}
