package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

class ServerErrorsTest {

    @Test
    void an_error_a_server_logs_is_described_by_its_innermost_cause_and_the_course_code_it_came_from() {
        LoggerContext context = new LoggerContext();
        ServerErrorsAppender appender = new ServerErrorsAppender();
        appender.setContext(context);
        appender.start();
        Logger log = context.getLogger("dev.snapshots.web.ErrorResponses");
        log.addAppender(appender);
        long mark = ServerErrors.mark();

        log.info("not an error: not recorded");
        log.error("unexpected error on POST /api/users", new IllegalStateException("wrapper", thrownInCourseCode()));

        assertThat(ServerErrors.firstSince(mark))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("IllegalArgumentException at web.UserRoutes.createUser (UserRoutes.java:42)")
                        .endsWith(": email too long"));
        assertThat(ServerErrors.firstSince(ServerErrors.mark())).isEmpty();
    }

    @Test
    void a_long_message_is_cut_and_a_trace_without_course_code_names_no_place() {
        String line = ServerErrors.describe("java.lang.RuntimeException", "x".repeat(500), new StackTraceElement[0]);

        assertThat(line).startsWith("RuntimeException: xxx").endsWith("…").hasSizeLessThan(200);
    }

    private static Exception thrownInCourseCode() {
        IllegalArgumentException cause = new IllegalArgumentException("email too long");
        cause.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.h2.Driver", "run", "Driver.java", 1),
            new StackTraceElement("dev.snapshots.web.UserRoutes", "createUser", "UserRoutes.java", 42)
        });
        return cause;
    }
}
