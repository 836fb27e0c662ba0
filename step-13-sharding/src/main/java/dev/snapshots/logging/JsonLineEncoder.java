package dev.snapshots.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import net.logstash.logback.mask.ValueMasker;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;

/**
 * The course's log line: one JSON object per event, written by logstash-logback-encoder (the
 * encoder most Java services ship to ELK with), never by hand. Its fields: {@code time} (UTC, to
 * the microsecond), {@code level}, {@code logger}, {@code thread}, {@code message}, the logging
 * context's fields ({@link LogFields}), key-value arguments, and {@code stack_trace} when there is
 * a throwable. Every value passes through {@link SecretMasker} first. Used by the console in
 * {@code logback.xml} and by each server's {@link ShippingAppender}.
 */
public final class JsonLineEncoder extends LogstashEncoder {

    public JsonLineEncoder() {
        LogstashFieldNames names = getFieldNames();
        names.setTimestamp("time");
        names.setLogger("logger");
        names.setThread("thread");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        setTimestampPattern("[ISO_INSTANT]");
        setTimeZone("UTC");
        // A stack trace of at most 40 frames per exception: the frames that matter are at the top, and
        // a test runner's or a server's 60 frames below them would cost every line that has one.
        ShortenedThrowableConverter throwables = new ShortenedThrowableConverter();
        throwables.setMaxDepthPerThrowable(40);
        setThrowableConverter(throwables);
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new Masking());
        masking.start();
        setJsonGeneratorDecorator(masking);
    }

    /** Hands each string value, with its field's name, to the exercise; null means "leave it". */
    private static final class Masking implements ValueMasker {
        @Override
        public Object mask(JsonStreamContext context, Object value) {
            if (!(value instanceof String text)) {
                return null;
            }
            String masked = SecretMasker.mask(context.getCurrentName(), text);
            return masked == null || masked.equals(text) ? null : masked;
        }
    }
}
