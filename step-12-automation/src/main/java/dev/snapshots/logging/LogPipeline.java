package dev.snapshots.logging;

import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.http.BearerToken;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The central log tier, as one box: the pipeline (a Redis stream every server appends to), the
 * indexer, the store (an H2 server of its own) and the search endpoint. Each server ships to it
 * through an appender of its own ({@link #ship}). Every part requires this run's credentials.
 */
public final class LogPipeline implements AutoCloseable {

    /** How long a shipper waits for the pipeline's Redis before it counts as down. */
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final LogSettings settings;
    private final RedisServer redis;
    private final DatabaseServer storeServer;
    private final Database storeDatabase;
    private final LogStore store;
    private final LogIndexer indexer;
    private final LogSearchServer search;
    private final String searchToken;
    private final List<ShippingAppender> appenders = new CopyOnWriteArrayList<>();
    private final List<LogShipper> shippers = new CopyOnWriteArrayList<>();

    private LogPipeline(LogSettings settings) {
        this.settings = settings;
        this.redis = RedisServer.startTemporary(LogSettings.redisSettings());
        try {
            this.storeServer = DatabaseServer.startTemporary();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        try {
            this.storeDatabase = Database.connect(storeServer.config("logs"));
            this.store = new LogStore(storeDatabase).createTables();
            this.indexer = new LogIndexer(connect(), store);
            this.searchToken = BearerToken.newValue();
        } catch (RuntimeException e) {
            storeServer.close();
            redis.close();
            throw e;
        }
        try {
            this.search = new LogSearchServer(store, searchToken).start(0);
        } catch (RuntimeException e) {
            indexer.close();
            storeDatabase.close();
            storeServer.close();
            redis.close();
            throw e;
        }
    }

    /** Starts every part; if one fails, those started are stopped. */
    public static LogPipeline start(LogSettings settings) {
        return new LogPipeline(settings);
    }

    /** Ships the lines of {@code host} (a server's {@link LogFields#HOST}) here, until the result is closed. */
    public ShippingAppender ship(String host) {
        LogShipper shipper = new LogShipper(host, connect(), settings);
        shippers.add(shipper);
        ShippingAppender appender = ShippingAppender.attach(host, shipper);
        appenders.add(appender);
        return appender;
    }

    private redis.clients.jedis.RedisClient connect() {
        return RedisClients.connect("127.0.0.1", redis.port(), redis.password(), TIMEOUT);
    }

    public LogStore store() {
        return store;
    }

    public LogIndexer indexer() {
        return indexer;
    }

    /** The search endpoint's address, and the token it asks for. */
    public InetSocketAddress searchAddress() {
        return search.address();
    }

    public String searchToken() {
        return searchToken;
    }

    /** Lines dropped by every server's shipper so far (their buffers were full). */
    public long dropped() {
        return shippers.stream().mapToLong(LogShipper::dropped).sum();
    }

    /** Lines the pipeline has taken from every server. */
    public long shipped() {
        return shippers.stream().mapToLong(LogShipper::shipped).sum();
    }

    /** The pipeline's Redis server: stop it to see that nobody waits for logs. */
    public RedisServer server() {
        return redis;
    }

    @Override
    public void close() {
        appenders.forEach(ShippingAppender::close);
        indexer.close();
        search.close();
        storeDatabase.close();
        storeServer.close();
        redis.close();
    }
}
