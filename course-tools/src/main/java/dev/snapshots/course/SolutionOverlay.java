package dev.snapshots.course;

import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lays a solution file over its starter file: the finished file is the starter with each TODO stub's
 * body replaced by the solution's, the solution's new private members added before the closing brace
 * of their type (new fields after the type's last field, or before its first member if it has no
 * field), and the imports the starter lacks added
 * after its last import. It splices text: everything outside those places is the starter's, byte for
 * byte. A solution file may be partial (only stubs and new private members) or complete; from a
 * complete one only the stub bodies and new private members are taken, and members that repeat the
 * starter's are counted as {@link Result#repeated()}. What a solution may hold is in CONTRIBUTING.md.
 *
 * <p>Usage (the {@code solutions} profile in the root pom runs it before compiling a step):
 * {@code SolutionOverlay <starter src/main/java> <solutions/<step>/src/main/java> <output folder>}.
 */
public final class SolutionOverlay {

    /**
     * What the overlay of one file did.
     *
     * @param answered   the stubs whose bodies the solution gave, as "Type.method(Params)"
     * @param added      the new private members
     * @param repeated   members identical (as code) to the starter's, which a partial solution leaves out
     * @param unanswered the starter's stubs the solution leaves unfilled
     * @param problems   what the solution may not do (CONTRIBUTING.md): each left out of the merge
     */
    record Result(
            String merged,
            List<String> answered,
            List<String> added,
            List<String> repeated,
            List<String> unanswered,
            List<String> problems) {}

    private record Edit(int start, int end, String text, int order) {}

    /** Which exercises' stubs to answer (all, or those up to one exercise: "9.2"). */
    private final Predicate<String> answering;
    /**
     * Whether the starter text may hold a learner's code (read from the working tree because the
     * pristine starter was not available): then a solution member that the starter also has is
     * taken as the answer, whatever the starter's body says now.
     */
    private final boolean starterMayBeEdited;

    private final JavaFile starter;
    private final JavaFile solution;
    private final List<Edit> edits = new ArrayList<>();
    private final List<String> answered = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> repeated = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private SolutionOverlay(
            JavaFile starter, JavaFile solution, Predicate<String> answering, boolean starterMayBeEdited) {
        this.starter = starter;
        this.solution = solution;
        this.answering = answering;
        this.starterMayBeEdited = starterMayBeEdited;
    }

    /** Overlays one file; {@code path} only names it in errors. */
    static Result overlay(String path, String starterText, String solutionText) {
        return overlay(path, starterText, solutionText, Options.ALL);
    }

    static Result overlay(String path, String starterText, String solutionText, Options options) {
        SolutionOverlay overlay = new SolutionOverlay(
                JavaFile.parse("starter " + path, starterText),
                JavaFile.parse("solution " + path, solutionText),
                options::answers,
                options.starterMayBeEdited());
        return overlay.run();
    }

    /**
     * How to overlay: {@code upTo} answers only the stubs of exercises up to that one in its step
     * ("9.2": 9.1 and 9.2, the later stubs stay as in the starter); empty answers them all.
     */
    record Options(Optional<String> upTo, boolean starterMayBeEdited) {
        static final Options ALL = new Options(Optional.empty(), false);

        boolean answers(String exercise) {
            return upTo.isEmpty() || compareIds(exercise, upTo.get()) <= 0;
        }
    }

    /** Orders exercise IDs as numbers: 9.2 before 9.10, 9.x before 10.x. */
    static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int steps = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return steps != 0 ? steps : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    /** The finished file: the starter with the solution laid over it. */
    static String merge(String starterText, String solutionText) {
        return overlay("file", starterText, solutionText).merged();
    }

    /** Every stub of a starter file, as "Type.method(Params)". */
    static List<String> stubs(String path, String starterText) {
        JavaFile file = JavaFile.parse(path, starterText);
        List<String> stubs = new ArrayList<>();
        for (TypeDeclaration<?> type : file.unit.getTypes()) {
            collectStubs(file, type, type.getNameAsString(), stubs);
        }
        return stubs;
    }

