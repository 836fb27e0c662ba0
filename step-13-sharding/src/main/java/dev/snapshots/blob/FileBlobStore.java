package dev.snapshots.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A blob store in a directory: each key is a file. Every web server and every worker is given the
 * same directory (its address, for this tier), as they would all be given the same bucket. Provided
 * code.
 */
public final class FileBlobStore implements BlobStore {

    /** Keys are made by the course, never by users; still, nothing may climb out of the directory. */
    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(/[a-z0-9.-]+)*");

    private final Path root;

    public FileBlobStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob store at " + root, e);
        }
    }

    @Override
    public void put(String key, byte[] bytes) {
        Path target = pathOf(key);
        try {
            Files.createDirectories(target.getParent());
            // Written aside, then renamed: a reader (or a worker that dies half-way) never leaves or
            // sees half a file, and two writers of one key leave one whole file.
            Path partial = Files.createTempFile(target.getParent(), ".partial-", "");
            Files.write(partial, bytes);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> !key.contains(".partial-") && key.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + prefix, e);
        }
    }

    /** The directory (the demo prints it). */
    public Path root() {
        return root;
    }

    private Path pathOf(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return root.resolve(key);
    }
}
