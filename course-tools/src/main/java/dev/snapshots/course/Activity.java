package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the learner is: the step they last changed or verified. A step counts as worked on when one
 * of its starter files differs from the repository's last commit ({@code git status}) or when
 * {@code ./course verify} ran one of its exercises; the latest of those times wins. Any step can be
 * started at once, so the first unfinished step is not necessarily the one a learner is on.
 */
final class Activity {

    private Activity() {}

    static Optional<Course.Step> lastActiveStep(Course course) throws IOException {
        List<String> changed = changedFiles(course.root);
        Course.Step latest = null;
        FileTime latestTime = FileTime.fromMillis(0);
        for (Course.Step step : course.steps()) {
            List<Path> evidence = new ArrayList<>();
            String prefix = step.name() + "/src/";
            changed.stream()
                    .filter(f -> f.startsWith(prefix))
                    .map(course.root::resolve)
                    .forEach(evidence::add);
            Path verified = step.dir().resolve("target/verify");
            if (Files.isDirectory(verified)) {
                try (Stream<Path> runs = Files.list(verified)) {
                    runs.filter(f -> f.toString().endsWith(".tsv")).forEach(evidence::add);
                }
            }
            for (Path file : evidence) {
                FileTime time = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
                if (time.compareTo(latestTime) > 0) {
                    latest = step;
                    latestTime = time;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Files that differ from the last commit, relative to the root; none when git is not there. */
    static List<String> changedFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all", "--", ".")
                    .directory(root.toFile())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(git.getInputStream().readAllBytes());
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return List.of();
            }
            return out.lines()
                    .filter(line -> line.length() > 3)
                    .map(line -> line.substring(3))
                    .map(path -> path.contains(" -> ") ? path.substring(path.indexOf(" -> ") + 4) : path)
                    .map(path ->
                            path.startsWith("\"") && path.endsWith("\"") ? path.substring(1, path.length() - 1) : path)
                    .toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
