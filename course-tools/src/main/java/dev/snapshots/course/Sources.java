package dev.snapshots.course;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading a folder of sources, and the TODOs in them. */
final class Sources {

    /**
     * Files are read and written byte for byte: one char per byte. Java's syntax is ASCII, so the
     * parser reads them all the same, and what is written back is exactly what was read.
     */
    static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    /** A TODO, with the exercise it names if any ("TODO 3.2"). */
    static final Pattern TODO = Pattern.compile("\\bTODO\\b(?:\\s+(\\d+)\\.(\\d+))?");

    /** A TODO found in a file: where it is ({@code file} relative to the folder, 1-based line), and its exercise ID if it names one. */
    record Todo(String file, int line, Optional<String> exercise) {}

    private Sources() {}

    /** Every TODO under a folder, file by file, line by line. */
    static List<Todo> todos(Path dir) throws IOException {
        List<Todo> todos = new ArrayList<>();
        for (Map.Entry<String, String> file : files(dir).entrySet()) {
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = TODO.matcher(lines[i]);
                while (m.find()) {
                    Optional<String> exercise =
                            m.group(1) == null ? Optional.empty() : Optional.of(m.group(1) + "." + m.group(2));
                    todos.add(new Todo(file.getKey(), i + 1, exercise));
                }
            }
        }
        return todos;
    }

    /** Every file under a folder, by path relative to it ('/'-separated), with its text; none if there is no folder. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                files.put(relative, Files.readString(file, CHARSET));
            }
        }
        return files;
    }

    /** The exercise IDs the TODOs in a text name ("3.2"). */
    static Set<String> todoIds(String text) {
        Set<String> ids = new TreeSet<>();
        Matcher m = TODO.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                ids.add(m.group(1) + "." + m.group(2));
            }
        }
        return ids;
    }
}
