package io.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG's modules, painted back into pixels, decode to the text with ZXing's reader. */
class QrCodeSvgTest {

  private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
  private static final int SCALE = 4;

  @Test
  void aWgQuickFileSurvivesTheRoundTrip() throws Exception {
    String config = """
        [Interface]
        PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=
        Address = 10.10.0.2/32, fd00:10::2/128
        DNS = 10.10.0.1

        [Peer]
        PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=
        AllowedIPs = 10.10.0.0/24, fd00:10::/64
        Endpoint = vpn.example.com:51820
        PersistentKeepalive = 25
        """;
    assertThat(decode(QrCodeSvg.of(config, 320))).isEqualTo(config);
  }

  @Test
  void nonAsciiTextIsEncodedAsUtf8() throws Exception {
    assertThat(decode(QrCodeSvg.of("Büro-Zürich ✓", 200))).isEqualTo("Büro-Zürich ✓");
  }

  @Test
  void theSvgHasTheRequestedSizeAndALabel() {
    String svg = QrCodeSvg.of("x", 123);
    assertThat(svg).startsWith("<svg ").contains("width=\"123\"").contains("aria-label=");
  }

  @Test
  void textBeyondTheLargestQrCodeIsRefused() {
    assertThatThrownBy(() -> QrCodeSvg.of("x".repeat(8000), 100)).isInstanceOf(IllegalArgumentException.class);
  }

  private static String decode(String svg) throws Exception {
    Matcher box = VIEW_BOX.matcher(svg);
    assertThat(box.find()).isTrue();
    int size = Integer.parseInt(box.group(1));
    int pixels = size * SCALE;
    int[] rgb = new int[pixels * pixels];
    Arrays.fill(rgb, 0xFFFFFF);
    Matcher m = MODULE.matcher(svg);
    while (m.find()) {
      int x = Integer.parseInt(m.group(1));
      int y = Integer.parseInt(m.group(2));
      for (int dy = 0; dy < SCALE; dy++) {
        for (int dx = 0; dx < SCALE; dx++) {
          rgb[(y * SCALE + dy) * pixels + x * SCALE + dx] = 0;
        }
      }
    }
    RGBLuminanceSource source = new RGBLuminanceSource(pixels, pixels, rgb);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
  }
}
