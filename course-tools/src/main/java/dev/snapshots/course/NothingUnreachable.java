package dev.snapshots.course;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The promise that a step carries no code nothing reaches: every file of its starter's
 * {@code src/main/java} is reached from a test, the demo or the benchmark, and every file of its
 * {@code src/test/java} that holds no test (a helper) is reached from one that does. A learner who
 * opens a step should meet only code that the step runs; a tier the later steps stop exercising
 * keeps a carried test or a demo option, or leaves the step.
 *
 * <p>"Reaches" is read from the sources, file by file: a file reaches another when it names that
 * file's type (a type token in code, not in a comment) and may see it (same package, a single-type
 * or on-demand import of its package), or when its text holds the type's full name (a class started
 * as a process by name). Roots: the files with tests ({@code @Test} and its kin), and
 * {@code Demo.java} and {@code Benchmark.java}, which {@code ./course demo} and {@code ./course
 * bench} run.
 */
final class NothingUnreachable {

    static final String NAME = "nothing unreachable";

    /** Entry points besides the tests: what ./course demo and ./course bench start. */
    private static final Set<String> ENTRY_POINTS = Set.of("Demo.java", "Benchmark.java");

    private static final Set<String> TEST_ANNOTATIONS =
            Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");

    private NothingUnreachable() {}

    /** One source file as the reachability needs it. */
    record Source(
            String path,
            String packageName,
            String typeName,
            String text,
            Set<String> names,
            Set<String> imports,
            Set<String> packageImports,
            boolean holdsTests) {

        String qualifiedName() {
            return packageName.isEmpty() ? typeName : packageName + "." + typeName;
        }

        /** This file with what {@code answer} (its solution file) names and imports too. */
        Source with(Source answer) {
            Set<String> allNames = new HashSet<>(names);
            allNames.addAll(answer.names);
            Set<String> allImports = new HashSet<>(imports);
            allImports.addAll(answer.imports);
            Set<String> allPackages = new HashSet<>(packageImports);
            allPackages.addAll(answer.packageImports);
            return new Source(
                    path,
                    packageName,
                    typeName,
                    text + "\n" + answer.text,
                    allNames,
                    allImports,
                    allPackages,
                    holdsTests);
        }

        /** Whether this file names {@code other}'s type where it can see it. */
        boolean reaches(Source other) {
            if (other == this) {
                return false;
            }
            if (mentions(text, other.qualifiedName())) {
                return true;
            }
            if (!names.contains(other.typeName)) {
                return false;
            }
            return packageName.equals(other.packageName)
                    || imports.contains(other.qualifiedName())
                    || packageImports.contains(other.packageName);
        }
    }

    /** Whether {@code text} holds {@code qualifiedName} whole (not {@code a.b.ServerPorts} for {@code a.b.Server}). */
    static boolean mentions(String text, String qualifiedName) {
        // A plain search first: most texts never hold the name, and a pattern for each pair of files
        // would be compiled tens of thousands of times a step.
        if (!text.contains(qualifiedName)) {
            return false;
        }
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(qualifiedName) + "(?!\\w)")
                .matcher(text)
                .find();
    }

    static Promise check(Course.Step step) throws IOException {
        Map<String, String> main = Sources.files(step.dir().resolve("src/main/java"));
        Map<String, String> test = Sources.files(step.dir().resolve("src/test/java"));
        Map<String, String> solution = Sources.files(step.solutionDir().resolve("src/main/java"));
        StringBuilder resources = new StringBuilder();
        for (String folder : List.of("src/main/resources", "src/test/resources")) {
            Sources.files(step.dir().resolve(folder))
                    .values()
                    .forEach(text -> resources.append(text).append('\n'));
        }
        List<String> problems = unreached(main, test, solution, resources.toString());
        int files = (int) (main.keySet().stream()
                        .filter(f -> f.endsWith(".java"))
                        .count()
                + test.keySet().stream().filter(f -> f.endsWith(".java")).count());
        return Promise.of(NAME, files + " files, " + problems.size() + " unreached", problems);
    }

    /**
     * Why each unreached file is a problem, in path order; empty when every file is reached. A
     * solution file's code counts as its starter file's (a stub's answer may use a provided class);
     * a class named in a resource (JUnit's {@code META-INF/services}) is a root.
     */
    static List<String> unreached(
            Map<String, String> main, Map<String, String> test, Map<String, String> solution, String resources) {
        Map<String, Source> sources = new TreeMap<>();
        main.forEach((path, text) -> {
            if (path.endsWith(".java") && !path.endsWith("package-info.java")) {
                Source source = parse("src/main/java/" + path, text);
                String answer = solution.get(path);
                sources.put("src/main/java/" + path, answer == null ? source : source.with(parse(path, answer)));
            }
        });
        test.forEach((path, text) -> {
            if (path.endsWith(".java") && !path.endsWith("package-info.java")) {
                sources.put("src/test/java/" + path, parse("src/test/java/" + path, text));
            }
        });
        Set<Source> reached = new HashSet<>();
        Deque<Source> todo = new ArrayDeque<>();
        for (Source source : sources.values()) {
            boolean entry = source.path().startsWith("src/main/java/")
                    && ENTRY_POINTS.contains(
                            source.path().substring(source.path().lastIndexOf('/') + 1));
            if (source.holdsTests() || entry || mentions(resources, source.qualifiedName())) {
                reached.add(source);
                todo.add(source);
            }
        }
        while (!todo.isEmpty()) {
            Source from = todo.poll();
            for (Source to : sources.values()) {
                if (!reached.contains(to) && from.reaches(to)) {
                    reached.add(to);
                    todo.add(to);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Source source : sources.values()) {
            if (!reached.contains(source)) {
                problems.add(source.path() + ": no test"
                        + (source.path().startsWith("src/main/") ? ", demo or benchmark" : "")
                        + " reaches it: give it one, or let it leave the step (and say so in the README)");
            }
        }
        return problems;
    }

    static Source parse(String path, String text) {
        CompilationUnit unit = JavaFile.parse(path, text).unit;
        String packageName =
                unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        String file = path.substring(path.lastIndexOf('/') + 1);
        String typeName = file.substring(0, file.length() - ".java".length());
        Set<String> imports = new HashSet<>();
        Set<String> packageImports = new HashSet<>();
        for (ImportDeclaration declaration : unit.getImports()) {
            if (declaration.isStatic()) {
                // import static a.b.C.member (or .*): it reaches C
                String name = declaration.getNameAsString();
                imports.add(declaration.isAsterisk() ? name : name.substring(0, name.lastIndexOf('.')));
            } else if (declaration.isAsterisk()) {
                packageImports.add(declaration.getNameAsString());
            } else {
                imports.add(declaration.getNameAsString());
            }
        }
        // Type names used in code: identifier tokens (comments and string literals are other kinds).
        Set<String> names = new HashSet<>();
        boolean holdsTests = false;
        JavaToken previous = null;
        for (JavaToken token : unit.getTokenRange().orElseThrow()) {
            if (token.getCategory().isIdentifier()) {
                names.add(token.getText());
                if (previous != null && previous.getText().equals("@") && TEST_ANNOTATIONS.contains(token.getText())) {
                    holdsTests = true;
                }
            }
            if (!token.getCategory().isWhitespaceOrComment()) {
                previous = token;
            }
        }
        return new Source(path, packageName, typeName, text, names, imports, packageImports, holdsTests);
    }
}
