package io.portcullis.gateway.config;

/**
 * A wg-quick configuration file that cannot be used, with its place: the message reads
 * {@code FILE:LINE: key 'X': what is wrong} (or {@code FILE:LINE: what is wrong} for a line without a key).
 */
public final class ConfigException extends Exception {
  private final String file;
  private final int line;
  private final String key;
  private final String problem;

  /**
   * @param file the file name as the user gave it
   * @param line 1-based line number, 0 when the problem concerns the whole file
   * @param key the key as written in the file, or {@code null}
   * @param problem what is wrong, one sentence without the location
   */
  public ConfigException(String file, int line, String key, String problem) {
    super(format(file, line, key, problem));
    this.file = file;
    this.line = line;
    this.key = key;
    this.problem = problem;
  }

  private static String format(String file, int line, String key, String problem) {
    StringBuilder s = new StringBuilder(file);
    if (line > 0) {
      s.append(':').append(line);
    }
    s.append(": ");
    if (key != null) {
      s.append("key '").append(key).append("': ");
    }
    return s.append(problem).toString();
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  /** The key as written, or {@code null} for section and syntax errors. */
  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }
}
