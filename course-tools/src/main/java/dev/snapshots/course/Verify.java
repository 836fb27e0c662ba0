package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The end of {@code ./course verify 3.2}: the scoreboard of the tests that just ran, alone on the
 * screen (Maven's output went to a log file, named when something did not run), and an exit status
 * a script or a watch loop can use: 0 when every test that ran passed.
 */
public final class Verify {

    private Verify() {}

    /** Usage: {@code Verify <step> <README.md> <exercise-results.tsv> <maven log>}. */
    public static void main(String[] args) throws IOException {
        System.exit(report(args[0], Path.of(args[1]), Path.of(args[2]), Path.of(args[3])));
    }

    /** Prints the scoreboard of {@code results} and returns the exit status. */
    static int report(String step, Path readme, Path results, Path log) throws IOException {
        Scoreboard board = Scoreboard.load(step, readme, results);
        System.out.println(board.render());
        if (!board.ran()) {
            System.out.println(
                    "Nothing ran: the step did not compile, or no test has that tag. Maven's output: " + log);
            if (Files.exists(log)) {
                Files.readAllLines(log).stream()
                        .filter(line -> line.startsWith("[ERROR]") && !line.contains("Help 1"))
                        .limit(8)
                        .forEach(System.out::println);
            }
        }
        return board.complete() ? 0 : 1;
    }
}
