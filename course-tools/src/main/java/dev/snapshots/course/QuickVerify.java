package dev.snapshots.course;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The quick path of {@code ./course verify 3.2}: one JVM, no Maven. Started by {@code ./course} in the
 * step's folder, on the step's test class path (recorded by the last Maven run), once Maven has built
 * the step and only Java sources changed since. It compiles the changed files into Maven's output
 * folders, runs the exercise's tests on the JUnit Platform with the settings Surefire uses (the
 * parent POM's, through {@code test-run.properties}), and prints the scoreboard as {@link Verify}
 * does.
 *
 * <p>Exit status: 0 when every test that ran passed, 1 when one failed, and {@link #USE_MAVEN} when
 * the changed files do not compile: Maven then builds the step again and shows the errors as usual.
 */
public final class QuickVerify {

    /** The changed files do not compile, or the tools' settings are missing: let Maven do it all. */
    static final int USE_MAVEN = 3;

    private QuickVerify() {}

    /**
     * Usage: {@code QuickVerify <step> <exercise> <exercise-results.tsv> <log> [changed .java file …]},
     * run in the step's folder.
     */
    public static void main(String[] args) throws IOException {
        String step = args[0];
        String exercise = args[1];
        Path results = Path.of(args[2]).toAbsolutePath();
        Path log = Path.of(args[3]).toAbsolutePath();
        List<Path> changed = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            changed.add(Path.of(args[i]));
        }
        Properties settings = settings();
        if (settings == null) {
            System.exit(USE_MAVEN);
        }

        watchdog(Long.parseLong(settings.getProperty("jvmTimeout", "600")));
        PrintStream screen = System.out;
        PrintStream screenErr = System.err;
        boolean compiled;
        try (PrintStream toLog = new PrintStream(new FileOutputStream(log.toFile()), true)) {
            // As Surefire's redirectTestOutputToFile: what the servers print goes to the log, not the screen.
            System.setOut(toLog);
            System.setErr(toLog);
            compiled = compile(changed, toLog);
            if (compiled) {
                runTests(Path.of("target/test-classes"), exercise, results, settings);
            }
        } finally {
            System.setOut(screen);
            System.setErr(screenErr);
        }
        if (!compiled) {
            System.exit(USE_MAVEN);
        }
        // Exit, not return: a test may leave a thread behind, and Maven's forked JVM would not wait either.
        System.exit(Verify.report(step, Path.of("README.md"), results, log));
    }

    /**
     * The last net, as Surefire's {@code forkedProcessTimeoutInSeconds}: a test stuck where no JUnit
     * timeout can interrupt it (a socket read that waits for ever) ends the run after {@code seconds}.
     */
    static void watchdog(long seconds) {
        PrintStream screen = System.out;
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(seconds * 1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    screen.println("The tests still ran after " + seconds + " s: stopped (a test stuck where no"
                            + " time-out reaches it; see the log).");
                    Runtime.getRuntime().halt(1);
                },
                "quick-verify-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The parent POM's test settings, as the tools were built with them; null if missing. */
    static Properties settings() throws IOException {
        try (InputStream in = QuickVerify.class.getResourceAsStream("test-run.properties")) {
            if (in == null) {
                return null;
            }
            Properties settings = new Properties();
            settings.load(in);
            return settings;
        }
    }

    /**
     * Compiles the changed files as Maven would (same release, same lint), main sources into
     * {@code target/classes} and tests into {@code target/test-classes}: every other class is already
     * there, on this JVM's class path. False if a file does not compile.
     */
    static boolean compile(List<Path> changed, PrintStream log) {
        List<String> main = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (Path file : changed) {
            (file.startsWith(Path.of("src", "test")) ? test : main).add(file.toString());
        }
        String classPath = System.getProperty("java.class.path");
        return javac(main, "target/classes", classPath, log) && javac(test, "target/test-classes", classPath, log);
    }

    /** Compiles {@code files} as Maven would, against {@code classPath}, into {@code output}. */
    static boolean javac(List<String> files, String output, String classPath, PrintStream log) {
        if (files.isEmpty()) {
            return true;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return false;
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--release",
                "17",
                "-Xlint:all,-processing,-serial",
                "-implicit:none",
                "-proc:none",
                "-encoding",
                "UTF-8",
                "-sourcepath",
                "",
                "-classpath",
                classPath,
                "-d",
                output));
        arguments.addAll(files);
        log.println("[quick verify] javac " + files);
        return compiler.run(null, log, log, arguments.toArray(String[]::new)) == 0;
    }

    /**
     * The exercise's tests (JUnit tag) found in {@code testClasses}, recorded in {@code results} by
     * {@link ResultsRecorder}.
     */
    static void runTests(Path testClasses, String exercise, Path results, Properties settings) {
        Map<String, String> junit = new HashMap<>();
        for (String key : settings.stringPropertyNames()) {
            if (key.startsWith("system.")) {
                System.setProperty(key.substring("system.".length()), settings.getProperty(key));
            } else if (key.startsWith("junit.")) {
                junit.put(key, settings.getProperty(key));
            }
        }
        // Read by ResultsRecorder, which JUnit's launcher creates below (META-INF/services).
        System.setProperty("course.results", results.toString());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                .filters(TagFilter.includeTags(exercise))
                .configurationParameters(junit)
                .build();
        try {
            LauncherFactory.create().execute(request);
        } catch (RuntimeException failure) {
            // A launcher failure is a run with no results: the scoreboard says nothing ran.
            failure.printStackTrace();
        }
        if (!Files.exists(results)) {
            try {
                Files.writeString(results, "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
