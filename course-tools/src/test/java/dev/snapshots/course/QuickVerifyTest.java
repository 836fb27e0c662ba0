package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickVerifyTest {

    @Test
    void the_settings_are_the_parent_poms_filled_in() throws Exception {
        Properties settings = QuickVerify.settings();

        assertThat(settings).as("test-run.properties on the tools' class path").isNotNull();
        assertThat(settings.stringPropertyNames())
                .as("every setting filled in from the POM")
                .allSatisfy(key -> assertThat(settings.getProperty(key)).doesNotContain("${"));
        assertThat(settings.getProperty("jvm")).contains("-XX:");
        assertThat(Long.parseLong(settings.getProperty("jvmTimeout"))).isPositive();
        assertThat(settings.getProperty("system.h2.delayWrongPasswordMin")).isNotBlank();
        assertThat(settings.getProperty("junit.jupiter.execution.parallel.enabled"))
                .isEqualTo("true");
        assertThat(settings.getProperty("junit.jupiter.execution.timeout.default"))
                .matches("\\d+ s");
    }

    @Test
    void a_file_that_does_not_compile_sends_the_run_to_maven(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("Broken.java"), "class Broken { garbage here; }");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        boolean compiled = QuickVerify.compile(List.of(broken), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(compiled).isFalse();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Broken.java");
    }
}
