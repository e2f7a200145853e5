package io.portcullis.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The constant-time comparisons give the same answers as the plain ones. */
class ConstantTimeTest {

  @Test
  void equalsLooksAtTheGivenRangesOnly() {
    byte[] a = {1, 2, 3, 4, 5};
    byte[] b = {9, 2, 3, 4, 9};
    assertThat(ConstantTime.equals(a, 1, b, 1, 3)).isTrue();
    assertThat(ConstantTime.equals(a, 0, b, 0, 5)).isFalse();
    assertThat(ConstantTime.equals(a, 0, b, 0, 0)).isTrue();
    for (int i = 0; i < 5; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] c = a.clone();
        c[i] ^= (byte) (1 << bit);
        assertThat(ConstantTime.equals(a, 0, c, 0, 5)).isFalse();
      }
    }
  }

  @Test
  void isZeroSeesEveryBit() {
    byte[] z = new byte[32];
    assertThat(ConstantTime.isZero(z, 0, 32)).isTrue();
    for (int i = 0; i < 32; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] c = z.clone();
        c[i] = (byte) (1 << bit);
        assertThat(ConstantTime.isZero(c, 0, 32)).isFalse();
        assertThat(ConstantTime.isZero(c, 0, i)).isTrue();
      }
    }
  }
}
