package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A learner's progress over the whole course, from the results each step's last test run recorded
 * ({@code target/exercise-results.tsv}). A step is run again only when there is nothing recorded,
 * when its last run was a filtered one ({@code ./course verify}), or when a file of the step changed
 * since: so after a full run the report takes seconds, not minutes. A step whose code is still the
 * starter as shipped is not run at all. Exits 1 while anything is
 * unfinished, so a script can use it. Usage: {@code ./course progress}.
 */
public final class Progress {

    private Progress() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target"));
        String next = null;
        String active = null;
        Optional<Course.Step> activeStep = Activity.lastActiveStep(course);
        List<String> lines = new ArrayList<>();
        for (Course.Step step : course.steps()) {
            Optional<String> stale = whyStale(step);
            if (stale.isPresent() && asShipped(step)) {
                // Nothing to run: on the starter as shipped every exercise's tests fail, which the
                // check proves on every CI run. So a first report takes seconds, not minutes.
                List<StepReadme.Exercise> exercises =
                        StepReadme.read(step.readme()).exercises();
                StepReadme.Exercise first = exercises.get(0);
                String status = "not started: next " + first.id() + " " + first.title();
                int total = exercises.size();
                if (next == null) {
                    next = step.name() + ": " + status;
                }
                if (activeStep.filter(step::equals).isPresent()) {
                    active = step.name() + ": " + status;
                }
                lines.add(String.format("%-28s %-12s %s", step.name(), bar(0, total), status));
                continue;
            }
            Course.Run run = null;
            if (stale.isPresent()) {
                System.out.printf("%s: %s; running its tests …%n", step.name(), stale.get());
                run = course.maven(
                        "progress-" + step.name(), "test", "-pl", step.name(), "-Dcourse.scoreboard.skip=true");
            }
            Scoreboard board = Scoreboard.load(step.name(), step.readme(), step.starterResults());
            int total = board.exercises().size();
            long done = board.doneCount();
            String status;
            if (!board.ran()) {
                status = "did not compile or could not run" + (run == null ? "" : ": see " + run.log());
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
            if (activeStep.filter(step::equals).isPresent() && !board.complete()) {
                active = step.name() + ": " + status;
            }
            lines.add(String.format("%-28s %-12s %s", step.name(), bar(done, total), status));
        }
        System.out.println();
        System.out.printf("%-28s %-12s %s%n", "step", "exercises", "status");
        lines.forEach(System.out::println);
        System.out.println();
        if (next == null) {
            System.out.println("Every step is done. Congratulations!");
        } else if (active != null) {
            System.out.println("Work on " + active + "   (the step you last changed or verified)");
        } else {
            System.out.println("Work on " + next);
        }
        System.exit(next == null ? 0 : 1);
    }

    /**
     * True when the step's {@code src/main/java} is the starter as shipped, file for file (its
     * manifest, {@link StarterManifest}): no exercise of it can be done yet.
     */
    static boolean asShipped(Course.Step step) throws IOException {
        Path manifest = step.solutionDir().resolve(StarterManifest.FILE);
        return Files.exists(manifest)
                && Files.readString(manifest, Sources.CHARSET)
                        .equals(StarterManifest.render(Sources.files(step.dir().resolve("src/main/java"))));
    }

    /** Why the recorded results of {@code step} cannot be trusted any more; empty when they can. */
    static Optional<String> whyStale(Course.Step step) throws IOException {
        Path results = step.starterResults();
        if (!Files.exists(results)) {
            return Optional.of("no results recorded yet");
        }
        Scoreboard board = Scoreboard.load(step.name(), step.readme(), results);
        if (!board.ran()) {
            return Optional.of("its last run did not finish");
        }
        if (board.filtered()) {
            return Optional.of("its last run was of one exercise only");
        }
        FileTime recorded = Files.getLastModifiedTime(results);
        try (Stream<Path> files = Stream.concat(
                Files.walk(step.dir().resolve("src")), Stream.of(step.dir().resolve("pom.xml")))) {
            Optional<Path> changed = files.filter(Files::isRegularFile)
                    .filter(file -> modified(file).compareTo(recorded) > 0)
                    .findFirst();
            return changed.map(file -> step.dir().relativize(file) + " changed since its last run");
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    private static String bar(long done, int total) {
        return "#".repeat((int) done) + ".".repeat((int) Math.max(0, total - done)) + " " + done + "/" + total;
    }
}
