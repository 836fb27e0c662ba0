package dev.snapshots.course;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    private Sources() {}

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
