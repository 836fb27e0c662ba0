package dev.snapshots.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders a process keeps its tiers' files in (a database's, the blob store's, a Redis server's),
 * deleted when their owner closes them. Each holds its process's id ({@link #OWNER_FILE}): a process
 * that was killed cannot delete its folders, so the next one to make a folder of the same kind
 * deletes those whose process is gone. Provided code.
 */
public final class TemporaryFolders {

    /** In each folder: the id of the process that made it. */
    static final String OWNER_FILE = "owner.pid";

    private TemporaryFolders() {}

    /** A new folder {@code <prefix><random>} in the temporary folder, after sweeping leftovers. */
    public static Path create(String prefix) {
        sweepLeftovers(prefix);
        try {
            Path folder = Files.createTempDirectory(prefix);
            // The owner's id goes in a file, not in the name: H2 tells any client that asks for a
            // database it lacks the folder's whole path.
            Files.writeString(
                    folder.resolve(OWNER_FILE),
                    Long.toString(ProcessHandle.current().pid()));
            return folder;
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
                try {
                    if (isLeftover(folder)) {
                        deleteTree(folder);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // Only housekeeping: a folder that cannot be read or deleted now is tried again next time.
                }
            }
        } catch (IOException e) {
            // As above: the temporary folder cannot be listed now; next time, perhaps.
        }
    }

    /**
     * True for a folder whose owner ({@link #OWNER_FILE}) has ended, and for one without an owner
     * (made by an older version) when it has not changed for a day.
     */
    private static boolean isLeftover(Path folder) throws IOException {
        Path owner = folder.resolve(OWNER_FILE);
        if (Files.isRegularFile(owner)) {
            String pid = Files.readString(owner, StandardCharsets.US_ASCII).strip();
            if (!pid.isEmpty() && pid.length() < 19 && pid.chars().allMatch(Character::isDigit)) {
                return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
            }
        }
        return Files.getLastModifiedTime(folder)
                .toInstant()
                .isBefore(Instant.now().minus(Duration.ofDays(1)));
    }
}
