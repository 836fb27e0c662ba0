package dev.snapshots.course;

import java.nio.file.Path;

/**
 * A learner's progress over the whole course: runs every step's tests (all of them, even after a
 * step fails), then prints one line per step and the exercise to do next.
 * Usage: {@code ./course progress}.
 */
public final class Progress {

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target"));
        System.out.println("Running every step's tests (a few minutes; the log is target/progress.log) …");
        Course.Run run = course.maven("progress", "test", "--fail-at-end", "-Dcourse.scoreboard.skip=true");

        String next = null;
        System.out.println();
        System.out.printf("%-28s %-12s %s%n", "step", "exercises", "status");
        for (Course.Step step : course.steps()) {
            Scoreboard board = Scoreboard.load(step.name(), step.readme(), step.starterResults());
            int total = board.exercises().size();
            long done = board.doneCount();
            String status;
            if (!board.ran()) {
                status = "did not compile or could not run: see " + run.log();
            } else if (board.complete()) {
                status = "done";
            } else if (board.next().isPresent()) {
                StepReadme.Exercise e = board.next().get();
                status = "next: " + e.id() + " " + e.title();
            } else {
                status = "exercises done, but an earlier property broke: ./mvnw test -pl " + step.name();
            }
            if (next == null && !board.complete()) {
                next = step.name() + ": " + status;
            }
            System.out.printf("%-28s %-12s %s%n", step.name(), bar(done, total), status);
        }
        System.out.println();
        System.out.println(next == null ? "Every step is done. Congratulations!" : "Work on " + next);
    }

    private static String bar(long done, int total) {
        return "#".repeat((int) done) + ".".repeat((int) Math.max(0, total - done)) + " " + done + "/" + total;
    }
}
