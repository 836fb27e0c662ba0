package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One exercise's tests in a JVM of their own, with Surefire's settings, on the class path this JVM
 * was started with: what {@link WrongAnswers} starts for each wrong answer, once the step's reference
 * answers are built and the wrong answer's files are compiled in front of them.
 *
 * <p>Usage: {@code TaggedRun <test classes folder> <exercise> <results.tsv>}, in the step's folder.
 */
public final class TaggedRun {

    private TaggedRun() {}

    public static void main(String[] args) throws IOException {
        Properties settings = QuickVerify.settings();
        if (settings == null) {
            System.err.println("the tools' test-run.properties is missing: ./mvnw install -pl course-tools");
            System.exit(2);
        }
        QuickVerify.watchdog(Long.parseLong(settings.getProperty("jvmTimeout", "600")));
        QuickVerify.runTests(Path.of(args[0]), args[1], Path.of(args[2]).toAbsolutePath(), settings);
        // Exit, not return: a test may leave a thread behind, and Surefire's JVM would not wait either.
        System.exit(0);
    }
}
