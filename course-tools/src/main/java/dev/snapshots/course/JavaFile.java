package dev.snapshots.course;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.nodeTypes.NodeWithModifiers;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration.ConfigOption;
import com.github.javaparser.printer.configuration.PrinterConfiguration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One parsed Java source file and the raw text behind it. JavaParser only finds things (members,
 * their ranges, their signatures); every piece of text taken from the file is the file's own, so a
 * merge keeps its formatting and comments.
 */
final class JavaFile {

    /** A TODO that names an exercise: what makes a method body a stub (CONTRIBUTING.md). */
    static final Pattern EXERCISE_TODO = Pattern.compile("\\bTODO\\s+\\d+\\.\\d+");

    private static final PrinterConfiguration NO_COMMENTS = new DefaultPrinterConfiguration()
            .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_COMMENTS))
            .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_JAVADOC));

    final String text;
    final CompilationUnit unit;
    private final int[] lineStarts;

    private JavaFile(String text, CompilationUnit unit) {
        this.text = text;
        this.unit = unit;
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses Java 17 source; a file that does not parse is an error that names it. */
    static JavaFile parse(String name, String text) {
        ParserConfiguration config =
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            throw new IllegalArgumentException(name + " is not valid Java 17: "
                    + result.getProblems().stream()
                            .map(p -> p.getVerboseMessage().lines().findFirst().orElse(""))
                            .collect(Collectors.joining("; ")));
        }
        return new JavaFile(text, result.getResult().get());
    }

    /** Offset of a position in {@link #text} (JavaParser counts lines and columns from 1). */
    int offset(Position p) {
        return lineStarts[p.line - 1] + p.column - 1;
    }

    /** Offset just after the node's last character. */
    int end(Node node) {
        return offset(range(node).end) + 1;
    }

    int begin(Node node) {
        return offset(range(node).begin);
    }

    /** The node's own text, exactly as written. */
    String raw(Node node) {
        return text.substring(begin(node), end(node));
    }

    int lineStart(int offset) {
        int line = lineOf(offset);
        return lineStarts[line];
    }

    /** Offset just past the end of the line holding {@code offset} (after its line break). */
    int nextLineStart(int offset) {
        int line = lineOf(offset);
        return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    }

    private int lineOf(int offset) {
        int line = 0;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
            line++;
        }
        return line;
    }

    static Range range(Node node) {
        return node.getRange().orElseThrow(() -> new IllegalStateException("no position for " + node));
    }

    /**
     * A member's whole text with its comments: from the first comment above it (after the member or
     * brace before it) to the end of its last line, indentation included, without line break.
     */
    String rawWithComments(BodyDeclaration<?> member) {
        int to = nextLineStart(end(member) - 1);
        String line = text.substring(end(member), to);
        if (!line.isBlank() && !line.strip().startsWith("//")) {
            to = end(member);
        }
        return text.substring(startWithComments(member), to).stripTrailing();
    }

    /** Where a member's text starts, its comments included: the start of its first comment's line. */
    int startWithComments(BodyDeclaration<?> member) {
        int start = begin(member);
        Optional<Comment> own = member.getComment();
        if (own.isPresent() && own.get().getRange().isPresent()) {
            start = Math.min(start, begin(own.get()));
        }
        int previousEnd = previousSiblingEnd(member);
        for (Comment orphan :
                member.getParentNode().map(Node::getOrphanComments).orElse(List.of())) {
            if (orphan.getRange().isPresent() && begin(orphan) > previousEnd && begin(orphan) < start) {
                start = begin(orphan);
            }
        }
        int from = lineStart(start);
        return text.substring(from, start).isBlank() ? from : start;
    }

    private int previousSiblingEnd(BodyDeclaration<?> member) {
        int result = -1;
        Optional<Node> parent = member.getParentNode();
        if (parent.isPresent() && parent.get() instanceof TypeDeclaration<?> type) {
            for (BodyDeclaration<?> other : type.getMembers()) {
                if (other != member && other.getRange().isPresent() && end(other) <= begin(member)) {
                    result = Math.max(result, end(other));
                }
            }
            if (result < 0) {
                result = begin(type);
            }
        }
        return result;
    }

    /** True when the member is a method or constructor whose body holds a {@code TODO S.E}. */
    boolean isStub(BodyDeclaration<?> member) {
        return body(member).map(b -> EXERCISE_TODO.matcher(raw(b)).find()).orElse(false);
    }

    static Optional<BlockStmt> body(BodyDeclaration<?> member) {
        if (member instanceof MethodDeclaration m) {
            return m.getBody();
        }
        if (member instanceof ConstructorDeclaration c) {
            return Optional.of(c.getBody());
        }
        if (member instanceof CompactConstructorDeclaration c) {
            return Optional.of(c.getBody());
        }
        return Optional.empty();
    }

    /** What identifies a member within its type: a method by name and parameter types, a field by its variables. */
    static String key(BodyDeclaration<?> member) {
        if (member instanceof CallableDeclaration<?> c) {
            String parameters = c.getParameters().stream()
                    .map(p -> p.getType().asString() + (p.isVarArgs() ? "..." : ""))
                    .collect(Collectors.joining(", "));
            return c.getNameAsString() + "(" + parameters + ")";
        }
        if (member instanceof CompactConstructorDeclaration c) {
            return c.getNameAsString() + " (compact constructor)";
        }
        if (member instanceof FieldDeclaration f) {
            return "field "
                    + f.getVariables().stream()
                            .map(VariableDeclarator::getNameAsString)
                            .collect(Collectors.joining(", "));
        }
        if (member instanceof TypeDeclaration<?> t) {
            return "type " + t.getNameAsString();
        }
        if (member instanceof AnnotationMemberDeclaration a) {
            return a.getNameAsString() + "()";
        }
        if (member instanceof InitializerDeclaration i) {
            return (i.isStatic() ? "static " : "") + "initializer " + code(i.getBody());
        }
        return member.getClass().getSimpleName() + " " + code(member);
    }

    static boolean isPrivate(BodyDeclaration<?> member) {
        return member instanceof NodeWithModifiers<?> m
                && m.hasModifier(com.github.javaparser.ast.Modifier.Keyword.PRIVATE);
    }

    /** The node as code, comments and formatting left out: equal code gives equal strings. */
    static String code(Node node) {
        return new DefaultPrettyPrinter(NO_COMMENTS).print(node);
    }

    /** A method's or constructor's declaration without its body and comments: modifiers, types, name, throws. */
    static String header(BodyDeclaration<?> member) {
        BodyDeclaration<?> copy = member.clone();
        if (copy instanceof MethodDeclaration m && m.getBody().isPresent()) {
            m.setBody(new BlockStmt());
        } else if (copy instanceof ConstructorDeclaration c) {
            c.setBody(new BlockStmt());
        } else if (copy instanceof CompactConstructorDeclaration c) {
            c.setBody(new BlockStmt());
        }
        return code(copy);
    }

    /** A type's declaration without its members and comments: annotations, modifiers, name, supertypes. */
    static String header(TypeDeclaration<?> type) {
        TypeDeclaration<?> copy = type.clone();
        copy.getMembers().clear();
        if (copy instanceof com.github.javaparser.ast.body.EnumDeclaration e) {
            e.getEntries().clear();
        }
        return code(copy);
    }

    /** An import as written in code ("static java.util.Map.entry", "java.util.*"). */
    static String importName(ImportDeclaration i) {
        return (i.isStatic() ? "static " : "") + i.getNameAsString() + (i.isAsterisk() ? ".*" : "");
    }

    /**
     * The file as code, for comparing two versions that differ only in formatting, import order or
     * the order of members in a type: comments kept, imports and members sorted, layout normalised
     * by the pretty printer.
     */
    String normalised() {
        CompilationUnit copy = unit.clone();
        TreeSet<String> imports =
                copy.getImports().stream().map(JavaFile::importName).collect(Collectors.toCollection(TreeSet::new));
        copy.getImports().clear();
        List<TypeDeclaration<?>> types = new ArrayList<>();
        copy.findAll(TypeDeclaration.class).forEach(type -> types.add(type));
        Collections.reverse(
                types); // nested types first, so that their own order is settled when their outer type sorts them
        for (TypeDeclaration<?> type : types) {
            List<BodyDeclaration<?>> members = new ArrayList<>(type.getMembers());
            members.sort(Comparator.comparing(Node::toString));
            type.getMembers().clear();
            members.forEach(type.getMembers()::add);
        }
        return String.join("\n", imports) + "\n" + copy;
    }
}
