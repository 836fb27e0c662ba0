package dev.snapshots.cdn;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An origin the edge's tests control: each URL answers what the test set, with the headers it set,
 * and every request it gets is recorded. Answers a conditional request for the current ETag with
 * {@code 304} and no body, as a real origin does.
 */
final class TestOrigin implements AutoCloseable {

    /** What the origin answers for one URL; {@code body} may depend on the request (e.g. its cookie). */
    record Answer(int status, Map<String, String> headers, Function<Context, String> body) {}

    /** A request the origin received: its path and query, and the headers the edge sent. */
    record Received(String target, Map<String, String> headers) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final Javalin app;

    TestOrigin() {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/<path>", this::answer);
        });
        app.start("127.0.0.1", 0);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", app.port());
    }

    /** From now on, {@code target} (a path and query) answers {@code status} with these headers and body. */
    void answer(String target, int status, Map<String, String> headers, String body) {
        answers.put(target, new Answer(status, headers, ctx -> body));
    }

    /** The same, with a body made for each request. */
    void answer(String target, int status, Map<String, String> headers, Function<Context, String> body) {
        answers.put(target, new Answer(status, headers, body));
    }

    /** Makes every answer wait {@code delay} first, so that concurrent requests overlap. */
    void delay(Duration delay) {
        this.delay.set(delay);
    }

    /** Requests received for {@code target}, conditional ones included. */
    List<Received> received(String target) {
        return received.stream().filter(r -> r.target().equals(target)).toList();
    }

    int requests() {
        return received.size();
    }

    private void answer(Context ctx) throws InterruptedException {
        String target = ctx.req().getQueryString() == null
                ? ctx.req().getRequestURI()
                : ctx.req().getRequestURI() + "?" + ctx.req().getQueryString();
        Map<String, String> headers = new ConcurrentHashMap<>();
        ctx.headerMap().forEach(headers::put);
        received.add(new Received(target, headers));
        Duration wait = delay.get();
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
        Answer answer = answers.get(target);
        if (answer == null) {
            ctx.status(404).json(Map.of("error", "no such test resource " + target));
            return;
        }
        answer.headers().forEach(ctx::header);
        String etag = answer.headers().get("ETag");
        if (etag != null && etag.equals(ctx.header("If-None-Match")) && answer.status() == 200) {
            ctx.status(304);
            return;
        }
        ctx.status(answer.status()).result(answer.body().apply(ctx).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        app.stop();
    }
}
