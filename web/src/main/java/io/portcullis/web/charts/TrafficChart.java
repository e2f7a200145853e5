package io.portcullis.web.charts;

import io.portcullis.core.application.TrafficView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A traffic chart for PrimeFaces' {@code p:chart} (a Chart.js configuration as JSON): bytes in and out per
 * interval over a range that ends now, with every interval present (nothing moved = 0) and the unit chosen from
 * the largest value so the axis reads "MB per minute" rather than long numbers.
 */
public final class TrafficChart {

  /** The ranges a page offers, with the width of one bar of the chart. */
  public enum Range {
    HOUR("Last hour", Duration.ofHours(1), Duration.ofMinutes(1), "HH:mm"),
    DAY("Last day", Duration.ofDays(1), Duration.ofMinutes(15), "HH:mm");

    private final String label;
    private final Duration length;
    private final Duration step;
    private final DateTimeFormatter format;

    Range(String label, Duration length, Duration step, String pattern) {
      this.label = label;
      this.length = length;
      this.step = step;
      this.format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    }

    public String label() {
      return label;
    }

    public Duration length() {
      return length;
    }

    public Duration step() {
      return step;
    }

    /** The start of the range that ends at {@code now}, on a bar boundary. */
    public Instant since(Instant now) {
      return end(now).minus(length);
    }

    Instant end(Instant now) {
      long stepSeconds = step.toSeconds();
      long seconds = now.getEpochSecond();
      return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, stepSeconds)).plus(step);
    }
  }

  /** Bytes per bar: {@code in} received by the gateways (sent by the devices), {@code out} sent to the devices. */
  public record Series(List<Instant> starts, long[] in, long[] out) {
    public long totalIn() {
      long sum = 0;
      for (long v : in) {
        sum += v;
      }
      return sum;
    }

    public long totalOut() {
      long sum = 0;
      for (long v : out) {
        sum += v;
      }
      return sum;
    }
  }

  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

  private TrafficChart() {}

  /** The volumes of {@code view} in bars of {@code range} ending at the bar that holds {@code now}. */
  public static Series series(TrafficView view, Range range, Instant now) {
    Instant end = range.end(now);
    Instant start = end.minus(range.length());
    int bars = (int) (range.length().toSeconds() / range.step().toSeconds());
    long[] in = new long[bars];
    long[] out = new long[bars];
    List<Instant> starts = new java.util.ArrayList<>(bars);
    for (int i = 0; i < bars; i++) {
      starts.add(start.plus(range.step().multipliedBy(i)));
    }
    for (TrafficView.Volume v : view.volumes()) {
      if (v.at().isBefore(start) || !v.at().isBefore(end)) {
        continue;
      }
      int bar = (int) (Duration.between(start, v.at()).toSeconds() / range.step().toSeconds());
      in[bar] += v.rxBytes();
      out[bar] += v.txBytes();
    }
    return new Series(starts, in, out);
  }

  /** The Chart.js configuration (JSON) of a series as a line chart, times shown in {@code zone}. */
  public static String json(Series series, Range range, ZoneId zone) {
    long max = 0;
    for (int i = 0; i < series.in().length; i++) {
      max = Math.max(max, Math.max(series.in()[i], series.out()[i]));
    }
    int unit = 0;
    double divisor = 1;
    while (unit < UNITS.length - 1 && max / divisor >= 1000) {
      divisor *= 1000;
      unit++;
    }
    String per = range.step().toMinutes() == 1 ? "minute" : range.step().toMinutes() + " minutes";
    StringBuilder labels = new StringBuilder();
    for (Instant start : series.starts()) {
      labels.append(labels.isEmpty() ? "" : ",").append('"').append(range.format.format(start.atZone(zone))).append('"');
    }
    return "{\"type\":\"line\",\"data\":{\"labels\":[" + labels + "],\"datasets\":["
        + dataset("In (from devices)", series.in(), divisor, "#2f6fb5")
        + "," + dataset("Out (to devices)", series.out(), divisor, "#d9822b")
        + "]},\"options\":{\"animation\":false,\"maintainAspectRatio\":false,\"interaction\":{\"mode\":\"index\",\"intersect\":false},"
        + "\"elements\":{\"point\":{\"radius\":0}},"
        + "\"scales\":{\"y\":{\"beginAtZero\":true,\"title\":{\"display\":true,\"text\":\"" + UNITS[unit] + " per " + per + "\"}},"
        + "\"x\":{\"ticks\":{\"maxTicksLimit\":12}}}}}";
  }

  private static String dataset(String label, long[] values, double divisor, String color) {
    StringBuilder data = new StringBuilder();
    for (long v : values) {
      double scaled = v / divisor;
      data.append(data.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.3f", scaled));
    }
    return "{\"label\":\"" + label + "\",\"data\":[" + data + "],\"borderColor\":\"" + color
        + "\",\"backgroundColor\":\"" + color + "33\",\"fill\":true,\"tension\":0.2,\"borderWidth\":2}";
  }

  /** A byte count for people: 1.5 MB, 320 B. */
  public static String bytes(long value) {
    int unit = 0;
    double scaled = value;
    while (unit < UNITS.length - 1 && scaled >= 1000) {
      scaled /= 1000;
      unit++;
    }
    return unit == 0 ? value + " B" : String.format(Locale.ROOT, "%.1f %s", scaled, UNITS[unit]);
  }

  /** "2 min ago" style age of {@code then} at {@code now}; "never" for null. */
  public static String ago(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    long seconds = Math.max(0, Duration.between(then, now).toSeconds());
    if (seconds < 60) {
      return seconds + " s ago";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min ago";
    }
    if (seconds < 86400) {
      return seconds / 3600 + " h ago";
    }
    return then.truncatedTo(ChronoUnit.MINUTES).toString();
  }
}
