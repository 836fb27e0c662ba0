package dev.snapshots.course;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The starter as the course ships it, whatever a learner has written since. Beside each step's
 * solution, {@code solutions/<step>/starter.manifest} lists every file of the step's
 * {@code src/main/java} with its git blob id (what {@code git hash-object} prints). The reference
 * build ({@code -Psolutions}, the demos, the benchmarks) reads each file from the working tree when
 * it still has that id, else from git's object store ({@code git cat-file}), which keeps the
 * shipped version even after the learner commits. The check keeps the manifest true
 * ({@link FillsStubs}); {@code ./course manifest} writes it again after a starter file changed.
 */
final class StarterManifest {

    static final String FILE = "starter.manifest";

    private StarterManifest() {}

    /** Git's id of a file's content: SHA-1 of {@code "blob <size>\0"} and the bytes. */
    static String blobId(String text) {
        byte[] content = text.getBytes(Sources.CHARSET);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest's text for a starter's files: one {@code <blob id> <path>} line each, sorted by path. */
    static String render(Map<String, String> files) {
        StringBuilder out = new StringBuilder(
                "# The starter's src/main/java as shipped: git blob id and path. Written by ./course manifest.\n");
        new TreeMap<>(files)
                .forEach((path, text) ->
                        out.append(blobId(text)).append(' ').append(path).append('\n'));
        return out.toString();
    }

    /** Path → blob id, from a manifest's text. */
    static Map<String, String> parse(String manifest) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String line : manifest.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            ids.put(line.substring(space + 1), line.substring(0, space));
        }
        return ids;
    }

    /** What is wrong with a step's manifest against its starter's files now; empty when it is true. */
    static Optional<String> problem(Path manifest, Map<String, String> starterFiles) throws IOException {
        String where = "solutions/" + manifest.getParent().getFileName() + "/" + FILE;
        if (!Files.exists(manifest)) {
            return Optional.of(where + " is missing: run ./course manifest");
        }
        if (!Files.readString(manifest, Sources.CHARSET).equals(render(starterFiles))) {
            return Optional.of(where + " does not match the starter's src/main/java: run ./course manifest");
        }
        return Optional.empty();
    }

    /**
     * The pristine starter's files (path → text), or empty when they cannot all be had: no manifest,
     * no git, or an object git does not hold (a copy of the course made without its history).
     */
    static Optional<Map<String, String>> pristine(Path starterDir, Path manifest) throws IOException {
        if (!Files.exists(manifest)) {
            return Optional.empty();
        }
        Map<String, String> ids = parse(Files.readString(manifest, Sources.CHARSET));
        Map<String, String> now = Sources.files(starterDir);
        Map<String, String> files = new TreeMap<>();
        Map<String, String> fromGit = new LinkedHashMap<>();
        ids.forEach((path, id) -> {
            String text = now.get(path);
            if (text != null && blobId(text).equals(id)) {
                files.put(path, text);
            } else {
                fromGit.put(path, id);
            }
        });
        if (fromGit.isEmpty()) {
            return Optional.of(files);
        }
        System.out.println("[INFO] The reference answers, on the starter as shipped: your changes to "
                + String.join(", ", fromGit.keySet()) + " are not in this build (--mine runs your code;"
                + " maintainers who changed a starter: ./course manifest).");
        Optional<List<String>> texts = catFiles(starterDir, List.copyOf(fromGit.values()));
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        for (String path : fromGit.keySet()) {
            files.put(path, texts.get().get(i++));
        }
        return Optional.of(files);
    }

    /** The blobs' contents from git's object store, in order; empty if git is missing or lacks one. */
    private static Optional<List<String>> catFiles(Path inRepository, List<String> ids) {
        try {
            Process git = new ProcessBuilder("git", "cat-file", "--batch")
                    .directory(inRepository.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = git.getOutputStream()) {
                in.write((String.join("\n", ids) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            List<String> texts = new java.util.ArrayList<>();
            try (InputStream out = git.getInputStream()) {
                for (String id : ids) {
                    String header = readLine(out);
                    String[] parts = header.split(" ");
                    if (parts.length != 3 || !parts[0].equals(id) || !parts[1].equals("blob")) {
                        git.destroy();
                        return Optional.empty();
                    }
                    byte[] content = out.readNBytes(Integer.parseInt(parts[2]));
                    out.read(); // the line break after the content
                    texts.add(new String(content, Sources.CHARSET));
                }
            }
            return git.waitFor() == 0 ? Optional.of(texts) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("git cat-file ended early");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** {@code StarterManifest <step folder> ...}: writes each step's manifest from its starter now. */
    public static void main(String[] args) throws IOException {
        for (String step : args) {
            Path dir = Path.of(step);
            Path solutions =
                    dir.toAbsolutePath().getParent().resolve("solutions").resolve(dir.getFileName());
            if (!Files.isDirectory(solutions)) {
                continue;
            }
            Files.writeString(
                    solutions.resolve(FILE), render(Sources.files(dir.resolve("src/main/java"))), Sources.CHARSET);
            System.out.println("wrote solutions/" + dir.getFileName() + "/" + FILE);
        }
    }
}
