package io.portcullis.web;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A QR code as inline SVG (one path, one unit per module), so a page can show a configuration for the WireGuard
 * mobile apps to scan without an image request and without keeping the text anywhere after the response.
 */
public final class QrCodeSvg {

  /** Modules of white border on each side, as the QR specification asks (quiet zone). */
  static final int QUIET_ZONE = 4;

  private QrCodeSvg() {}

  /** The SVG element for {@code text} at error correction level M, {@code pixels} wide. */
  public static String of(String text, int pixels) {
    ByteMatrix matrix;
    try {
      QRCode code = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
      matrix = code.getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("too long for a QR code: " + text.length() + " characters", e);
    }
    int size = matrix.getWidth() + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y) == 1) {
          path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"QR code of the configuration\""
        + " width=\"" + pixels + "\" height=\"" + pixels + "\" viewBox=\"0 0 " + size + " " + size + "\""
        + " shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }
}
