package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path root;

    /** A course of one step with two exercises, and the results its last run recorded. */
    private Course fixture(String results) throws Exception {
        Path step = root.resolve("step-03-load-balancer");
        Files.createDirectories(step.resolve("target"));
        Files.writeString(step.resolve("README.md"), """
                ### Exercise 3.1: Forwarding
                <details><summary>Hint</summary>copy</details>
                ### Exercise 3.2: Round robin
                <details><summary>Hint</summary>count</details>
                """);
        if (results != null) {
            Files.writeString(step.resolve("target/exercise-results.tsv"), results);
        }
        return new Course(root, root.resolve("target"));
    }

    @Test
    void the_report_says_per_exercise_done_or_not_and_the_first_failing_test() throws Exception {
        Course course = fixture("PASSED\t3.1\tForwardingTest.copies\t\n"
                + "FAILED\t3.2\tRoundRobinTest.spreads\texpected 10 but was 30\n");

        Report.LearnerReport report = Report.build(course, "abc1234", "Ada <ada@example.com>");

        assertThat(report.format()).isEqualTo(Report.FORMAT);
        assertThat(report.done()).isEqualTo(1);
        List<Report.Exercise> exercises = report.steps().get(0).exercises();
        assertThat(exercises).extracting(Report.Exercise::id).containsExactly("3.1", "3.2");
        assertThat(exercises.get(0).done()).isTrue();
        assertThat(exercises.get(1).done()).isFalse();
        assertThat(exercises.get(1).firstFailure()).isEqualTo("RoundRobinTest.spreads: expected 10 but was 30");
        assertThat(report.steps().get(0).lastRun()).isNotEmpty();

        String json = Report.JSON.writeValueAsString(report);
        assertThat(Report.JSON.readValue(json, Report.LearnerReport.class)).isEqualTo(report);
        assertThat(Report.html(report))
                .contains("Ada &lt;ada@example.com&gt;")
                .contains("3.2")
                .contains("failing");
    }

    @Test
    void a_step_that_never_ran_is_reported_as_not_run() throws Exception {
        Report.LearnerReport report = Report.build(fixture(null), "v", "");

        assertThat(report.steps().get(0).exercises()).allMatch(e -> !e.ran() && !e.done());
        assertThat(report.steps().get(0).lastRun()).isEmpty();
    }

    @Test
    void the_class_view_reads_each_learners_report_names_where_they_are_stuck_and_skips_what_is_not_one()
            throws Exception {
        Path reports = Files.createDirectories(root.resolve("class"));
        String stuck = "FAILED\t3.2\tRoundRobinTest.spreads\texpected 10 but was 30\n";
        write(
                reports.resolve("ada/course-report.json"),
                Report.build(fixture("PASSED\t3.1\tF.copies\t\n" + stuck), "v", "Ada"));
        write(
                reports.resolve("bob/course-report.json"),
                Report.build(fixture("FAILED\t3.1\tF.copies\tno\n" + stuck), "v", "Bob"));
        Files.createDirectories(reports.resolve("eve"));
        Files.writeString(reports.resolve("eve/course-report.json"), "{\"steps\": [ not json");
        Files.writeString(reports.resolve("eve/package.json"), "{\"name\": \"something else\"}");

        Report.ClassView view = Report.ClassView.read(reports);

        assertThat(view.learners()).containsOnlyKeys("Ada", "Bob");
        assertThat(view.skipped())
                .extracting(s -> s.file().getFileName().toString())
                .containsExactlyInAnyOrder("course-report.json", "package.json");
        assertThat(view.stuckOn("3.2")).hasValueSatisfying(s -> {
            assertThat(s.getKey()).isEqualTo("RoundRobinTest.spreads");
            assertThat(s.getValue()).isEqualTo(2);
        });
        assertThat(view.html())
                .contains("Ada")
                .contains("Bob")
                .contains("RoundRobinTest.spreads")
                .contains("Skipped");
    }

    private static void write(Path file, Report.LearnerReport report) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Report.JSON.writeValueAsString(report));
    }
}
