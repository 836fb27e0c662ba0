package dev.snapshots.course;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Maven run of a step's tests, on the starter or on the solution: its outcome, how long its tests
 * took (as {@link ResultsRecorder} measured them), the share of the machine other processes took
 * meanwhile, and the server processes it left behind.
 */
record StepRun(Course.Run maven, Optional<Duration> tests, double othersShare, List<String> leftovers) {

    /** Cleans and tests the step (with {@code -Psolutions} for the solution), without the scoreboard. */
    static StepRun of(Course course, Course.Step step, boolean solution) throws IOException, InterruptedException {
        java.nio.file.Files.deleteIfExists(step.results(solution));
        java.nio.file.Files.deleteIfExists(ResultsRecorder.timeFile(step.results(solution)));
        LeftoverServers servers = LeftoverServers.before();
        Course.Run run = solution
                ? course.maven(
                        step.name() + "-solution",
                        "clean",
                        "test",
                        "-pl",
                        step.name(),
                        "-Psolutions",
                        "-Dcourse.scoreboard.skip=true")
                : course.maven(
                        step.name() + "-starter", "clean", "test", "-pl", step.name(), "-Dcourse.scoreboard.skip=true");
        List<String> leftovers = servers.leftBehind();
        return new StepRun(
                run, Course.testTime(step.results(solution)), Course.othersShare(step.results(solution)), leftovers);
    }
}
