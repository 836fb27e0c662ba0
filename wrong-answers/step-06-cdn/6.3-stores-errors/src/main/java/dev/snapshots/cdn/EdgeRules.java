package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;

public final class EdgeRules {

    public static boolean mayStore(int status, HttpHeaders headers) {
        CacheControl cacheControl = CacheControl.of(headers);
        // Wrong: any status the origin gave a lifetime to is kept, errors included.
        if (cacheControl.has("no-store")
                || cacheControl.has("private")
                || headers.firstValue("Set-Cookie").isPresent()) {
            return false;
        }
        return freshFor(headers).compareTo(Duration.ZERO) > 0
                || headers.firstValue("ETag").isPresent();
    }
}
