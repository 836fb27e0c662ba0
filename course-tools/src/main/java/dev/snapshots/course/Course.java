package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The course's layout on disk: its steps, their solutions, and the Maven wrapper that builds them. */
final class Course {

    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d\\d)-[a-z0-9-]+");

    record Step(String name, int number, Path dir, Path solutionDir) {
        Path readme() {
            return dir.resolve("README.md");
        }

        Path starterResults() {
            return dir.resolve("target/exercise-results.tsv");
        }

        Path solutionResults() {
            return dir.resolve("target/solutions/exercise-results.tsv");
        }

        Path results(boolean solution) {
            return solution ? solutionResults() : starterResults();
        }
    }

    record Run(int exitCode, Duration took, Path log) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** How long a run's tests took, as {@link ResultsRecorder} measured it; empty if they did not run. */
    static Optional<Duration> testTime(Path results) throws IOException {
        Path file = ResultsRecorder.timeFile(results);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(
                Duration.ofMillis(Long.parseLong(Files.readAllLines(file).get(0).strip())));
    }

    /**
     * The share of the machine other processes took while a run's tests ran (its second line, see
     * {@link MachineShare}); 0 when it was not recorded.
     */
    static double othersShare(Path results) throws IOException {
        Path file = ResultsRecorder.timeFile(results);
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file);
        return lines.size() < 2 ? 0 : Double.parseDouble(lines.get(1).strip());
    }

    final Path root;
    final Path logs;

    Course(Path root, Path logs) {
        this.root = root;
        this.logs = logs;
    }

    List<Step> steps() throws IOException {
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                Matcher m = STEP_DIR.matcher(dir.getFileName().toString());
                if (Files.isDirectory(dir) && m.matches()) {
                    String name = m.group();
                    steps.add(new Step(
                            name,
                            Integer.parseInt(m.group(1)),
                            dir,
                            root.resolve("solutions").resolve(name)));
                }
            }
        }
        return steps;
    }

    /** Selects steps by name or number ("step-03-load-balancer", "03", "3"); none given means all. */
    List<Step> select(List<String> wanted) throws IOException {
        List<Step> all = steps();
        if (wanted.isEmpty()) {
            return all;
        }
        List<Step> chosen = new ArrayList<>();
        for (String w : wanted) {
            String name = w.replaceAll("/+$", "");
            Step match = all.stream()
                    .filter(s -> s.name().equals(name) || name.matches("\\d+") && s.number() == Integer.parseInt(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no such step: " + w));
            chosen.add(match);
        }
        return chosen;
    }

    /** Runs the Maven wrapper with the given arguments, its output going to a log file. */
    Run maven(String logName, String... args) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Path log = logs.resolve(logName + ".log");
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-ntp"));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        int exit = process.waitFor();
        return new Run(exit, Duration.ofNanos(System.nanoTime() - start), root.relativize(log));
    }
}
