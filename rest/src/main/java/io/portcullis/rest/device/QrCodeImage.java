package io.portcullis.rest.device;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/** Renders text as a QR code in a PNG, as the WireGuard mobile apps scan configurations. */
final class QrCodeImage {

  /** Pixels per side; large enough for a full wg-quick file at error correction level M. */
  static final int SIZE = 512;

  private QrCodeImage() {}

  static byte[] png(String text) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  SIZE,
                  SIZE,
                  Map.of(
                      EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN, 2));
      BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < matrix.getHeight(); y++) {
        for (int x = 0; x < matrix.getWidth(); x++) {
          image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (WriterException e) {
      throw new IllegalStateException("configuration too large for a QR code", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
