package dev.snapshots.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.snapshots.photos.Thumbnailer;
import dev.snapshots.photos.UnreadableImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reason a failed photo shows its owner ({@code GET /api/photos/{id}}, once the job is buried)
 * speaks of the photo, never of the code: no class name, no library's message, no address.
 * Provided: it passes on the starter too.
 */
@DisplayName("A failed photo's reason is written for its owner, not a class name")
class FailureReasonTest {

    /** Words that name the code or the machines behind the site. */
    private static final List<String> INTERNALS =
            List.of("exception", "iio", "javax", "imageio", "sql", "jdbc", "127.0.0.1", "dev.snapshots");

    private static byte[] corruptPng() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] corrupt = Arrays.copyOf(png.toByteArray(), 600);
        byte[] garbage = new byte[600 - 33];
        new Random(7).nextBytes(garbage);
        System.arraycopy(garbage, 0, corrupt, 33, garbage.length); // the header stays, the pixels do not
        return corrupt;
    }

    private static void assertSpeaksOfThePhoto(String reason, String what) {
        assertThat(reason).as("the reason shown for %s", what).isNotBlank();
        for (String word : INTERNALS) {
            assertThat(reason.toLowerCase(java.util.Locale.ROOT))
                    .as("the reason shown for %s: %s", what, reason)
                    .doesNotContain(word);
        }
    }

    @Test
    void a_corrupt_or_foreign_file_is_an_unreadable_image_in_its_owners_words() throws IOException {
        for (byte[] original : List.of(corruptPng(), "GIF89a? not really".getBytes(), new byte[0])) {
            Throwable thrown = catchThrowable(() -> Thumbnailer.make(original));
            assertThat(thrown)
                    .as("what the thumbnailer throws for %d bytes that are not a readable image", original.length)
                    .isInstanceOf(UnreadableImageException.class);
            assertSpeaksOfThePhoto(Worker.reasonFor((Exception) thrown), "an unreadable image");
        }
    }

    @Test
    void any_other_failure_is_told_without_its_details() {
        assertSpeaksOfThePhoto(
                Worker.reasonFor(new SQLException("Connection is broken: 127.0.0.1:9092 (jdbc:h2:tcp)")),
                "a data tier that failed");
        assertSpeaksOfThePhoto(
                Worker.reasonFor(new IllegalStateException("dev.snapshots.blob.FileBlobStore: disk full")),
                "a bug or a full disk");
    }
}
