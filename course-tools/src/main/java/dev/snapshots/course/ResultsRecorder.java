package dev.snapshots.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records every test result with the exercise it belongs to, so that the scoreboard, the progress
 * report and the consistency check can say which exercises are done. JUnit finds this listener
 * through {@code META-INF/services}; the file it writes comes from the {@code course.results}
 * system property that the parent POM gives Surefire. Without that property it does nothing.
 * It also records how long the whole test plan took, in {@link #timeFile} beside the results: the
 * tests' own time, without Maven's compiling, which the check holds to a budget (CONTRIBUTING.md),
 * and on a second line the share of the machine other processes took meanwhile ({@link MachineShare}).
 */
public final class ResultsRecorder implements TestExecutionListener {

    /** Exercise tags look like "3.2": step 3, exercise 2. */
    static final Pattern EXERCISE_ID = Pattern.compile("\\d+\\.\\d+");

    private final Path file;
    /** Where the servers' logged errors stood when each running test started. */
    private final Map<String, Long> errorsAtStart = new ConcurrentHashMap<>();

    private TestPlan plan;
    private long started;
    private MachineShare machine;

    public ResultsRecorder() {
        String property = System.getProperty("course.results");
        this.file = property == null ? null : Path.of(property);
    }

    /** Where the wall time of the test plan goes: {@code test-time.txt} beside the results, in milliseconds. */
    static Path timeFile(Path results) {
        return results.toAbsolutePath().resolveSibling("test-time.txt");
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
        this.started = System.nanoTime();
        this.machine = MachineShare.start();
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "");
            Files.deleteIfExists(timeFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (file == null) {
            return;
        }
        try {
            // The wall time, then the share of the machine other processes took meanwhile (promise "fast").
            Files.writeString(
                    timeFile(file),
                    (System.nanoTime() - started) / 1_000_000 + "\n"
                            + String.format(java.util.Locale.ROOT, "%.3f", machine.othersShare()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        errorsAtStart.put(id.getUniqueId(), ServerErrors.mark());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            record(new TestResult(TestResult.Status.SKIPPED, exerciseOf(id), nameOf(id), reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED
                && (id.isTest() || id.getSource().isPresent())) {
            // An assumption that did not hold (a suite that cannot run before an exercise is done): skipped.
            String reason = result.getThrowable().map(ResultsRecorder::describe).orElse("aborted");
            record(new TestResult(TestResult.Status.SKIPPED, exerciseOf(id), nameOf(id), reason));
            return;
        }
        boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        // A class whose set-up failed reports no tests at all: record the class itself instead.
        if (!id.isTest() && !(failed && id.getSource().isPresent())) {
            return;
        }
        String message = result.getThrowable().map(ResultsRecorder::describe).orElse("");
        Long mark = errorsAtStart.remove(id.getUniqueId());
        if (failed && mark != null) {
            // What the test saw from outside may be a bare "500": add what the server logged meanwhile.
            message += ServerErrors.firstSince(mark)
                    .map(e -> " · logged by a server meanwhile: " + e)
                    .orElse("");
        }
        TestResult.Status status = failed ? TestResult.Status.FAILED : TestResult.Status.PASSED;
        record(new TestResult(status, exerciseOf(id), nameOf(id), message));
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : message;
    }

    private String exerciseOf(TestIdentifier id) {
        return id.getTags().stream()
                .map(TestTag::getName)
                .filter(tag -> EXERCISE_ID.matcher(tag).matches())
                .findFirst()
                .orElse("");
    }

    private String nameOf(TestIdentifier id) {
        String name = id.getDisplayName();
        if (plan != null && id.isTest()) {
            name = plan.getParent(id).map(p -> p.getDisplayName() + " › ").orElse("") + name;
        }
        return name;
    }

    private synchronized void record(TestResult result) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, result.toLine(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
