package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.photos.Upload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Not an exercise: the photo API's checks are provided, and hold on the starter too. Uploads go
 * through the load balancer, as a user's do.
 */
@DisplayName("Bad uploads and bad photo URLs get a 4xx JSON error, and nothing is queued")
class BadUploadTest {

    private static DnsRegistry dns;
    private static Topology topology;

    @BeforeAll
    static void start() {
        dns = new DnsRegistry();
        topology =
                TestTopology.builder(dns).webServers(1).loadBalancer().queue(0).start();
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void every_bad_upload_is_refused_with_its_own_status_and_nothing_is_stored_or_queued() {
        SiteClient client = new SiteClient(dns);
        byte[] png = TestImages.png(64, 64, 3);
        byte[] tooLarge = new byte[Upload.MAX_BYTES + 1];
        System.arraycopy(png, 0, tooLarge, 0, png.length);
        Object[][] cases = {
            {"text/plain", "hello".getBytes(StandardCharsets.UTF_8), 415},
            {"application/json", "{\"photo\": 1}".getBytes(StandardCharsets.UTF_8), 415},
            {"image/gif", "GIF89a....".getBytes(StandardCharsets.US_ASCII), 415},
            {"image/png", new byte[0], 400},
            // 1.5 MB: past the balancer (which takes what the web tier takes), refused by the web tier.
            {"image/png", new byte[1_500_000], 400},
            {"image/png", "not a picture at all".getBytes(StandardCharsets.UTF_8), 400},
            {"image/jpeg", png, 400}, // a PNG that says it is a JPEG
            {"image/png", Arrays.copyOf(png, 12), 400}, // the header cut short
            {"image/png", bomb(100_000, 100_000), 413}, // a tiny file that claims 10 gigapixels
            {"image/png", tooLarge, 413},
        };
        for (Object[] bad : cases) {
            var answer = UploadTest.upload(client, (String) bad[0], (byte[]) bad[1]);
            assertThat(answer.status()).as("%s", answer).isEqualTo(bad[2]);
            assertThat(answer.isJson()).as("a JSON error: %s", answer).isTrue();
            assertThat(answer.body()).as("no internals: %s", answer).doesNotContain("Exception", "at dev.");
        }
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                .as("jobs queued by bad uploads")
                .isZero();
        assertThat(topology.tier(PhotoProcessing.class).storage().blobs().list(""))
                .as("blobs stored by bad uploads")
                .isEmpty();
    }

    @Test
    void bad_photo_urls_are_400_or_404_in_JSON() {
        SiteClient client = new SiteClient(dns);
        String[][] cases = {
            {"/api/photos/not-an-id", "400"},
            {"/api/photos/ABCDEF0123456789ABCDEF0123456789", "400"},
            {"/api/photos/%27%20OR%201=1", "400"},
            {"/api/photos/0123456789abcdef0123456789abcdef", "404"},
            {"/api/photos/0123456789abcdef0123456789abcdef/thumbnails/64", "404"},
            {"/api/photos/0123456789abcdef0123456789abcdef/thumbnails/65", "404"},
            {"/api/photos/0123456789abcdef0123456789abcdef/thumbnails/-1", "404"},
            {"/api/photos/..%2F..%2Fetc/thumbnails/64", "400"},
        };
        for (String[] bad : cases) {
            var answer = client.get("http://snapshots.test" + bad[0]);
            assertThat(answer.status()).as("%s", answer).isEqualTo(Integer.parseInt(bad[1]));
            assertThat(answer.isJson()).as("a JSON error: %s", answer).isTrue();
        }
    }

    /** A PNG signature and a valid IHDR chunk for {@code width} × {@code height}, and nothing else. */
    private static byte[] bomb(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
