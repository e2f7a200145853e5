package io.portcullis.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySettingsLoaderTest {
  @TempDir Path dir;

  @Test
  void flagsWinOverEnvironmentWhichWinsOverTheFile() throws Exception {
    Path file = dir.resolve("gateway.conf");
    Files.writeString(
        file,
        """
        # gateway settings
        PORTCULLIS_GRPC_URL = https://file.example:1234
        PORTCULLIS_TOKEN = "pgw_fromfile"
        PORTCULLIS_INTERFACE = wgfile
        PORTCULLIS_STATS_INTERVAL = 5
        """);
    var settings =
        GatewaySettingsLoader.load(
            List.of("--config", file.toString(), "--token=pgw_fromflag", "--userspace"),
            Map.of("PORTCULLIS_TOKEN", "pgw_fromenv", "PORTCULLIS_INTERFACE", "wgenv"));
    assertThat(settings.grpcUrl()).isEqualTo("https://file.example:1234");
    assertThat(settings.host()).isEqualTo("file.example");
    assertThat(settings.port()).isEqualTo(1234);
    assertThat(settings.token()).isEqualTo("pgw_fromflag");
    assertThat(settings.interfaceName()).isEqualTo("wgenv");
    assertThat(settings.userspace()).isTrue();
    assertThat(settings.statsInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void urlForms() throws Exception {
    var s =
        GatewaySettingsLoader.load(
            List.of("--grpc-url", "http://[fd00::1]", "--token", "pgw_x"),
            Map.of());
    assertThat(s.host()).isEqualTo("fd00::1");
    assertThat(s.port()).isEqualTo(GatewaySettings.DEFAULT_GRPC_PORT);
    assertThat(s.plaintext()).isTrue();
  }

  @Test
  void clearErrors() {
    assertThatThrownBy(() -> GatewaySettingsLoader.load(List.of("--token", "x"), Map.of("PORTCULLIS_CONFIG", "/none")))
        .hasMessageContaining("/none");
    assertThatThrownBy(
            () -> GatewaySettingsLoader.load(List.of("--grpc-url", "core:50055", "--token", "x"), Map.of()))
        .hasMessageContaining("PORTCULLIS_GRPC_URL");
    assertThatThrownBy(() -> GatewaySettingsLoader.load(List.of("--grpc-url", "https://c"), Map.of()))
        .hasMessageContaining("PORTCULLIS_TOKEN");
    assertThatThrownBy(() -> GatewaySettingsLoader.load(List.of("--bogus", "1"), Map.of()))
        .hasMessageContaining("--bogus");
    assertThatThrownBy(
            () ->
                GatewaySettingsLoader.load(
                    List.of("--grpc-url", "https://c", "--token", "t", "--stats-interval", "0"), Map.of()))
        .hasMessageContaining("PORTCULLIS_STATS_INTERVAL");
  }

  @Test
  void unknownKeyInTheFileNamesFileAndLine() throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "PORTCULLIS_TOKEN = a\nPORTCULLIS_NOPE = b\n");
    assertThatThrownBy(() -> GatewaySettingsLoader.load(List.of("--config", file.toString()), Map.of()))
        .hasMessageContaining("bad.conf:2")
        .hasMessageContaining("PORTCULLIS_NOPE");
  }
}
