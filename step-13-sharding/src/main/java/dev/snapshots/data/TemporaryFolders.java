package dev.snapshots.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders a process keeps its tiers' files in (a database's, the blob store's), deleted when their
 * owner closes them. Their names hold the process id ({@code <prefix><pid>-<random>}): a process
 * that was killed cannot delete its folders, so the next one to make a folder of the same kind
 * deletes those whose process is gone. Provided code.
 */
public final class TemporaryFolders {

    private TemporaryFolders() {}

    /** A new folder {@code <prefix><pid>-<random>} in the temporary folder, after sweeping leftovers. */
    public static Path create(String prefix) {
        sweepLeftovers(prefix);
        try {
            return Files.createTempDirectory(prefix + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code folder} and everything in it, deepest first; nothing if it is gone already. */
    public static void deleteTree(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** Deletes the folders of {@code prefix} whose processes have ended without deleting them (a killed run). */
    private static void sweepLeftovers(String prefix) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, prefix + "*")) {
            for (Path folder : folders) {
                if (isLeftover(folder, prefix)) {
                    try {
                        deleteTree(folder);
                    } catch (IOException | UncheckedIOException e) {
                        // Only housekeeping: a folder that cannot be deleted now is tried again next time.
                    }
                }
            }
        } catch (IOException e) {
            // As above: the temporary folder cannot be listed now; next time, perhaps.
        }
    }

    /**
     * True for {@code <prefix><pid>-<random>} when process {@code pid} has ended, and for a folder of
     * another form when it has not changed for a day.
     */
    private static boolean isLeftover(Path folder, String prefix) throws IOException {
        String[] parts =
                folder.getFileName().toString().substring(prefix.length()).split("-");
        if (parts.length == 2
                && !parts[0].isEmpty()
                && parts[0].length() < 19
                && parts[0].chars().allMatch(Character::isDigit)) {
            return ProcessHandle.of(Long.parseLong(parts[0])).isEmpty();
        }
        return Files.getLastModifiedTime(folder)
                .toInstant()
                .isBefore(Instant.now().minus(Duration.ofDays(1)));
    }
}
