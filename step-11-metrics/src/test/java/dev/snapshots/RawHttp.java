package dev.snapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte for byte. The JDK's client refuses or encodes much of what curl
 * or a scanner sends as it is (a malformed escape, {@code <} in a query string, broken UTF-8), so the
 * tests of such input talk to the site this way.
 */
final class RawHttp {

    /** An answer: its status ({@code -1} when what came back was no HTTP answer), head and body. */
    record Answer(int status, String head, String body) {}

    private RawHttp() {}

    /**
     * Sends one request on a fresh connection ({@code headers}: extra lines, each ending in CRLF) and
     * reads the whole answer, its body de-chunked and decoded as UTF-8.
     */
    static Answer exchange(InetSocketAddress server, String method, String target, String headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            // Room for a loaded machine: these time-outs are the test's own, not a promise of the site's
            // (an answer that never comes still fails the test, later).
            socket.connect(server, 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + target + " HTTP/1.1\r\n"
                    + "Host: " + Topology.SITE + "\r\n"
                    + headers
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.UTF_8));
            try {
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // A server may answer (413) and close before it has read a huge body: read what it said.
            }
            // One character a byte while parsing; the body is decoded as UTF-8 at the end.
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            int headEnd = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 ") || headEnd < 0) {
                return new Answer(-1, answer, "");
            }
            String answerHead = answer.substring(0, headEnd);
            String answerBody = answer.substring(headEnd + 4);
            if (answerHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                answerBody = dechunk(answerBody);
            }
            return new Answer(
                    Integer.parseInt(answerHead.substring(9, 12)),
                    answerHead,
                    new String(answerBody.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a connection reset after the answer (a server that stopped reading a huge body)
        }
        return all.toByteArray();
    }

    /** The chunks of a chunked body joined; a body cut short keeps what arrived. */
    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return body.toString();
            }
            int size = Integer.parseInt(
                    chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            int end = Math.min(chunked.length(), lineEnd + 2 + size);
            body.append(chunked, lineEnd + 2, end);
            at = end + 2;
        }
    }
}
