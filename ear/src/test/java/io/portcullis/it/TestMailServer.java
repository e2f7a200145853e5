package io.portcullis.it;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/**
 * A real SMTP server for the settings tests: GreenMail in the test JVM on a free port of 127.0.0.1, with one
 * account ({@link #USER} / {@link #PASSWORD}) whose credentials it checks when a client logs in.
 */
public final class TestMailServer implements AutoCloseable {

  public static final String USER = "app";
  public static final String PASSWORD = "app-pw";

  private final GreenMail mail;
  private final int port;

  private TestMailServer(GreenMail mail, int port) {
    this.mail = mail;
    this.port = port;
  }

  public static TestMailServer start() throws IOException {
    int port = freePort();
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("app@example.org", USER, PASSWORD));
    mail.start();
    return new TestMailServer(mail, port);
  }

  public int port() {
    return port;
  }

  /** Waits up to {@code millis} for {@code count} mails in total; answers all mails received so far. */
  public List<MimeMessage> await(int count, long millis) {
    mail.waitForIncomingEmail(millis, count);
    return List.of(mail.getReceivedMessages());
  }

  /** A port nothing listens on now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    mail.stop();
  }
}