    private static void collectStubs(JavaFile file, TypeDeclaration<?> type, String path, List<String> stubs) {
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                collectStubs(file, nested, path + "." + nested.getNameAsString(), stubs);
            } else if (file.isStub(member)) {
                stubs.add(path + "." + JavaFile.key(member));
            }
        }
    }

    private Result run() {
        String starterPackage = starter.unit
                .getPackageDeclaration()
                .map(p -> p.getNameAsString())
                .orElse("");
        String solutionPackage = solution.unit
                .getPackageDeclaration()
                .map(p -> p.getNameAsString())
                .orElse("");
        if (!starterPackage.equals(solutionPackage)) {
            problems.add("declares package '" + solutionPackage + "', the starter '" + starterPackage + "'");
        }
        addImports();
        for (TypeDeclaration<?> type : solution.unit.getTypes()) {
            Optional<TypeDeclaration<?>> original = starter.unit.getTypes().stream()
                    .filter(t -> t.getNameAsString().equals(type.getNameAsString()))
                    .findFirst();
            if (original.isEmpty()) {
                problems.add("declares type " + type.getNameAsString() + ", which the starter lacks");
            } else {
                overlayType(original.get(), type, type.getNameAsString());
            }
        }
        List<String> unanswered = stubs("starter", starter.text).stream()
                .filter(s -> !answered.contains(s))
                .toList();
        return new Result(
                apply(),
                List.copyOf(answered),
                List.copyOf(added),
                List.copyOf(repeated),
                unanswered,
                List.copyOf(problems));
    }

    private void addImports() {
        Set<String> present =
                starter.unit.getImports().stream().map(JavaFile::importName).collect(Collectors.toSet());
        List<String> missing = solution.unit.getImports().stream()
                .filter(i -> !present.contains(JavaFile.importName(i)))
                .map(solution::raw)
                .distinct()
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        String lines = String.join("\n", missing) + "\n";
        List<ImportDeclaration> imports = starter.unit.getImports();
        if (!imports.isEmpty()) {
            insert(starter.nextLineStart(starter.end(imports.get(imports.size() - 1)) - 1), lines);
        } else if (starter.unit.getPackageDeclaration().isPresent()) {
            insert(
                    starter.nextLineStart(
                            starter.end(starter.unit.getPackageDeclaration().get()) - 1),
                    "\n" + lines);
        } else {
            insert(0, lines + "\n");
        }
    }

    private void overlayType(TypeDeclaration<?> original, TypeDeclaration<?> answer, String path) {
        if (!JavaFile.header(original).equals(JavaFile.header(answer))) {
            problems.add("changes the declaration of type " + path);
        }
        if (original instanceof EnumDeclaration o
                && answer instanceof EnumDeclaration a
                && !a.getEntries().isEmpty()
                && !o.getEntries().stream()
                        .map(JavaFile::code)
                        .toList()
                        .equals(a.getEntries().stream().map(JavaFile::code).toList())) {
            problems.add("changes the constants of enum " + path);
        }
        Map<String, BodyDeclaration<?>> provided = new LinkedHashMap<>();
        for (BodyDeclaration<?> member : original.getMembers()) {
            provided.putIfAbsent(JavaFile.key(member), member);
        }
        List<String> newFields = new ArrayList<>();
        List<String> newOthers = new ArrayList<>();
        for (BodyDeclaration<?> member : answer.getMembers()) {
            String key = JavaFile.key(member);
            String name = path + "." + key;
            BodyDeclaration<?> mine = provided.get(key);
            if (mine == null) {
                if (member instanceof InitializerDeclaration || !JavaFile.isPrivate(member)) {
                    problems.add("adds " + name + ", which is not private (only private members may be added)");
                    continue;
                }
                (member instanceof FieldDeclaration ? newFields : newOthers).add(solution.rawWithComments(member));
                added.add(name);
            } else if (mine instanceof TypeDeclaration<?> nestedMine
                    && member instanceof TypeDeclaration<?> nestedAnswer) {
                overlayType(nestedMine, nestedAnswer, path + "." + nestedMine.getNameAsString());
            } else if (starter.isStub(mine)) {
                answerStub(mine, member, name);
            } else if (JavaFile.code(mine).equals(JavaFile.code(member))) {
                repeated.add(name);
            } else if (starterMayBeEdited && JavaFile.body(mine).isPresent()) {
                // A stub the learner has filled (or a helper of the same name): the solution's body wins.
                answerStub(mine, member, name);
            } else {
                problems.add("redefines " + name + ", which is provided code, not a TODO stub");
            }
        }
        if (!newFields.isEmpty()) {
            Optional<FieldDeclaration> lastField = original.getMembers().stream()
                    .filter(m -> m instanceof FieldDeclaration)
                    .map(m -> (FieldDeclaration) m)
                    .reduce((first, second) -> second);
            if (lastField.isPresent()) {
                insert(starter.nextLineStart(starter.end(lastField.get()) - 1), String.join("\n", newFields) + "\n");
            } else if (!original.getMembers().isEmpty()) {
                insert(starter.startWithComments(original.getMembers().get(0)), String.join("\n", newFields) + "\n\n");
            } else {
                newOthers.addAll(0, newFields);
            }
        }
        if (!newOthers.isEmpty()) {
            int brace = starter.end(original) - 1;
            int lineStart = starter.lineStart(brace);
            String members = String.join("\n\n", newOthers);
            if (starter.text.substring(lineStart, brace).isBlank()) {
                insert(lineStart, "\n" + members + "\n");
            } else {
                insert(brace, "\n" + members + "\n");
            }
        }
    }

    private void answerStub(BodyDeclaration<?> stub, BodyDeclaration<?> answer, String name) {
        Optional<BlockStmt> body = JavaFile.body(answer);
        if (body.isEmpty()) {
            problems.add("declares the stub " + name + " without a body");
            return;
        }
        if (!JavaFile.header(stub).equals(JavaFile.header(answer))) {
            problems.add("changes the declaration of the stub " + name + " (only its body is the answer)");
        }
        if (JavaFile.EXERCISE_TODO.matcher(solution.raw(body.get())).find()) {
            return; // still the stub: left unanswered
        }
        BlockStmt stubBody = JavaFile.body(stub).orElseThrow();
        Set<String> exercises = Sources.todoIds(starter.raw(stubBody));
        if (!exercises.isEmpty() && !exercises.stream().allMatch(answering)) {
            return; // a later exercise's stub: left as the starter has it
        }
        edits.add(new Edit(starter.begin(stubBody), starter.end(stubBody), solution.raw(body.get()), edits.size()));
        answered.add(name);
    }

    private void insert(int offset, String text) {
        edits.add(new Edit(offset, offset, text, edits.size()));
    }

    private String apply() {
        return apply(starter.text, edits);
    }

    private static String apply(String text, List<Edit> edits) {
        StringBuilder merged = new StringBuilder(text);
        edits.stream()
                .sorted(Comparator.comparingInt(Edit::start)
                        .thenComparingInt(Edit::order)
                        .reversed())
                .forEach(e -> merged.replace(e.start(), e.end(), e.text()));
        return merged.toString();
    }

    /**
     * The finished sources of a step: the starter's files, each solution file laid over its own.
     * Usage: {@code SolutionOverlay <starter sources> <solution sources> <output folder> [option=value ...]},
     * where an empty value leaves the option out:
     * <ul>
     *   <li>{@code manifest=<solutions/<step>/starter.manifest>}: overlay the starter as shipped
     *       ({@link StarterManifest}), not what the working tree holds now;
     *   <li>{@code upTo=9.2}: answer only the stubs of exercises up to this one (the check's
     *       exercise-order promise);
     *   <li>{@code wrong=<wrong-answers/<step>/<S.E>-<slug>>}: lay that wrong answer's files over the
     *       solution's first ({@link #layer}), as {@code ./course wrong-answers} does.
     * </ul>
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: SolutionOverlay <starter sources> <solution sources>"
                    + " <output folder> [manifest=FILE] [upTo=S.E] [wrong=DIR]");
        }
        Path starterDir = Path.of(args[0]);
        Path solutionDir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : List.of(args).subList(3, args.length)) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            if (!List.of("manifest", "upTo", "wrong").contains(name)) {
                throw new IllegalArgumentException("unknown option " + option);
            }
            String value = eq < 0 ? "" : option.substring(eq + 1).strip();
            if (!value.isEmpty()) {
                options.put(name, value);
            }
        }
        Optional<String> upTo = Optional.ofNullable(options.get("upTo"));
        if (upTo.isPresent() && !upTo.get().matches("\\d+\\.\\d+")) {
            throw new IllegalArgumentException("upTo names an exercise, like 9.2, not '" + upTo.get() + "'");
        }
        Optional<Map<String, String>> pristine = options.containsKey("manifest")
                ? StarterManifest.pristine(starterDir, Path.of(options.get("manifest")))
                : Optional.empty();
        // Without the shipped starter (no manifest, no git), the working tree's is read, and a
        // member the solution gives is taken as the answer even where a learner has filled it.
        boolean starterMayBeEdited = options.containsKey("manifest") && pristine.isEmpty();
        Map<String, String> starter = pristine.isPresent() ? pristine.get() : Sources.files(starterDir);
        Map<String, String> solution = Sources.files(solutionDir);
        if (options.containsKey("wrong")) {
            Path wrong = Path.of(options.get("wrong")).resolve("src/main/java");
            if (!Files.isDirectory(wrong)) {
                throw new IllegalArgumentException("no wrong answer at " + wrong);
            }
            for (Map.Entry<String, String> file : Sources.files(wrong).entrySet()) {
                String base = solution.get(file.getKey());
                solution.put(
                        file.getKey(), base == null ? file.getValue() : layer(file.getKey(), base, file.getValue()));
            }
        }
        deleteRecursively(out);
        Map<String, String> finished = finishedSources(
                starter,
                solution,
                new Options(upTo, starterMayBeEdited),
                (file, problem) ->
                        System.out.println("[WARNING] solution " + file + " " + problem + ": left out of the build"));
        for (Map.Entry<String, String> file : finished.entrySet()) {
            Path target = out.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), Sources.CHARSET);
        }
    }

    interface ProblemSink {
        void report(String file, String problem);
    }

    /**
     * The finished text of every file under {@code starterDir} (by path relative to it), with the
     * solution's files laid over their starters. A solution file the starter lacks, or that is not
     * Java, replaces or adds the file as it is (the check fails it).
     */
    static Map<String, String> finishedSources(Path starterDir, Path solutionDir, ProblemSink sink) throws IOException {
        return finishedSources(Sources.files(starterDir), Sources.files(solutionDir), Options.ALL, sink);
    }

    static Map<String, String> finishedSources(
            Map<String, String> starter, Map<String, String> solution, Options options, ProblemSink sink) {
        Map<String, String> files = new java.util.TreeMap<>(starter);
        for (Map.Entry<String, String> file : solution.entrySet()) {
            String starterText = files.get(file.getKey());
            if (starterText == null || !file.getKey().endsWith(".java")) {
                files.put(file.getKey(), file.getValue());
                continue;
            }
            Result result = overlay(file.getKey(), starterText, file.getValue(), options);
            result.problems().forEach(p -> sink.report(file.getKey(), p));
            files.put(file.getKey(), result.merged());
        }
        return files;
    }

    /**
     * Lays one file in the solutions' format over another: each member of {@code top} replaces the
     * member of {@code base} with the same name and parameters (with its comments), a member base
     * lacks is added before its type's closing brace, and the imports base lacks after its last.
     * A wrong answer is laid over the reference answer this way: it changes only what it names.
     */
    static String layer(String path, String baseText, String topText) {
        JavaFile base = JavaFile.parse("base " + path, baseText);
        JavaFile top = JavaFile.parse("layer " + path, topText);
        List<Edit> edits = new ArrayList<>();
        Set<String> present =
                base.unit.getImports().stream().map(JavaFile::importName).collect(Collectors.toSet());
        List<String> missing = top.unit.getImports().stream()
                .filter(i -> !present.contains(JavaFile.importName(i)))
                .map(top::raw)
                .distinct()
                .toList();
        if (!missing.isEmpty()) {
            List<ImportDeclaration> imports = base.unit.getImports();
            int at = !imports.isEmpty()
                    ? base.nextLineStart(base.end(imports.get(imports.size() - 1)) - 1)
                    : base.nextLineStart(
                            base.end(base.unit.getPackageDeclaration().orElseThrow()) - 1);
            edits.add(new Edit(at, at, String.join("\n", missing) + "\n", edits.size()));
        }
        for (TypeDeclaration<?> type : top.unit.getTypes()) {
            TypeDeclaration<?> under = base.unit.getTypes().stream()
                    .filter(t -> t.getNameAsString().equals(type.getNameAsString()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            path + ": type " + type.getNameAsString() + " is not in the file it is laid over"));
            layerType(base, top, under, type, edits);
        }
        return apply(base.text, edits);
    }

    private static void layerType(
            JavaFile base, JavaFile top, TypeDeclaration<?> under, TypeDeclaration<?> over, List<Edit> edits) {
        Map<String, BodyDeclaration<?>> members = new LinkedHashMap<>();
        under.getMembers().forEach(m -> members.putIfAbsent(JavaFile.key(m), m));
        List<String> added = new ArrayList<>();
        for (BodyDeclaration<?> member : over.getMembers()) {
            BodyDeclaration<?> old = members.get(JavaFile.key(member));
            String text = top.text.substring(top.startWithComments(member), top.end(member));
            if (old instanceof TypeDeclaration<?> oldType && member instanceof TypeDeclaration<?> newType) {
                layerType(base, top, oldType, newType, edits);
            } else if (old != null) {
                edits.add(new Edit(base.startWithComments(old), base.end(old), text, edits.size()));
            } else {
                added.add(text);
            }
        }
        if (!added.isEmpty()) {
            int brace = base.end(under) - 1;
            edits.add(new Edit(brace, brace, "\n" + String.join("\n\n", added) + "\n", edits.size()));
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
